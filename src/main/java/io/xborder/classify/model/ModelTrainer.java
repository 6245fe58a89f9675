package io.xborder.classify.model;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Genre;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.PassageContext;
import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.classify.rules.ContextReader;
import io.xborder.classify.rules.PassageAnalysis;
import io.xborder.classify.rules.RuleEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Trains the {@link Model} from labelled passages: the rules read every passage and its features are extracted; one
 * logistic regression per category is fitted on every passage in scope, and one per mechanism, data category and
 * modality on the passages that have a finding. Each head is calibrated by Platt scaling on out-of-fold margins
 * (k-fold cross-validation, folds by source document so that passages of one document never sit on both sides),
 * and the out-of-fold answers of all heads together give the cross-validated scores in the training report.
 *
 * <p>The heads are fitted independently, one binary decision each, so a passage whose labels leave a category unknown
 * ({@link LabelledPassage#unknownCategories()}, a partly reviewed passage) is masked: it teaches the heads of the
 * categories it is labelled for, while the heads of its unknown categories, the attribute heads (its attributes are
 * incomplete) and the second look's rows of those categories skip it, and it is left out of the cross-validated
 * scores. Every head still answers it out of fold, as it answers any passage.
 *
 * <p>Usage: {@code ModelTrainer <output.bin> <labelled.jsonl>...}.
 */
public final class ModelTrainer {

    public static final int FOLDS = 5;
    private static final String DOCUMENTS = "--documents=";
    /** Attribute heads answer yes from this calibrated probability. */
    private static final double THRESHOLD = 0.5;
    /**
     * A transfer is reported from this calibrated probability, a localisation from 0.5: in 5-fold cross-validation
     * 0.6 rather than 0.5 for transfers took false findings on look-alike passages from 3.1 % to 2.4 % for 0.002 of
     * macro-F1 (0.6 for both: 2.1 % for 0.006); the confidence stays the calibrated probability.
     */
    static final double CATEGORY_THRESHOLD = 0.6;
    private static final double DL_THRESHOLD = 0.5;

    private final RuleEngine rules;
    private final FeatureExtractor extractor;
    private final ContextReader contexts;
    /** The weight of "the cues name this value" in an attribute head's starting point. */
    private static final float PRIOR_WEIGHT = 4f;
    /** The weight of "this category's rules matched" in a category head's starting point. */
    private static final float CATEGORY_PRIOR = 2f;
    /**
     * The second look's probability at which a passage the first look left out is found: with 0.5 the held-out
     * training documents gained as many false findings as right ones; 0.65 keeps the false ones where they were.
     */
    private static final double CONTEXT_THRESHOLD = 0.65;

    private final LogisticModel.Settings settings;
    private final LogisticModel.Settings attributeSettings;
    private Progress progress = (done, total, stage) -> {
    };

    /** What training has done so far, for a caller that shows it: {@code done} of {@code total} steps of a stage. */
    @FunctionalInterface
    public interface Progress {

        void step(int done, int total, String stage);
    }

    /** This trainer, telling {@code listener} how far it is (reading passages, fitting heads, the second look). */
    public ModelTrainer withProgress(Progress listener) {
        this.progress = listener;
        return this;
    }

    public ModelTrainer(RuleEngine rules, LogisticModel.Settings settings) {
        this(rules, settings, settings);
    }

    public ModelTrainer(RuleEngine rules, LogisticModel.Settings settings, LogisticModel.Settings attributeSettings) {
        this.rules = rules;
        this.extractor = new FeatureExtractor(rules);
        this.contexts = new ContextReader(rules, Gazetteer.fromClasspath());
        this.settings = settings;
        this.attributeSettings = attributeSettings;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: ModelTrainer <output.bin> <labelled.jsonl>... [" + DOCUMENTS + "<folder of documents>]");
        }
        long t0 = System.nanoTime();
        List<LabelledPassage> data = new ArrayList<>();
        Map<String, String> documents = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith(DOCUMENTS)) {
                documents.putAll(documents(Path.of(args[i].substring(DOCUMENTS.length()))));
            } else {
                data.addAll(LabelledPassage.read(Path.of(args[i])));
            }
        }
        Trained trained = new ModelTrainer(RuleEngine.fromClasspath(), LogisticModel.Settings.defaults(),
                LogisticModel.Settings.attributes()).train(data, documents);
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            trained.model().write(o);
        }
        System.out.printf("ModelTrainer: %d passages, wrote %s (%d KB) in %d ms%n%s%n", data.size(), out,
                Files.size(out) / 1024, (System.nanoTime() - t0) / 1_000_000, trained.crossValidated());
    }

    /** The texts of the whole documents in {@code folder} ({@code <name>.txt}), by name. */
    public static Map<String, String> documents(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                String name = f.getFileName().toString();
                out.put(name.substring(0, name.length() - 4), Files.readString(f));
            }
        }
        return out;
    }

    /** The model, and the out-of-fold measures of the whole classifier on the training data. */
    public record Trained(Model model, Map<String, QualityMetrics> crossValidation,
            List<QualityMetrics.Scored> outOfFold) {

        /** The cross-validated scores as a table. */
        public String crossValidated() {
            StringBuilder sb = new StringBuilder(QualityMetrics.header()).append('\n');
            crossValidation.forEach((k, m) -> sb.append(m.row("cv " + k)).append('\n'));
            return sb.toString();
        }
    }

    /**
     * A passage as the trainer sees it: gold labels, the category heads' features and all features (null out of
     * scope), fold, rule jurisdictions, and per category whether a finding of it would be anchored
     * ({@link Features#anchored}).
     */
    private record Example(LabelledPassage gold, FeatureVector categoryFeatures, FeatureVector features, int fold,
            Set<String> jurisdictions, boolean[] anchored) {

        /** Whether the first look finds {@code c} here, given its probability {@code p}. */
        boolean finds(Category c, double p, double threshold) {
            return p >= threshold && anchored[c.ordinal()];
        }
    }

    public Trained train(List<LabelledPassage> data) {
        return train(data, Map.of());
    }

    /**
     * Trains the heads on {@code data}, and, from the out-of-fold answers on the sentences of the whole training
     * {@code documents} (name → text; a passage belongs to one by its {@code doc} field), the {@link ContextModel}
     * that takes a second look at a document's passages.
     */
    public Trained train(List<LabelledPassage> data, Map<String, String> documents) {
        List<Example> examples = new ArrayList<>(data.size());
        for (LabelledPassage p : data) {
            if (examples.size() % 500 == 0) {
                progress.step(examples.size(), data.size(), "reading passages");
            }
            PassageAnalysis a = rules.analyze(p.text(), 0, p.text().length(), p.language(), context(p));
            Features f = extractor.extract(a);
            FeatureVector categoryFeatures = f.outOfScope() ? null : f.toCategoryVector();
            boolean[] anchored = new boolean[Category.values().length];
            for (Category c : Category.values()) {
                anchored[c.ordinal()] = f.anchored(c);
            }
            extractor.addAttributeCues(a, f);
            examples.add(new Example(p, categoryFeatures, f.outOfScope() ? null : f.toVector(),
                    fold(p.doc().isEmpty() ? p.id() : p.doc()), Set.copyOf(a.jurisdictions()), anchored));
        }
        List<Example> inScope = examples.stream().filter(e -> e.features() != null).toList();
        // attribute heads: the passages with a finding whose labels are complete (a partly labelled passage's
        // attributes are those of its reviewed findings only)
        List<Example> positives = inScope.stream().filter(e -> e.gold().positive() && e.gold().fullyLabelled())
                .toList();
        long partlyLabelled = examples.stream().filter(e -> !e.gold().fullyLabelled()).count();

        Map<String, HeadFit> fits = new ConcurrentHashMap<>();
        List<Runnable> jobs = new ArrayList<>();
        for (Category c : Category.values()) {
            jobs.add(() -> fits.put("category:" + c, fit("category:" + c, inScope, e -> e.gold().labels(c),
                    e -> e.gold().categories().contains(c), c)));
        }
        for (Mechanism m : Mechanism.values()) {
            jobs.add(() -> fits.put("mechanism:" + m, fit("mechanism:" + m, positives, e -> true,
                    e -> e.gold().mechanisms().contains(m), m)));
        }
        for (DataCategory d : DataCategory.values()) {
            jobs.add(() -> fits.put("data:" + d, fit("data:" + d, positives, e -> true,
                    e -> e.gold().dataCategories().contains(d), d)));
        }
        for (Modality m : Modality.values()) {
            jobs.add(() -> fits.put("modality:" + m, fit("modality:" + m, positives, e -> true,
                    e -> e.gold().modality() == m, m)));
        }
        AtomicInteger fitted = new AtomicInteger();
        progress.step(0, jobs.size(), "fitting heads");
        IntStream.range(0, jobs.size()).parallel().forEach(i -> {
            jobs.get(i).run();
            progress.step(fitted.incrementAndGet(), jobs.size(), "fitting heads");
        });

        List<QualityMetrics.Scored> oof = outOfFold(examples, fits);
        Map<String, QualityMetrics> cv = QualityMetrics.byLanguage(oof);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("passages", data.size());
        report.put("inScope", inScope.size());
        report.put("positives", positives.size());
        report.put("positivesOutOfScope", examples.stream().filter(e -> e.features() == null && e.gold().positive())
                .count());
        if (partlyLabelled > 0) {
            // only then, so that a training on fully labelled data reports (and is versioned) as before
            report.put("partlyLabelled", partlyLabelled);
        }
        report.put("folds", FOLDS);
        Map<String, Object> cvReport = new LinkedHashMap<>();
        cv.forEach((k, m) -> cvReport.put(k, summary(m)));
        report.put("crossValidation", cvReport);

        Map<Category, Model.Trained> categories = new EnumMap<>(Category.class);
        Map<Mechanism, Model.Trained> mechanisms = new EnumMap<>(Mechanism.class);
        Map<DataCategory, Model.Trained> dataCategories = new EnumMap<>(DataCategory.class);
        Map<Modality, Model.Trained> modalities = new EnumMap<>(Modality.class);
        for (Category c : Category.values()) {
            categories.put(c, fits.get("category:" + c).head());
        }
        for (Mechanism m : Mechanism.values()) {
            mechanisms.put(m, fits.get("mechanism:" + m).head());
        }
        for (DataCategory d : DataCategory.values()) {
            dataCategories.put(d, fits.get("data:" + d).head());
        }
        for (Modality m : Modality.values()) {
            modalities.put(m, fits.get("modality:" + m).head());
        }
        progress.step(0, 1, "second look");
        ContextModel context = documents.isEmpty() ? null : fitContext(examples, fits, documents, report);
        String version = "model-" + hash(report.toString() + rules.version());
        return new Trained(new Model(categories, mechanisms, dataCategories, modalities, context, version, report), cv,
                oof);
    }

    /**
     * The second look, fitted per category on the sentences of the training documents in document order: each
     * passage the first look (out of fold) left under a category's threshold is a row, positive when its gold
     * labels carry the category.
     */
    private static ContextModel fitContext(List<Example> examples, Map<String, HeadFit> fits,
            Map<String, String> documents, Map<String, Object> report) {
        double[] thresholds = new double[Category.values().length];
        for (Category c : Category.values()) {
            thresholds[c.ordinal()] = fits.get("category:" + c).head().threshold();
        }
        Map<String, List<Example>> byDocument = new TreeMap<>();
        for (Example e : examples) {
            if (documents.containsKey(e.gold().doc())) {
                byDocument.computeIfAbsent(e.gold().doc(), k -> new ArrayList<>()).add(e);
            }
        }
        Map<Category, List<ContextModel.Row>> rows = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            rows.put(c, new ArrayList<>());
        }
        for (Map.Entry<String, List<Example>> d : byDocument.entrySet()) {
            String text = documents.get(d.getKey());
            List<Example> ordered = d.getValue().stream().filter(e -> text.contains(e.gold().text()))
                    .sorted(Comparator.comparingInt(e -> text.indexOf(e.gold().text()))).toList();
            double[][] p = new double[ordered.size()][];
            boolean[] continues = new boolean[p.length];
            for (int i = 0; i < p.length; i++) {
                Example e = ordered.get(i);
                continues[i] = ContextModel.continues(e.gold().text(), 0, e.gold().text().length());
                if (e.features() != null) {
                    p[i] = new double[thresholds.length];
                    for (Category c : Category.values()) {
                        p[i][c.ordinal()] = fits.get("category:" + c).outOfFold().get(e.gold());
                    }
                }
            }
            ContextModel.Overview document = ContextModel.overview(p, thresholds);
            for (int i = 0; i < p.length; i++) {
                for (Category c : Category.values()) {
                    if (p[i] != null && ordered.get(i).gold().labels(c)
                            && !ordered.get(i).finds(c, p[i][c.ordinal()], thresholds[c.ordinal()])
                            && ContextModel.supported(c, i, document)) {
                        rows.get(c).add(new ContextModel.Row(ContextModel.features(c, p, continues, i, document),
                                ordered.get(i).gold().categories().contains(c)));
                    }
                }
            }
        }
        Map<Category, double[]> weights = new EnumMap<>(Category.class);
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("documents", byDocument.size());
        for (Category c : Category.values()) {
            weights.put(c, ContextModel.fit(rows.get(c)));
            described.put(c + ".rows", rows.get(c).size());
            described.put(c + ".positives", rows.get(c).stream().filter(ContextModel.Row::positive).count());
        }
        ContextModel model = new ContextModel(weights, CONTEXT_THRESHOLD);
        described.put("weights", model.describe());
        report.put("context", described);
        return model;
    }

    /**
     * What a document would tell about the passage: its law's jurisdiction, the jurisdiction it names alone (as for
     * a passage classified on its own), and, for half the passages (by id), the genre of its source, so that the
     * model learns from passages with and without a known genre.
     */
    PassageContext context(LabelledPassage p) {
        PassageContext read = contexts.read(p.text(), List.of(new int[] { 0, p.text().length() }), p.language(),
                p.documentJurisdiction(), null);
        Genre genre = Math.floorMod(FeatureExtractor.hash(p.id()), 2) == 0 ? genre(p) : null;
        return new PassageContext(read.documentJurisdiction(), read.placeJurisdiction(), genre);
    }

    /** The genre of a labelled passage's source, from its document key's prefix or else its origin. */
    static Genre genre(LabelledPassage p) {
        String prefix = p.doc().contains("-") ? p.doc().substring(0, p.doc().indexOf('-')) : p.doc();
        return switch (prefix) {
            case "law", "reg" -> Genre.LAW;
            case "guide" -> Genre.GUIDANCE;
            case "court" -> Genre.DECISION;
            case "headline", "news", "analyst" -> Genre.NEWS;
            case "notice", "vendor", "tender", "contract", "minutes", "memo", "dpa", "product", "misc" ->
                Genre.BUSINESS;
            default -> switch (p.origin()) {
                case "statute", "regulation" -> Genre.LAW;
                case "guidance" -> Genre.GUIDANCE;
                default -> Genre.NEWS;
            };
        };
    }

    /** A fitted head and its out-of-fold probability for each example it was trained on. */
    private record HeadFit(Model.Trained head, Map<LabelledPassage, Double> outOfFold) {
    }

    /**
     * Fits one head on the {@code examples} whose labels answer it ({@code known}); the others (masked) are neither
     * trained on nor calibrated on, but get an out-of-fold answer like the rest. An attribute head starts from what
     * the rules' cues say ({@code cue}: the feature "the cues name this value" weighs {@value #PRIOR_WEIGHT}, the
     * bias the opposite half) and learns corrections of it.
     */
    private HeadFit fit(String name, List<Example> examples, Predicate<Example> known, Predicate<Example> label,
            Enum<?> cue) {
        int bits = cue == null || cue instanceof Category ? Model.CATEGORY_BITS : Model.ATTRIBUTE_BITS;
        float[] prior = new float[1 << bits];
        LogisticModel.Settings s = settings;
        if (cue instanceof Category) {
            if (CATEGORY_PRIOR > 0) {
                prior[0] = -CATEGORY_PRIOR / 2;
                prior[FeatureExtractor.cueIndex(cue) & (prior.length - 1)] = CATEGORY_PRIOR;
            }
        } else if (cue != null) {
            prior[0] = -PRIOR_WEIGHT / 2;
            prior[FeatureExtractor.cueIndex(cue) & (prior.length - 1)] = PRIOR_WEIGHT;
            s = attributeSettings;
        }
        List<PlattCalibration.Point> points = new ArrayList<>(examples.size());
        double[] margins = new double[examples.size()];
        long positives = examples.stream().filter(known.and(label)).count();
        boolean category = cue == null || cue instanceof Category;
        Function<Example, FeatureVector> x = category
                ? e -> e.categoryFeatures().folded(bits)
                : e -> e.features().folded(bits);
        for (int fold = 0; fold < FOLDS; fold++) {
            List<LogisticModel.Example> train = new ArrayList<>();
            for (Example e : examples) {
                if (e.fold() != fold && known.test(e)) {
                    train.add(new LogisticModel.Example(x.apply(e), label.test(e)));
                }
            }
            float[] w = LogisticModel.train(train, prior, s);
            for (int i = 0; i < examples.size(); i++) {
                Example e = examples.get(i);
                if (e.fold() == fold) {
                    margins[i] = LogisticModel.margin(w, x.apply(e));
                    if (known.test(e)) {
                        points.add(new PlattCalibration.Point(margins[i], label.test(e)));
                    }
                }
            }
        }
        PlattCalibration calibration = positives == 0 ? new PlattCalibration(0, 20) : PlattCalibration.fit(points);
        Map<LabelledPassage, Double> oof = new IdentityHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            oof.put(examples.get(i).gold(), calibration.probability(margins[i]));
        }
        // every head answers yes from the calibrated 0.5 (thresholds tuned per head on the out-of-fold answers were
        // tried: better in cross-validation, worse on the blind set and the dev corpus)
        double threshold = cue == Category.DATA_LOCALIZATION
                ? DL_THRESHOLD
                : category ? CATEGORY_THRESHOLD : THRESHOLD;
        List<LogisticModel.Example> all = examples.stream().filter(known)
                .map(e -> new LogisticModel.Example(x.apply(e), label.test(e))).toList();
        float[] w = LogisticModel.train(all, prior, s);
        return new HeadFit(new Model.Trained(w, calibration, threshold), oof);
    }

    /**
     * What the classifier would answer for each passage with heads trained on the other folds; a partly labelled
     * passage is left out, as there is no gold answer to score for its unknown categories.
     */
    private static List<QualityMetrics.Scored> outOfFold(List<Example> examples, Map<String, HeadFit> fits) {
        List<QualityMetrics.Scored> out = new ArrayList<>();
        for (Example e : examples) {
            if (!e.gold().fullyLabelled()) {
                continue;
            }
            Map<Category, Double> cats = new EnumMap<>(Category.class);
            if (e.features() != null) {
                for (Category c : Category.values()) {
                    double p = fits.get("category:" + c).outOfFold().get(e.gold());
                    if (e.finds(c, p, fits.get("category:" + c).head().threshold())) {
                        cats.put(c, p);
                    }
                }
            }
            Set<Mechanism> mech = EnumSet.noneOf(Mechanism.class);
            Set<DataCategory> data = EnumSet.noneOf(DataCategory.class);
            Modality modality = null;
            if (!cats.isEmpty() && e.gold().positive()) {
                // attribute heads have out-of-fold answers for gold positives only (they are trained on those)
                Function<String, Double> p = name -> fits.get(name).outOfFold().getOrDefault(e.gold(), 0.0);
                for (Mechanism m : Mechanism.values()) {
                    if (p.apply("mechanism:" + m) >= fits.get("mechanism:" + m).head().threshold()) {
                        mech.add(m);
                    }
                }
                DataCategory likeliest = DataCategory.OTHER;
                double top = -1;
                for (DataCategory d : DataCategory.values()) {
                    double v = p.apply("data:" + d);
                    if (v >= fits.get("data:" + d).head().threshold()) {
                        data.add(d);
                    }
                    if (v > top) {
                        top = v;
                        likeliest = d;
                    }
                }
                if (data.isEmpty()) {
                    data.add(likeliest);
                }
                double best = -1;
                for (Modality m : Modality.values()) {
                    double v = p.apply("modality:" + m);
                    if (v > best) {
                        best = v;
                        modality = m;
                    }
                }
            }
            out.add(new QualityMetrics.Scored(e.gold(), new Prediction(cats, mech,
                    cats.isEmpty() ? Set.of() : e.jurisdictions(), data, modality)));
        }
        return out;
    }

    private static Map<String, Object> summary(QualityMetrics m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("n", m.n());
        s.put("macroF1", round(m.macroF1()));
        s.put("dataLocalizationF1", round(m.categories().get(Category.DATA_LOCALIZATION).f1()));
        s.put("crossBorderTransferF1", round(m.categories().get(Category.CROSS_BORDER_TRANSFER).f1()));
        s.put("precision", round(m.anyFinding().precision()));
        s.put("recall", round(m.anyFinding().recall()));
        s.put("hardNegativeFp", round(m.hardNegativeFpRate()));
        s.put("mechanismsF1", round(m.mechanisms().f1()));
        s.put("jurisdictionsF1", round(m.jurisdictions().f1()));
        s.put("dataCategoriesF1", round(m.dataCategories().f1()));
        s.put("modalityAccuracy", round(m.modalityAccuracy()));
        s.put("ece", round(m.ece()));
        return s;
    }

    private static int fold(String key) {
        return Math.floorMod(FeatureExtractor.hash(key), FOLDS);
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }

    private static String hash(String s) {
        return DigestUtils.sha256Hex(s).substring(0, 8);
    }
}
