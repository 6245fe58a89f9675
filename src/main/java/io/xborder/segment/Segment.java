package io.xborder.segment;

import io.xborder.classify.Language;

/** A passage of a text: {@code [start, end)} in UTF-16 code units, its text and detected language. */
public record Segment(int start, int end, String text, Language language) {
}
