package io.xborder.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bounds of one settings mapping, checked while the configuration is built ({@link LimitsValidator}): each
 * {@code @ConfigMapping} that has bounds implements {@link Bounded} and names them in plain Java. A start with a value
 * out of bounds fails with every such key and the reason, as Bean Validation on the mappings did, without building a
 * validator factory first (a tenth of the start's Java time, performance.md).
 */
public final class Limits {

    private final String prefix;
    private final List<String> problems = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();

    Limits(String prefix) {
        this.prefix = prefix;
    }

    /** A settings mapping with bounds. A default method, so that SmallRye Config does not take it for a setting. */
    public interface Bounded {

        /** Names each bounded setting of this mapping, by its key below the mapping's prefix. */
        default void checkBounds(Limits limits) {
        }
    }

    public Limits positive(String name, long value) {
        return check(name, value > 0, "must be greater than 0");
    }

    public Limits positive(String name, Optional<Integer> value) {
        return check(name, value.map(v -> v > 0).orElse(true), "must be greater than 0");
    }

    public Limits positiveOrZero(String name, long value) {
        return check(name, value >= 0, "must be greater than or equal to 0");
    }

    public Limits positiveOrZero(String name, Optional<Integer> value) {
        return check(name, value.map(v -> v >= 0).orElse(true), "must be greater than or equal to 0");
    }

    public Limits atLeast(String name, Duration value, Duration min) {
        return check(name, value.compareTo(min) >= 0, "must be at least " + min.toMillis() + " ms");
    }

    public Limits between(String name, double value, double min, double max) {
        return check(name, value >= min && value <= max, "must be between " + min + " and " + max);
    }

    /** One of the allowed words, in any case. */
    public Limits oneOf(String name, String value, String... allowed) {
        boolean ok = List.of(allowed).contains(value.toLowerCase(Locale.ROOT));
        String words = String.join(", ", List.of(allowed).subList(0, allowed.length - 1)) + " or "
                + allowed[allowed.length - 1];
        return check(name, ok, "must be " + words);
    }

    public Limits minLength(String name, Optional<String> value, int min) {
        return check(name, value.map(v -> v.length() >= min).orElse(true),
                "must have at least " + min + " characters");
    }

    private Limits check(String name, boolean ok, String reason) {
        String key = prefix + "." + name;
        checked.add(key);
        if (!ok) {
            problems.add(key + " " + reason);
        }
        return this;
    }

    /** "key reason" for each setting out of bounds. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The full keys of the settings checked, in bounds or not. */
    public List<String> checked() {
        return List.copyOf(checked);
    }

    /** The bounds of a mapping (whose prefix is given) that implements {@link Bounded}; none otherwise. */
    public static Limits of(String prefix, Object mapping) {
        Limits limits = new Limits(prefix);
        if (mapping instanceof Bounded bounded) {
            bounded.checkBounds(limits);
        }
        return limits;
    }
}
