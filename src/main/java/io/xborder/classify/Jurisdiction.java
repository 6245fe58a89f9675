package io.xborder.classify;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A jurisdiction as the taxonomy names it: an ISO 3166-1 alpha-2 code or {@code EU}; {@link #code()} is the wire
 * value.
 */
public record Jurisdiction(String code) {

    /** What a client must send, for messages: "must be …". */
    public static final String EXPECTED = "an ISO 3166-1 alpha-2 code or EU";

    private static final SortedSet<String> CODES = codeSet();

    public Jurisdiction {
        if (!CODES.contains(code)) {
            throw new IllegalArgumentException("not a jurisdiction code: " + code);
        }
    }

    /** Reads a code as clients send it (trimmed, any case); empty when it names no jurisdiction. */
    public static Optional<Jurisdiction> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String code = value.trim().toUpperCase(Locale.ROOT);
        return CODES.contains(code) ? Optional.of(new Jurisdiction(code)) : Optional.empty();
    }

    /** Every code, sorted. */
    public static Set<String> codes() {
        return CODES;
    }

    @Override
    public String toString() {
        return code;
    }

    private static SortedSet<String> codeSet() {
        TreeSet<String> codes = new TreeSet<>(Arrays.asList(Locale.getISOCountries()));
        codes.add("EU");
        return Collections.unmodifiableSortedSet(codes);
    }
}
