package io.xborder.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Recognises whole lines of scraped pages that are site furniture rather than text: "Advertisement",
 * "Story continues below", "Related: …", 广告, 责任编辑：…, （本文来源：…） and the like.
 *
 * <p>A line is boilerplate when, trimmed and with whitespace runs collapsed, it equals one of the exact lines, contains
 * one of the phrases, or one of the RE2J patterns matches the whole line (all case-insensitive). Lines longer than
 * {@value #MAX_LINE_LENGTH} characters are never boilerplate. The default data lives in
 * {@code segment/boilerplate.yaml} on the classpath. Instances are immutable and thread-safe.
 */
public final class Boilerplate {

    /** Longest line that can be boilerplate; longer lines are real paragraphs. */
    public static final int MAX_LINE_LENGTH = 300;

    static final String RESOURCE = "segment/boilerplate.yaml";

    private final Set<String> exactLines;
    private final List<String> phrases;
    private final Pattern pattern; // null when there are no patterns

    /**
     * @param exactLines lines dropped when equal to a trimmed line, ignoring case
     * @param patterns RE2J patterns that must match a whole trimmed line (matched case-insensitively)
     */
    public Boilerplate(Collection<String> exactLines, Collection<String> patterns) {
        this(exactLines, List.of(), patterns);
    }

    /**
     * @param exactLines lines dropped when equal to a trimmed line, ignoring case
     * @param phrases lines dropped when they contain one of these, ignoring case ("all rights reserved")
     * @param patterns RE2J patterns that must match a whole trimmed line (matched case-insensitively)
     */
    public Boilerplate(Collection<String> exactLines, Collection<String> phrases, Collection<String> patterns) {
        Set<String> exact = new HashSet<>();
        for (String line : exactLines) {
            exact.add(normalise(line));
        }
        this.exactLines = Set.copyOf(exact);
        this.phrases = phrases.stream().map(Boilerplate::normalise).filter(p -> !p.isEmpty()).distinct().toList();
        StringBuilder alternation = new StringBuilder();
        for (String p : patterns) {
            Pattern.compile(p); // fail fast, naming the bad pattern
            if (alternation.length() > 0) {
                alternation.append('|');
            }
            alternation.append("(?:").append(p).append(')');
        }
        // \A: matches() demands the whole line anyway, but only an explicit start anchor lets RE2J stop as soon as
        // no alternative fits the line's first chars; without it the matcher walks every line to its end
        this.pattern = alternation.length() == 0
                ? null
                : Pattern.compile("\\A(?:" + alternation + ")", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** Loads {@code segment/boilerplate.yaml} from the classpath. */
    public static Boilerplate fromClasspath() {
        ClassLoader loader = Boilerplate.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("boilerplate data not found on the classpath: " + RESOURCE);
            }
            return fromYaml(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Reads boilerplate data in the layout of {@code segment/boilerplate.yaml}: a map from language code to
     * {@code exact}, {@code contains} and {@code patterns} lists.
     */
    public static Boilerplate fromYaml(InputStream yaml) throws IOException {
        Map<String, Map<String, List<String>>> byLanguage = new ObjectMapper(new YAMLFactory())
                .readValue(yaml, new TypeReference<Map<String, Map<String, List<String>>>>() {
                });
        List<String> exact = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        if (byLanguage != null) {
            for (Map<String, List<String>> section : byLanguage.values()) {
                if (section == null) {
                    continue;
                }
                exact.addAll(Objects.requireNonNullElse(section.get("exact"), List.of()));
                phrases.addAll(Objects.requireNonNullElse(section.get("contains"), List.of()));
                patterns.addAll(Objects.requireNonNullElse(section.get("patterns"), List.of()));
            }
        }
        return new Boilerplate(exact, phrases, patterns);
    }

    /** Whether the whole line (surrounding whitespace ignored) is boilerplate. */
    public boolean isBoilerplate(String line) {
        return line != null && isBoilerplate(line, 0, line.length());
    }

    /** As {@link #isBoilerplate(String)} for the line {@code text[start, end)}, without copying a long line. */
    boolean isBoilerplate(CharSequence text, int start, int end) {
        if (end - start > 4 * MAX_LINE_LENGTH) {
            return false;
        }
        // the normalised line keeps every non-space char and lower-casing never shortens one, so a line with
        // more non-space chars than the limit is too long without building its normalised form
        if (nonSpaceChars(text, start, end, MAX_LINE_LENGTH + 1) > MAX_LINE_LENGTH) {
            return false;
        }
        String normalised = normalise(text, start, end);
        if (normalised.isEmpty() || normalised.length() > MAX_LINE_LENGTH) {
            return false;
        }
        if (exactLines.contains(normalised)) {
            return true;
        }
        for (String phrase : phrases) {
            if (normalised.contains(phrase)) {
                return true;
            }
        }
        return pattern != null && pattern.matches(normalised);
    }

    /** The non-space chars of {@code text[start, end)}, counted up to {@code cap}. */
    private static int nonSpaceChars(CharSequence text, int start, int end, int cap) {
        int count = 0;
        for (int i = start; i < end && count < cap; i++) {
            if (!CharClasses.isSpace(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    /** Trims, collapses whitespace runs (NBSP and ideographic space included) to one space, lower-cases. */
    static String normalise(String line) {
        return normalise(line, 0, line.length());
    }

    private static String normalise(CharSequence text, int start, int end) {
        char[] out = new char[end - start];
        int n = 0;
        boolean pendingSpace = false;
        boolean contextCase = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (CharClasses.isSpace(c)) {
                pendingSpace = n > 0;
            } else {
                if (pendingSpace) {
                    out[n++] = ' ';
                    pendingSpace = false;
                }
                contextCase |= needsStringLowerCase(c);
                out[n++] = c;
            }
        }
        if (contextCase) {
            return new String(out, 0, n).toLowerCase(Locale.ROOT);
        }
        for (int i = 0; i < n; i++) {
            out[i] = CharClasses.toLowerCase(out[i]);
        }
        return new String(out, 0, n);
    }

    /**
     * Chars whose lower case String.toLowerCase(Locale.ROOT) does not take char by char from
     * Character.toLowerCase: İ (two chars), Σ (final sigma depends on its neighbours) and surrogates (code
     * points). Lines without them are lower-cased char by char, with the same result and no extra copy.
     */
    private static boolean needsStringLowerCase(char c) {
        return c == '\u0130' || c == '\u03A3' || Character.isSurrogate(c);
    }
}
