package io.xborder.http;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Parses and checks the wire values clients send (languages, jurisdiction codes, flags), as 400 on misuse. */
public final class WireValues {

    private static final Set<String> JURISDICTIONS = jurisdictions();

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

    /** An ISO 3166-1 alpha-2 code or EU, upper-cased; null when absent. */
    public static String jurisdiction(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.trim().toUpperCase(Locale.ROOT);
        if (!JURISDICTIONS.contains(code)) {
            throw ProblemException.invalid(field,
                    "must be an ISO 3166-1 alpha-2 code or EU, not '" + clip(value) + "'");
        }
        return code;
    }

    /**
     * A code from a fixed set (e.g. a language), read by {@code parse}; null when absent, 400 naming the
     * {@code allowed} codes when {@code parse} knows it not.
     */
    public static <T> T code(String field, String value, Function<String, Optional<T>> parse, String allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return parse.apply(value).orElseThrow(
                () -> ProblemException.invalid(field, "must be one of " + allowed + ", not '" + clip(value) + "'"));
    }

    /** true/false (absent = false). */
    public static boolean flag(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ProblemException.invalid(field, "must be true or false, not '" + clip(value) + "'");
        };
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

    /** A positive database id; 400 when malformed. */
    public static long id(String field, String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw ProblemException.invalid(field,
                "must be a positive integer, not '" + clip(String.valueOf(value)) + "'");
    }

    /** An ISO date (2024-05-01) or date-time (2024-05-01T10:00:00Z), as a date; null when absent. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return v.length() > 10 ? OffsetDateTime.parse(v).toLocalDate() : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO date such as 2024-05-01, not '" + clip(v) + "'");
        }
    }

    /** A number in [min, max]; null when absent. */
    public static Double number(String field, String value, double min, double max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (!(d >= min && d <= max)) {
                throw ProblemException.invalid(field, "must be between " + min + " and " + max);
            }
            return d;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a number, not '" + clip(value) + "'");
        }
    }

    public static Set<String> knownJurisdictions() {
        return JURISDICTIONS;
    }

    static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static Set<String> jurisdictions() {
        Set<String> codes = new TreeSet<>(Arrays.asList(Locale.getISOCountries()));
        codes.add("EU");
        return Set.copyOf(codes);
    }
}
