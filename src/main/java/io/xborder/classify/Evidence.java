package io.xborder.classify;

/**
 * The words that triggered a finding: {@code [start, end)} in UTF-16 code units of the classified text,
 * {@code text} equal to that substring, {@code cue} the id of the rule that fired.
 */
public record Evidence(int start, int end, String text, String cue) {
}
