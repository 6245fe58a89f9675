package io.xborder.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Segments the shared corpus documents ({@code shared/corpus/documents/*.txt}) and checks them against their
 * sidecars: every listed sentence (findings, negatives, unscored) is exactly one passage, every passage is a listed
 * sentence, and no boilerplate line becomes a passage.
 *
 * <p>The shared directory sits beside the repository in development and CI, not in a user's clone
 * ({@link SharedCorpus}).
 */
class SharedCorpusSegmentationTest {

    private static final Segmenter SEGMENTER = Segmenter.withDefaults();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> documents() throws IOException {
        Path dir = SharedCorpus.root().resolve("corpus").resolve("documents");
        if (!Files.isDirectory(dir)) {
            return Stream.of(Arguments.of(Named.of("shared corpus missing", dir)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> texts = files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
            return texts.stream().map(p -> Arguments.of(Named.of(p.getFileName().toString(), p)));
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyListedSentenceIsExactlyOnePassage(Path document) throws IOException {
        SharedCorpus.require(SharedCorpus.root().relativize(document).toString());
        String name = document.getFileName().toString();
        String text = Files.readString(document, StandardCharsets.UTF_8);
        JsonNode expected = JSON.readTree(document.resolveSibling(name.replace(".txt", ".expected.json")).toFile());

        List<Segment> segments = SEGMENTER.segment(text, null);

        SegmentInvariants.assertValid(text, segments);
        List<String> passages = segments.stream().map(Segment::text).toList();
        Set<String> listed = new HashSet<>();
        for (String sentence : sentences(expected)) {
            listed.add(sentence);
            assertThat(passages).as("passages of %s", name).containsOnlyOnce(sentence);
        }
        assertThat(passages).as("passages of %s that the sidecar does not list", name).allMatch(listed::contains);
        for (JsonNode boilerplate : expected.path("boilerplate")) {
            String line = boilerplate.asText();
            assertThat(passages).as("boilerplate %s in %s", line, name)
                    .noneMatch(p -> p.equals(line) || p.endsWith(" " + line));
        }
        String lang = expected.path("lang").asText();
        if (!lang.isEmpty()) {
            assertThat(segments).as("languages of %s", name)
                    .filteredOn(s -> s.text().length() > 20)
                    .allMatch(s -> s.language().code().equals(lang));
        }
    }

    private static List<String> sentences(JsonNode expected) {
        List<String> out = new ArrayList<>();
        expected.path("findings").forEach(f -> out.add(f.path("text").asText()));
        expected.path("negatives").forEach(n -> out.add(n.asText()));
        expected.path("unscored").forEach(u -> out.add(u.asText()));
        return out;
    }
}
