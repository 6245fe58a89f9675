package io.xborder.http;

import java.util.Optional;

/**
 * A type of a feature's own that query, path and form parameters carry (a language, a jurisdiction), read from its
 * wire form. Features declare their types as beans; {@link ParamConverters} reads them as it reads the built-in
 * ones, so that a value that is none of them is a 400 naming the parameter.
 */
public interface WireType<T> {

    Class<T> type();

    /** The value a trimmed, non-blank wire value names, or empty when it names none. */
    Optional<T> read(String value);

    /** What a valid value is, for the message "must be …, not '…'", e.g. "one of en, zh". */
    String expected();

    /** The wire form of a value. */
    default String write(T value) {
        return value.toString();
    }
}
