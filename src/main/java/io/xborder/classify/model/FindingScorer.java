package io.xborder.classify.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Explanation;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The learned scorer on top of the rules: for a candidate finding produced by the rules, the calibrated
 * probability that its category is right, from a logistic regression over the rules that fired (with their
 * boosts and suppressions) and the passage's word or character n-grams. Trained at build time by
 * {@link ScorerTrainer} from the project's own labelled data; immutable and thread-safe.
 */
public final class FindingScorer {

    /** Classpath location of the trained model, written by the build. */
    public static final String RESOURCE = "model/finding-scorer.json";

    private final FeatureHasher hasher;
    private final Map<Category, LogisticModel> models;
    private final Map<Category, PlattCalibration> calibrations;
    private final String version;
    private final Map<String, Object> training;

    FindingScorer(FeatureHasher hasher, Map<Category, LogisticModel> models, Map<Category, PlattCalibration> calibrations,
            String version, Map<String, Object> training) {
        this.hasher = hasher;
        this.models = Map.copyOf(models);
        this.calibrations = Map.copyOf(calibrations);
        this.version = version;
        this.training = training == null ? Map.of() : Map.copyOf(training);
    }

    /** The model the build trained, or empty when the classpath holds none (rules alone then decide). */
    public static Optional<FindingScorer> fromClasspath() {
        try (InputStream in = FindingScorer.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(ModelFile.read(new ObjectMapper().readValue(in, ModelFile.class)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    public String version() {
        return version;
    }

    /** What the build measured while training: candidates, rule precision, out-of-fold accuracy and ECE per category. */
    public Map<String, Object> training() {
        return training;
    }

    /** The uncalibrated model probability and the calibrated one, for a rule candidate. */
    public record Score(double model, double calibrated) {
    }

    public Optional<Score> score(CharSequence text, int start, int end, Language language, Finding candidate) {
        return score(hasher.textFeatures(text, start, end, language), language, candidate);
    }

    /** The n-gram features of a passage, to score several candidates of it without recomputing them. */
    public FeatureVector textFeatures(CharSequence text, int start, int end, Language language) {
        return hasher.textFeatures(text, start, end, language);
    }

    public Optional<Score> score(FeatureVector textFeatures, Language language, Finding candidate) {
        LogisticModel model = models.get(candidate.category());
        if (model == null) {
            return Optional.empty();
        }
        double margin = model.margin(hasher.vector(textFeatures, namedFeatures(language, candidate)));
        return Optional.of(new Score(LogisticModel.sigmoid(margin), calibrations.get(candidate.category()).probability(margin)));
    }

    /** The rule-derived features of a candidate; the training and the run time read them the same way. */
    static Map<String, Double> namedFeatures(Language language, Finding candidate) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("lang:" + language.code(), 1.0);
        Explanation x = candidate.explanation();
        for (Explanation.RuleHit hit : x.rules()) {
            f.merge("rule:" + hit.rule(), 1.0, Math::max);
        }
        for (Explanation.RuleHit hit : x.boosts()) {
            f.merge("boost:" + hit.rule(), 1.0, Math::max);
        }
        for (Explanation.RuleHit hit : x.suppressions()) {
            f.merge("suppress:" + hit.rule(), 1.0, Math::max);
        }
        f.put("ruleScore", Math.tanh(x.ruleScore() / 4.0));
        f.put("rules", Math.min(x.rules().size(), 6) / 6.0);
        f.put("modality:" + candidate.modality().name(), 1.0);
        for (Mechanism m : candidate.mechanisms()) {
            f.put("mechanism:" + m.name(), 1.0);
        }
        for (DataCategory d : candidate.dataCategories()) {
            f.put("data:" + d.name(), 1.0);
        }
        f.put(candidate.jurisdictions().isEmpty() ? "jurisdictions:none" : "jurisdictions:some", 1.0);
        return f;
    }

    FeatureHasher hasher() {
        return hasher;
    }

    Map<Category, LogisticModel> models() {
        return models;
    }

    Map<Category, PlattCalibration> calibrations() {
        return calibrations;
    }

    /** The JSON form of a trained model: sparse weights per category and their calibration. */
    public record ModelFile(String version, int bits, Map<String, CategoryModel> categories, Map<String, Object> training) {

        /** Non-zero weights as parallel arrays, and the Platt parameters. */
        public record CategoryModel(int[] indices, double[] weights, double a, double b) {
        }

        static ModelFile of(FindingScorer scorer, Map<String, Object> training) {
            Map<String, CategoryModel> cats = new LinkedHashMap<>();
            scorer.models.forEach((category, model) -> {
                double[] w = model.weights();
                int n = 0;
                for (double v : w) {
                    n += v != 0 ? 1 : 0;
                }
                int[] idx = new int[n];
                double[] val = new double[n];
                int k = 0;
                for (int i = 0; i < w.length; i++) {
                    if (w[i] != 0) {
                        idx[k] = i;
                        val[k++] = w[i];
                    }
                }
                PlattCalibration c = scorer.calibrations.get(category);
                cats.put(category.name(), new CategoryModel(idx, val, c.a(), c.b()));
            });
            return new ModelFile(scorer.version, scorer.hasher.bits(), cats, training);
        }

        static FindingScorer read(ModelFile file) {
            FeatureHasher hasher = new FeatureHasher(file.bits());
            Map<Category, LogisticModel> models = new EnumMap<>(Category.class);
            Map<Category, PlattCalibration> calibrations = new EnumMap<>(Category.class);
            file.categories().forEach((name, m) -> {
                double[] w = new double[hasher.dimension()];
                for (int i = 0; i < m.indices().length; i++) {
                    w[m.indices()[i]] = m.weights()[i];
                }
                Category category = Category.valueOf(name);
                models.put(category, new LogisticModel(w));
                calibrations.put(category, new PlattCalibration(m.a(), m.b()));
            });
            return new FindingScorer(hasher, models, calibrations, file.version(), file.training());
        }
    }
}
