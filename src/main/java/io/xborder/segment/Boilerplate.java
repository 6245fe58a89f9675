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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recognises whole lines of scraped pages that are site furniture rather than text, by class: advertising, bylines,
 * datelines, "Last updated" stamps, feedback widgets ("Was this page helpful?"), share/print/subscribe lines,
 * cookie banners, related-link lists, navigation, copyright and source lines.
 *
 * <p>A line belongs to a class when, trimmed and with whitespace runs collapsed, it equals one of the class's exact
 * lines, contains one of its phrases, or one of its RE2J patterns matches the whole line (all case-insensitive).
 * Lines longer than {@value #MAX_LINE_LENGTH} characters are never boilerplate. A class may open a list (a
 * "Related articles" header): the segmenter then drops the link titles under it too. The default data lives in
 * {@code segment/boilerplate.yaml} on the classpath. Instances are immutable and thread-safe.
 */
public final class Boilerplate {

    /** Longest line that can be boilerplate; longer lines are real paragraphs. */
    public static final int MAX_LINE_LENGTH = 300;

    static final String RESOURCE = "segment/boilerplate.yaml";

    /** One class of furniture: its name, lines, phrases and patterns, and whether it heads a list of links. */
    public record LineClass(String name, Collection<String> exact, Collection<String> contains,
            Collection<String> patterns, boolean opensList) {
    }

    private record Compiled(String name, Set<String> exact, List<String> phrases, Pattern pattern, boolean opensList) {
    }

    private final List<Compiled> classes;
    private final Pattern anyPattern; // null when there are no patterns

    /**
     * One anonymous class of furniture.
     *
     * @param exactLines lines dropped when equal to a trimmed line, ignoring case
     * @param patterns RE2J patterns that must match a whole trimmed line (matched case-insensitively)
     */
    public Boilerplate(Collection<String> exactLines, Collection<String> patterns) {
        this(exactLines, List.of(), patterns);
    }

    /**
     * One anonymous class of furniture.
     *
     * @param exactLines lines dropped when equal to a trimmed line, ignoring case
     * @param phrases lines dropped when they contain one of these, ignoring case ("all rights reserved")
     * @param patterns RE2J patterns that must match a whole trimmed line (matched case-insensitively)
     */
    public Boilerplate(Collection<String> exactLines, Collection<String> phrases, Collection<String> patterns) {
        this(List.of(new LineClass("boilerplate", exactLines, phrases, patterns, false)));
    }

    /** Classes of furniture, tried in order. */
    public Boilerplate(List<LineClass> classes) {
        List<Compiled> compiled = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (LineClass c : classes) {
            Set<String> exact = new HashSet<>();
            for (String line : c.exact()) {
                exact.add(normalise(line));
            }
            List<String> phrases = c.contains().stream().map(Boilerplate::normalise).filter(p -> !p.isEmpty())
                    .distinct().toList();
            Pattern pattern = alternation(c.patterns());
            compiled.add(new Compiled(c.name(), Set.copyOf(exact), phrases, pattern, c.opensList()));
            all.addAll(c.patterns());
        }
        this.classes = List.copyOf(compiled);
        this.anyPattern = alternation(all);
    }

    private static Pattern alternation(Collection<String> patterns) {
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
        return alternation.length() == 0
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
     * Reads boilerplate data in the layout of {@code segment/boilerplate.yaml}: a map from class name to language
     * sections, each with {@code exact}, {@code contains} and {@code patterns} lists and an optional
     * {@code opens-list} flag.
     */
    public static Boilerplate fromYaml(InputStream yaml) throws IOException {
        Map<String, Map<String, Map<String, Object>>> byClass = new ObjectMapper(new YAMLFactory())
                .readValue(yaml, new TypeReference<LinkedHashMap<String, Map<String, Map<String, Object>>>>() {
                });
        List<LineClass> classes = new ArrayList<>();
        if (byClass != null) {
            byClass.forEach((name, languages) -> {
                List<String> exact = new ArrayList<>();
                List<String> phrases = new ArrayList<>();
                List<String> patterns = new ArrayList<>();
                boolean opensList = false;
                for (Map<String, Object> section : languages.values()) {
                    if (section == null) {
                        continue;
                    }
                    exact.addAll(strings(section.get("exact")));
                    phrases.addAll(strings(section.get("contains")));
                    patterns.addAll(strings(section.get("patterns")));
                    opensList |= Boolean.TRUE.equals(section.get("opens-list"));
                }
                classes.add(new LineClass(name, exact, phrases, patterns, opensList));
            });
        }
        return new Boilerplate(classes);
    }

    private static List<String> strings(Object list) {
        if (list == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** Whether the whole line (surrounding whitespace ignored) is boilerplate. */
    public boolean isBoilerplate(String line) {
        return line != null && classOf(line, 0, line.length()) != null;
    }

    /** The class of furniture the whole line belongs to, or null when it is text. */
    public String classOf(String line) {
        return line == null ? null : classOf(line, 0, line.length());
    }

    /** Whether a line of the class heads a list of links whose titles are furniture too. */
    public boolean opensList(String className) {
        for (Compiled c : classes) {
            if (c.name().equals(className)) {
                return c.opensList();
            }
        }
        return false;
    }

    /** As {@link #classOf(String)} for the line {@code text[start, end)}, without copying a long line. */
    String classOf(CharSequence text, int start, int end) {
        if (end - start > 4 * MAX_LINE_LENGTH) {
            return null;
        }
        // the normalised line keeps every non-space char and lower-casing never shortens one, so a line with
        // more non-space chars than the limit is too long without building its normalised form
        if (nonSpaceChars(text, start, end, MAX_LINE_LENGTH + 1) > MAX_LINE_LENGTH) {
            return null;
        }
        String normalised = normalise(text, start, end);
        if (normalised.isEmpty() || normalised.length() > MAX_LINE_LENGTH) {
            return null;
        }
        for (Compiled c : classes) {
            if (c.exact().contains(normalised)) {
                return c.name();
            }
            for (String phrase : c.phrases()) {
                if (normalised.contains(phrase)) {
                    return c.name();
                }
            }
        }
        // a line of two or more sentences is a paragraph, not furniture: the patterns (the costly part, run on
        // every short line of a Chinese text) are not tried
        if (anyPattern == null || sentences(normalised) >= 2 || !anyPattern.matches(normalised)) {
            return null;
        }
        for (Compiled c : classes) {
            if (c.pattern() != null && c.pattern().matches(normalised)) {
                return c.name();
            }
        }
        return null;
    }

    boolean isBoilerplate(CharSequence text, int start, int end) {
        return classOf(text, start, end) != null;
    }
    /** The sentence ends in a normalised line: 。！？ and ". ", "! ", "? " (counted up to 2). */
    private static int sentences(String line) {
        int n = 0;
        for (int i = 0; i < line.length() && n < 2; i++) {
            char c = line.charAt(i);
            if (c == '。' || c == '！' || c == '？'
                    || (c == '.' || c == '!' || c == '?') && i + 1 < line.length() && line.charAt(i + 1) == ' ') {
                n++;
            }
        }
        return n;
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
