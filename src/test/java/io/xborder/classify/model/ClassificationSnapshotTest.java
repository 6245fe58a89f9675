package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.xborder.analysis.DocumentQuality;
import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.Evidence;
import io.xborder.classify.Finding;
import io.xborder.segment.Segmenter;
import io.xborder.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classifier's whole output on the dev corpus and on the project's blind set, finding by finding, against a
 * snapshot committed beside this test ({@code src/test/resources/snapshots}): every passage's span and language in
 * each whole document, and every finding's category, confidence (4 decimals), modality, mechanisms, jurisdictions,
 * data categories and evidence (span and rule). Work on the core that must not change what it finds (a faster scan,
 * a fused segmentation pass, cheaper features) is checked by this test staying green.
 *
 * <p>
 * A change that is meant to change the output (a retrained model, a rule, a lexicon entry) fails it, listing the
 * first differences and writing the new output to {@code target/snapshots}; review the differences, then accept them
 * with {@code -Dxborder.snapshot.update=true} (which rewrites the committed snapshot) and commit the snapshot with the
 * change, so that its diff shows what the change did. The dev part skips, saying so, when the shared corpus is not
 * beside the repository (and fails under {@code CI=true}, {@link SharedCorpus}).
 */
class ClassificationSnapshotTest {

    private static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots");
    private static final Path ACTUAL = Path.of("target/snapshots");
    private static final int SHOWN = 25;

    private static TextAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new TextAnalyzer(Segmenter.withDefaults(), PassageClassifier.fromClasspath());
    }

    @Test
    void blindSetOutputIsUnchanged() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path batch : BlindSetTest.batches()) {
            lines.addAll(passages(LabelledPassage.read(batch.resolve("passages.jsonl"))));
            lines.addAll(documents(DocumentQuality.read(batch.resolve("documents"))));
        }
        assertThat(lines).hasSizeGreaterThan(1000);
        compare("blind.tsv", lines);
    }

    @Test
    void devCorpusOutputIsUnchanged() throws IOException {
        Path passages = SharedCorpus.require("corpus/dev.jsonl");
        Path documents = SharedCorpus.require("corpus/documents");
        List<String> lines = new ArrayList<>(passages(LabelledPassage.read(passages)));
        lines.addAll(documents(DocumentQuality.read(documents)));
        assertThat(lines).hasSizeGreaterThan(400);
        compare("dev.tsv", lines);
    }

    @Test
    void differencesArePairedByTheItemTheyBelongTo() {
        List<String> committed = List.of("passage\ta\t-", "passage\tb\tX\t0.9", "passage\tb\tY\t0.8", "passage\tc\t-");
        assertThat(differences(committed, committed)).isEmpty();
        assertThat(differences(committed,
                List.of("passage\ta\t-", "passage\tb\tX\t0.7", "passage\tb\tY\t0.8", "passage\tc\t-")))
                .containsExactly("- passage\tb\tX\t0.9", "- passage\tb\tY\t0.8", "+ passage\tb\tX\t0.7",
                        "+ passage\tb\tY\t0.8");
        assertThat(differences(committed, List.of("passage\ta\t-", "passage\tb\tX\t0.9", "passage\tc\t-")))
                .containsExactly("- passage\tb\tY\t0.8");
        assertThat(differences(committed, committed.subList(0, 3))).containsExactly("- passage\tc\t-");
    }

    /** One line per finding of each labelled passage, classified alone with its document's jurisdiction. */
    static List<String> passages(List<LabelledPassage> items) {
        List<String> lines = new ArrayList<>();
        for (LabelledPassage p : items) {
            List<Finding> findings = analyzer.classifier().classify(p.text(), 0, p.text().length(), p.language(),
                    p.documentJurisdiction());
            if (findings.isEmpty()) {
                lines.add(String.join("\t", "passage", p.id(), "-"));
            }
            for (Finding f : findings) {
                lines.add(String.join("\t", "passage", p.id(), finding(f)));
            }
        }
        return lines;
    }

    /**
     * Each whole document as the service analyses it (jurisdiction given as an API client that knows it would): one
     * line per passage (span, language) and one per finding under it.
     */
    static List<String> documents(List<DocumentQuality.Document> documents) {
        List<String> lines = new ArrayList<>();
        for (DocumentQuality.Document d : documents) {
            TextAnalyzer.AnalyzedText analyzed = analyzer.analyze(d.text(), d.language(), d.jurisdiction());
            lines.add(String.join("\t", "document", d.name(), String.valueOf(analyzed.language()),
                    String.valueOf(analyzed.passages().size())));
            for (TextAnalyzer.AnalyzedPassage p : analyzed.passages()) {
                String where = d.name() + "#" + p.index();
                lines.add(String.join("\t", "segment", where, p.segment().start() + "-" + p.segment().end(),
                        String.valueOf(p.segment().language())));
                for (Finding f : p.findings()) {
                    lines.add(String.join("\t", "finding", where, finding(f)));
                }
            }
        }
        return lines;
    }

    static String finding(Finding f) {
        return String.join("\t", f.category().name(), String.format(Locale.ROOT, "%.4f", f.confidence()),
                String.valueOf(f.modality()), sorted(f.mechanisms()), sorted(f.jurisdictions()),
                sorted(f.dataCategories()), f.evidence().stream().map(ClassificationSnapshotTest::evidence)
                        .collect(Collectors.joining(" ")));
    }

    private static String evidence(Evidence e) {
        return e.start() + "-" + e.end() + ":" + e.cue();
    }

    private static String sorted(Collection<?> values) {
        return values.isEmpty() ? "-" : values.stream().map(String::valueOf).sorted().collect(Collectors.joining(","));
    }

    private static void compare(String name, List<String> actual) throws IOException {
        Path committed = SNAPSHOTS.resolve(name);
        if (Boolean.getBoolean("xborder.snapshot.update")) {
            Files.createDirectories(SNAPSHOTS);
            Files.write(committed, actual, StandardCharsets.UTF_8);
            System.out.println("snapshot " + committed + " rewritten: " + actual.size() + " lines");
            return;
        }
        Files.createDirectories(ACTUAL);
        Files.write(ACTUAL.resolve(name), actual, StandardCharsets.UTF_8);
        assertThat(committed).as("the committed snapshot (write it with -Dxborder.snapshot.update=true)").exists();
        List<String> expected = Files.readAllLines(committed, StandardCharsets.UTF_8);
        List<String> differences = differences(expected, actual);
        if (!differences.isEmpty()) {
            fail("the classifier's output differs from " + committed + " on " + differences.size()
                    + " lines (- committed, + now; the whole output is in " + ACTUAL.resolve(name)
                    + "). If the change is intended, accept it with -Dxborder.snapshot.update=true and commit the"
                    + " snapshot:\n" + String.join("\n", differences.subList(0, Math.min(SHOWN, differences.size()))));
        }
    }

    /**
     * The lines that differ, paired by their key (the item, or the document passage, they belong to) so that one
     * changed finding shows as one - and one + line rather than shifting everything after it. Each step consumes at
     * least one line, so it ends.
     */
    static List<String> differences(List<String> expected, List<String> actual) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < expected.size() || j < actual.size()) {
            if (i < expected.size() && j < actual.size() && expected.get(i).equals(actual.get(j))) {
                i++;
                j++;
                continue;
            }
            String key = i < expected.size() ? key(expected.get(i)) : key(actual.get(j));
            while (i < expected.size() && key(expected.get(i)).equals(key)) {
                out.add("- " + expected.get(i++));
            }
            while (j < actual.size() && key(actual.get(j)).equals(key)) {
                out.add("+ " + actual.get(j++));
            }
        }
        return out;
    }

    private static String key(String line) {
        String[] parts = line.split("\t", 3);
        return parts.length < 2 ? line : parts[0] + "\t" + parts[1];
    }
}
