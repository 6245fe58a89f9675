package io.xborder.http;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks values that a JSON body carries as strings (a text, a code, an enum name) where no type reads them: a review
 * (a merge patch) and the texts to classify or store; 400 on misuse, 413 for too much text.
 */
public final class WireValues {

    private WireValues() {
    }

    /** A text to classify or store: 400 when missing or blank, 413 over {@code maxChars} characters. */
    public static String text(String field, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "must not be blank");
        }
        if (value.length() > maxChars) {
            throw ProblemException.tooLarge(
                    field + " has " + value.length() + " characters; the limit is " + maxChars);
        }
        return value;
    }

    /**
     * A value of a set that {@code parse} knows (a language, a jurisdiction); null when absent, 400 saying what is
     * {@code expected} ("must be one of en, zh, not 'fr'") when {@code parse} knows it not.
     */
    public static <T> T code(String field, String value, Function<String, Optional<T>> parse, String expected) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return parse.apply(value).orElseThrow(
                () -> ProblemException.invalid(field, "must be " + expected + ", not '" + clip(value) + "'"));
    }

    /** One of an enum's constant names, exactly as the taxonomy spells them; null when absent. */
    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", not '" + clip(value) + "'");
        }
    }

    static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
