package io.xborder.ingest.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Site furniture of HTML pages: the tags, class/id words and main-text selectors of
 * {@code ingest/html-noise.yaml}. Immutable and thread-safe.
 */
final class HtmlNoise {

    static final String RESOURCE = "ingest/html-noise.yaml";

    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}]+|(?<=\\p{Ll})(?=\\p{Lu})");

    /** The YAML layout. */
    record Data(List<String> tags, List<String> words, List<String> prefixes, List<String> main) {
    }

    private final Set<String> tags;
    private final Set<String> words;
    private final List<String> prefixes;
    private final List<String> mainSelectors;

    HtmlNoise(Data data) {
        this.tags = lower(data.tags());
        this.words = lower(data.words());
        this.prefixes = List.copyOf(lower(data.prefixes()));
        this.mainSelectors = List.copyOf(Objects.requireNonNullElse(data.main(), List.of()));
    }

    static HtmlNoise fromClasspath() {
        try (InputStream in = HtmlNoise.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("HTML noise data not found on the classpath: " + RESOURCE);
            }
            return new HtmlNoise(new ObjectMapper(new YAMLFactory()).readValue(in, Data.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    List<String> mainSelectors() {
        return mainSelectors;
    }

    boolean isNoiseTag(Element element) {
        return tags.contains(element.normalName());
    }

    /** Whether a class name or the id of the element names site furniture. */
    boolean hasNoiseName(Element element) {
        for (String name : element.classNames()) {
            if (isNoiseName(name)) {
                return true;
            }
        }
        return isNoiseName(element.id());
    }

    boolean isNoiseName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (String word : WORD_BREAK.split(name)) {
            if (word.isEmpty()) {
                continue;
            }
            String w = word.toLowerCase(Locale.ROOT);
            if (words.contains(w)) {
                return true;
            }
            for (String prefix : prefixes) {
                if (w.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> lower(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : Objects.requireNonNullElse(values, List.<String>of())) {
            if (v != null && !v.isBlank()) {
                out.add(v.trim().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(new LinkedHashSet<>(out));
    }
}
