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
import java.util.List;
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

    FindingScorer(FeatureHasher hasher, Map<Category, LogisticModel> models,
            Map<Category, PlattCalibration> calibrations,
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
        return Optional.of(
                new Score(LogisticModel.sigmoid(margin), calibrations.get(candidate.category()).probability(margin)));
    }

    /**
     * Scores for the rule candidates of one passage, in order ({@code null} where the category has no model): the
     * same numbers as {@link #score(FeatureVector, Language, Finding)}, but the n-grams are hashed once into a
     * plain index array and the named features without building their names, a map or a vector per candidate.
     */
    public Score[] scoreAll(CharSequence text, int start, int end, Language language, List<Finding> candidates) {
        Score[] out = new Score[candidates.size()];
        FeatureHasher.Accumulator grams = null;
        NamedFeatures named = null;
        for (int i = 0; i < out.length; i++) {
            Finding candidate = candidates.get(i);
            LogisticModel model = models.get(candidate.category());
            if (model == null) {
                continue;
            }
            if (grams == null) {
                grams = hasher.textIndices(text, start, end, language);
                named = new NamedFeatures(hasher);
            }
            named.clear();
            namedFeatures(language, candidate, named);
            double margin = model.margin(grams.indices(), grams.size(), named);
            out[i] = new Score(LogisticModel.sigmoid(margin),
                    calibrations.get(candidate.category()).probability(margin));
        }
        return out;
    }

    /** Receives the named features of a candidate, each name as a constant prefix and a rest. */
    interface NamedSink {

        /** Adds {@code prefix + name}; a name added again keeps its first place and the larger value. */
        void add(String prefix, String name, double value);
    }

    /** The rule-derived features of a candidate; the training and the run time read them the same way. */
    static Map<String, Double> namedFeatures(Language language, Finding candidate) {
        Map<String, Double> f = new LinkedHashMap<>();
        namedFeatures(language, candidate, (prefix, name, value) -> f.merge(prefix + name, value, Math::max));
        return f;
    }

    /**
     * The named features in their fixed order. Only rule, boost and suppression names can repeat (all with value
     * 1); every other name is unique, so "keep the larger value" and "overwrite" agree for them.
     */
    static void namedFeatures(Language language, Finding candidate, NamedSink f) {
        f.add("lang:", language.code(), 1.0);
        Explanation x = candidate.explanation();
        for (Explanation.RuleHit hit : x.rules()) {
            f.add("rule:", hit.rule(), 1.0);
        }
        for (Explanation.RuleHit hit : x.boosts()) {
            f.add("boost:", hit.rule(), 1.0);
        }
        for (Explanation.RuleHit hit : x.suppressions()) {
            f.add("suppress:", hit.rule(), 1.0);
        }
        f.add("ruleScore", "", Math.tanh(x.ruleScore() / 4.0));
        f.add("rules", "", Math.min(x.rules().size(), 6) / 6.0);
        f.add("modality:", candidate.modality().name(), 1.0);
        for (Mechanism m : candidate.mechanisms()) {
            f.add("mechanism:", m.name(), 1.0);
        }
        for (DataCategory d : candidate.dataCategories()) {
            f.add("data:", d.name(), 1.0);
        }
        f.add(candidate.jurisdictions().isEmpty() ? "jurisdictions:none" : "jurisdictions:some", "", 1.0);
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
    public record ModelFile(String version, int bits, Map<String, CategoryModel> categories,
            Map<String, Object> training) {

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
