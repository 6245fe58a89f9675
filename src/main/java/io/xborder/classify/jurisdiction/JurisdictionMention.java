package io.xborder.classify.jurisdiction;

/** A place in a text that names a jurisdiction: {@code [start, end)} in UTF-16 code units, the code and the matched name. */
public record JurisdictionMention(String code, int start, int end, String name) {
}
