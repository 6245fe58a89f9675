package io.xborder.classify.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Category;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.PassageClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains the {@link FindingScorer} at build time: runs the rules over the project's labelled passages, takes
 * every candidate finding as an example (right when its category is in the gold labels), fits one logistic
 * regression per category, and calibrates it with Platt scaling on out-of-fold margins (k-fold
 * cross-validation), so that confidence matches how often candidates are right.
 *
 * <p>Usage: {@code ScorerTrainer <labelled.jsonl> <output.json>}.
 */
public final class ScorerTrainer {

    static final int BITS = 18;
    static final int FOLDS = 5;

    private ScorerTrainer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ScorerTrainer <labelled.jsonl> <output.json>");
        }
        long t0 = System.nanoTime();
        List<LabelledPassage> data = read(Path.of(args[0]));
        Trained trained = train(data, PassageClassifier.fromClasspath(), LogisticModel.Settings.defaults());
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().writeValue(out.toFile(), FindingScorer.ModelFile.of(trained.scorer(), trained.report()));
        System.out.printf("ScorerTrainer: %d passages, %s, wrote %s in %d ms%n", data.size(), trained.report(), out,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** A passage with its gold categories. */
    public record LabelledPassage(String text, Language language, String jurisdiction, Set<Category> categories) {
    }

    /** The scorer and what training measured (examples, out-of-fold accuracy and calibration error). */
    public record Trained(FindingScorer scorer, Map<String, Object> report) {
    }

    public static List<LabelledPassage> read(Path jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabelledPassage> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            Set<Category> cats = new TreeSet<>();
            n.path("categories").forEach(c -> cats.add(Category.valueOf(c.asText())));
            String jur = n.path("docJurisdiction").isNull() ? null : n.path("docJurisdiction").asText(null);
            out.add(new LabelledPassage(n.get("text").asText(), Language.fromCode(n.get("lang").asText()).orElseThrow(),
                    jur, cats));
        }
        return out;
    }

    public static Trained train(List<LabelledPassage> data, PassageClassifier rules, LogisticModel.Settings settings) {
        FeatureHasher hasher = new FeatureHasher(BITS);
        Map<Category, List<LogisticModel.Example>> examples = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            examples.put(c, new ArrayList<>());
        }
        for (LabelledPassage p : data) {
            for (Finding f : rules.classify(p.text(), 0, p.text().length(), p.language(), p.jurisdiction())) {
                examples.get(f.category()).add(new LogisticModel.Example(
                        hasher.vector(p.text(), 0, p.text().length(), p.language(),
                                FindingScorer.namedFeatures(p.language(), f)),
                        p.categories().contains(f.category())));
            }
        }
        Map<Category, LogisticModel> models = new EnumMap<>(Category.class);
        Map<Category, PlattCalibration> calibrations = new EnumMap<>(Category.class);
        Map<String, Object> report = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            List<LogisticModel.Example> ex = examples.get(c);
            if (ex.size() < 2 * FOLDS) {
                continue;
            }
            List<PlattCalibration.Point> outOfFold = new ArrayList<>();
            for (int fold = 0; fold < FOLDS; fold++) {
                List<LogisticModel.Example> trainPart = new ArrayList<>();
                List<LogisticModel.Example> testPart = new ArrayList<>();
                for (int i = 0; i < ex.size(); i++) {
                    (i % FOLDS == fold ? testPart : trainPart).add(ex.get(i));
                }
                LogisticModel m = LogisticModel.train(trainPart, hasher.dimension(), settings);
                testPart.forEach(e -> outOfFold.add(new PlattCalibration.Point(m.margin(e.features()), e.positive())));
            }
            PlattCalibration calibration = PlattCalibration.fit(outOfFold);
            models.put(c, LogisticModel.train(ex, hasher.dimension(), settings));
            calibrations.put(c, calibration);
            long right = outOfFold.stream()
                    .filter(p -> (calibration
                            .probability(p.margin()) >= ScoredPassageClassifier.DEFAULT_DROP_BELOW) == p.positive())
                    .count();
            long rulesRight = ex.stream().filter(LogisticModel.Example::positive).count();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("candidates", ex.size());
            r.put("rulePrecision", round((double) rulesRight / ex.size()));
            r.put("outOfFoldAccuracy", round((double) right / ex.size()));
            r.put("outOfFoldEce", round(Calibration.expectedCalibrationError(outOfFold, calibration)));
            report.put(c.name(), r);
        }
        String version = "scorer-" + hash(report.toString() + data.size());
        return new Trained(new FindingScorer(hasher, models, calibrations, version, report), report);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String hash(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
