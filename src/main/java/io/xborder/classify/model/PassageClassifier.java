package io.xborder.classify.model;

import io.xborder.classify.Category;
import io.xborder.classify.Confidence;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Evidence;
import io.xborder.classify.Explanation;
import io.xborder.classify.Explanation.FeatureHit;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.PassageContext;
import io.xborder.classify.rules.CategoryMatch;
import io.xborder.classify.rules.PassageAnalysis;
import io.xborder.classify.rules.RuleEngine;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Classifies one passage: the rules read it ({@link RuleEngine}), the features are extracted from what they read
 * ({@link FeatureExtractor}), and the learned {@link Model} decides each category, whether or not a rule matched,
 * and each attribute (modality, mechanisms, data categories); jurisdictions come from the places the passage names
 * and the document's jurisdiction. Evidence is the rules' words when a rule of the category matched, else the words
 * of the features that weighed most. Immutable and thread-safe.
 */
public final class PassageClassifier {

    private static final int MAX_EVIDENCE_SPAN = 300;
    private static final int EXPLAINED_FEATURES = 8;
    private static final Category[] CATEGORIES = Category.values();
    private static final Mechanism[] MECHANISMS = Mechanism.values();
    private static final DataCategory[] DATA_CATEGORIES = DataCategory.values();
    private static final Modality[] MODALITIES = Modality.values();

    private final RuleEngine rules;
    private final FeatureExtractor features;
    private final Model model;
    private final String version;

    public PassageClassifier(RuleEngine rules, Model model) {
        this.rules = rules;
        this.features = new FeatureExtractor(rules);
        this.model = model;
        this.version = rules.version() + "+" + model.version();
    }

    /** The rules and the model from the classpath. */
    public static PassageClassifier fromClasspath() {
        return new PassageClassifier(RuleEngine.fromClasspath(), Model.fromClasspath());
    }

    /** The ruleset version and the model version: stored on every finding. */
    public String version() {
        return version;
    }

    public RuleEngine rules() {
        return rules;
    }

    public Model model() {
        return model;
    }

    /**
     * Findings for {@code text[start, end)} (one passage); at most one per category; evidence offsets are into
     * {@code text}.
     *
     * @param language the passage's language; a language without rules yields no findings
     * @param documentJurisdiction the jurisdiction of the law the passage belongs to, or null (news, contracts)
     */
    public List<Finding> classify(String text, int start, int end, Language language, String documentJurisdiction) {
        return classify(text, start, end, language, PassageContext.of(documentJurisdiction), true);
    }

    /**
     * As {@link #classify(String, int, int, Language, String)} with what the document says about the passage.
     *
     * @param explain whether each finding's explanation lists the features that weighed most (costs a little)
     */
    public List<Finding> classify(String text, int start, int end, Language language, PassageContext context,
            boolean explain) {
        Read r = read(text, start, end, language, context);
        return r == null ? List.of() : findings(r, new double[CATEGORIES.length], explain);
    }

    /** One passage of a document: its span, language, and whether it is classified at all (a heading is not). */
    public record Span(int start, int end, Language language, boolean classified) {
    }

    /**
     * Findings for every passage of a document, in order: each passage as {@link #classify(String, int, int,
     * Language, PassageContext, boolean)} reads it, and then a second look ({@link ContextModel}) at the passages
     * it left out, from what was found around them in the document.
     */
    public List<List<Finding>> classify(String text, List<Span> spans, PassageContext context, boolean explain) {
        List<List<Finding>> out = new ArrayList<>(spans.size());
        double[][] p = new double[spans.size()][];
        boolean[] continues = new boolean[spans.size()];
        boolean[][] owns = new boolean[spans.size()][];
        int read = 0;
        for (int i = 0; i < p.length; i++) {
            Span s = spans.get(i);
            Read r = s.classified() ? read(text, s.start(), s.end(), s.language(), context) : null;
            p[i] = r == null ? null : r.probabilities();
            owns[i] = r == null ? null : r.finds();
            continues[i] = r != null && ContextModel.continues(text, s.start(), s.end());
            out.add(r == null ? List.of() : findings(r, new double[CATEGORIES.length], explain));
            read += r == null ? 0 : 1;
        }
        ContextModel second = model.context();
        if (second == null || read < 2) {
            return out;
        }
        double[] thresholds = new double[CATEGORIES.length];
        for (Category c : CATEGORIES) {
            thresholds[c.ordinal()] = model.category(c).threshold();
        }
        ContextModel.Overview document = ContextModel.overview(p, thresholds);
        for (int i = 0; i < p.length; i++) {
            if (p[i] == null) {
                continue;
            }
            double[] byContext = new double[CATEGORIES.length];
            boolean any = false;
            for (Category c : CATEGORIES) {
                if (!owns[i][c.ordinal()]) {
                    double q = second.probability(c, p, continues, i, document);
                    byContext[c.ordinal()] = q >= second.threshold() ? q : 0;
                    any |= byContext[c.ordinal()] > 0;
                }
            }
            if (any) {
                // read again: what a read holds is the scanner's and the extractor's per-thread scratch space
                Span s = spans.get(i);
                out.set(i, findings(read(text, s.start(), s.end(), s.language(), context), byContext, explain));
            }
        }
        return out;
    }

    /** What the rules and the category heads read in one passage; null when the model does not read it. */
    private Read read(String text, int start, int end, Language language, PassageContext context) {
        PassageAnalysis a = rules.analyze(text, start, end, language, context);
        if (a == null || start == end) {
            return null;
        }
        Features f = features.extract(a);
        if (f.outOfScope()) {
            return null;
        }
        float[] margins = model.categoryMargins(f);
        double[] p = new double[CATEGORIES.length];
        boolean[] finds = new boolean[CATEGORIES.length];
        for (Category c : CATEGORIES) {
            Head head = model.category(c);
            p[c.ordinal()] = head.calibration().probability(margins[c.ordinal()]);
            finds[c.ordinal()] = p[c.ordinal()] >= head.threshold() && f.anchored(c);
        }
        return new Read(a, f, p, finds);
    }

    /**
     * A passage read: valid only until the next passage is read on this thread (the analysis and the features live
     * in per-thread scratch space); the probabilities are its own, and {@code finds} says per category whether they
     * make a finding by themselves: at the head's threshold, and anchored by a rule match or a word or place
     * ({@link Features#anchored}); otherwise only the second look can find it.
     */
    private record Read(PassageAnalysis analysis, Features features, double[] probabilities, boolean[] finds) {
    }

    /**
     * The findings of a passage read: each category its head finds, and each the second look found
     * ({@code byContext}: its probability, 0 where it found nothing).
     */
    private List<Finding> findings(Read r, double[] byContext, boolean explain) {
        PassageAnalysis a = r.analysis();
        Features f = r.features();
        List<Finding> out = new ArrayList<>(2);
        Attributes attributes = null;
        for (Category c : CATEGORIES) {
            Head head = model.category(c);
            double own = r.probabilities()[c.ordinal()];
            boolean found = r.finds()[c.ordinal()];
            if (!found && byContext[c.ordinal()] == 0) {
                continue;
            }
            double p = found ? own : byContext[c.ordinal()];
            if (attributes == null) {
                features.addAttributeCues(a, f);
                attributes = attributes(f);
            }
            CategoryMatch match = null;
            for (CategoryMatch m : a.matches()) {
                match = m.category() == c ? m : match;
            }
            List<FeatureHit> weighed = explain ? weighed(head, f, a) : List.of();
            List<Evidence> evidence = match != null ? match.evidence() : modelEvidence(head, f, a);
            Explanation.Basis basis = !found
                    ? Explanation.Basis.DOCUMENT_CONTEXT
                    : match != null ? Explanation.Basis.RULES_AND_MODEL : Explanation.Basis.MODEL_ONLY;
            Explanation why = match != null
                    ? new Explanation(match.rules(), match.boosts(), match.suppressions(), match.score(),
                            Confidence.rounded(p),
                            weighed, basis)
                    : new Explanation(List.of(), List.of(), List.of(), 0.0, Confidence.rounded(p), weighed, basis);
            out.add(new Finding(c, Confidence.rounded(p), attributes.modality, attributes.mechanisms, a.jurisdictions(),
                    attributes.dataCategories, evidence, why));
        }
        return List.copyOf(out);
    }

    private record Attributes(Modality modality, Set<Mechanism> mechanisms, Set<DataCategory> dataCategories) {
    }

    private Attributes attributes(Features f) {
        float[] margins = model.attributeMargins(f);
        Modality modality = null;
        double best = -1;
        for (Modality m : MODALITIES) {
            int column = Model.MODALITIES + m.ordinal();
            double p = model.attributeProbability(column, margins[column]);
            if (p > best) {
                best = p;
                modality = m;
            }
        }
        Set<Mechanism> mechanisms = EnumSet.noneOf(Mechanism.class);
        for (Mechanism m : MECHANISMS) {
            int column = Model.MECHANISMS + m.ordinal();
            if (model.attributeProbability(column, margins[column]) >= model.attributeThreshold(column)) {
                mechanisms.add(m);
            }
        }
        Set<DataCategory> data = EnumSet.noneOf(DataCategory.class);
        DataCategory likeliest = DataCategory.OTHER;
        double top = -1;
        for (DataCategory d : DATA_CATEGORIES) {
            int column = Model.DATA + d.ordinal();
            double p = model.attributeProbability(column, margins[column]);
            if (p >= model.attributeThreshold(column)) {
                data.add(d);
            }
            if (p > top) {
                top = p;
                likeliest = d;
            }
        }
        if (data.isEmpty()) {
            data.add(likeliest); // every finding is about some data
        }
        return new Attributes(modality, mechanisms, data);
    }

    /** The named features that weighed most for and against the head's answer, with their words. */
    private static List<FeatureHit> weighed(Head head, Features f, PassageAnalysis a) {
        // the few largest contributions by size, kept sorted in small arrays: names are built for those only
        int[] top = new int[EXPLAINED_FEATURES];
        double[] size = new double[EXPLAINED_FEATURES];
        int k = 0;
        for (int j = 0; j < f.categoryNamedCount(); j++) {
            double w = Math.abs(head.contribution(f, f.namedFrom() + j));
            if (w == 0 || k == EXPLAINED_FEATURES && w <= size[k - 1]) {
                continue;
            }
            int at = k < EXPLAINED_FEATURES ? k++ : k - 1;
            while (at > 0 && size[at - 1] < w) {
                size[at] = size[at - 1];
                top[at] = top[at - 1];
                at--;
            }
            size[at] = w;
            top[at] = j;
        }
        List<FeatureHit> hits = new ArrayList<>(k);
        for (int x = 0; x < k; x++) {
            int j = top[x];
            double w = head.contribution(f, f.namedFrom() + j);
            int s = f.spanStart(j, 0);
            int e = f.spanEnd(j, 0);
            int s2 = f.spanStart(j, 1);
            int e2 = f.spanEnd(j, 1);
            if (s2 >= 0) {
                s = Math.min(s, s2);
                e = Math.max(e, e2);
            }
            boolean located = s >= 0 && e > s && e <= a.length();
            hits.add(new FeatureHit(f.name(j), located ? a.words(s, e) : null, located ? a.start() + s : -1,
                    located ? a.start() + e : -1, weight(w)));
        }
        return hits;
    }

    /**
     * Evidence of a finding no rule made: the words of the class, place or combination feature that added most to
     * the margin (cue {@code model:<feature>}); the whole passage when no such feature has words.
     */
    private static List<Evidence> modelEvidence(Head head, Features f, PassageAnalysis a) {
        int best = -1;
        double top = 0;
        for (int j = 0; j < f.categoryNamedCount(); j++) {
            Features.Kind k = f.kind(j);
            boolean worded = k == Features.Kind.TERM || k == Features.Kind.PAIR;
            double w = head.contribution(f, f.namedFrom() + j);
            if (worded && w > top && f.spanStart(j, 0) >= 0) {
                top = w;
                best = j;
            }
        }
        if (best < 0) {
            return List.of(new Evidence(a.start(), a.end(), a.words(0, a.length()), "model:passage"));
        }
        String cue = "model:" + f.name(best);
        int s1 = f.spanStart(best, 0);
        int e1 = f.spanEnd(best, 0);
        int s2 = f.spanStart(best, 1);
        int e2 = f.spanEnd(best, 1);
        if (s2 < 0) {
            return List.of(new Evidence(a.start() + s1, a.start() + e1, a.words(s1, e1), cue));
        }
        int lo = Math.min(s1, s2);
        int hi = Math.max(e1, e2);
        if (hi - lo <= MAX_EVIDENCE_SPAN) {
            return List.of(new Evidence(a.start() + lo, a.start() + hi, a.words(lo, hi), cue));
        }
        return List.of(new Evidence(a.start() + s1, a.start() + e1, a.words(s1, e1), cue),
                new Evidence(a.start() + s2, a.start() + e2, a.words(s2, e2), cue));
    }

    /** A feature's weight in an explanation: four decimals (a confidence has its own rule, {@link Confidence}). */
    private static double weight(double w) {
        return Math.round(w * 10000.0) / 10000.0;
    }
}
