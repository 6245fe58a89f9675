package io.xborder.classify.model;

import io.xborder.classify.Category;
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
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
        return classify(text, start, end, language, PassageContext.of(documentJurisdiction));
    }

    /** As {@link #classify(String, int, int, Language, String)} with what the document says about the passage. */
    public List<Finding> classify(String text, int start, int end, Language language, PassageContext context) {
        PassageAnalysis a = rules.analyze(text, start, end, language, context);
        if (a == null || start == end) {
            return List.of();
        }
        Features f = features.extract(a);
        if (f.outOfScope()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>(2);
        Attributes attributes = null;
        for (Category c : Category.values()) {
            Head head = model.category(c);
            double margin = head.margin(f);
            double p = head.calibration().probability(margin);
            if (p < head.threshold()) {
                continue;
            }
            if (attributes == null) {
                attributes = attributes(f);
            }
            CategoryMatch match = a.matches().stream().filter(m -> m.category() == c).findFirst().orElse(null);
            List<FeatureHit> weighed = weighed(head, f, a);
            List<Evidence> evidence = match != null ? match.evidence() : modelEvidence(head, f, a);
            Explanation why = match != null
                    ? new Explanation(match.rules(), match.boosts(), match.suppressions(), match.score(), round(p),
                            weighed, Explanation.Basis.RULES_AND_MODEL)
                    : new Explanation(List.of(), List.of(), List.of(), 0.0, round(p), weighed,
                            Explanation.Basis.MODEL_ONLY);
            out.add(new Finding(c, round(p), attributes.modality, attributes.mechanisms, a.jurisdictions(),
                    attributes.dataCategories, evidence, why));
        }
        return List.copyOf(out);
    }

    private record Attributes(Modality modality, Set<Mechanism> mechanisms, Set<DataCategory> dataCategories) {
    }

    private Attributes attributes(Features f) {
        Modality modality = null;
        double best = -1;
        for (Map.Entry<Modality, Head> e : model.modalities().entrySet()) {
            double p = e.getValue().probability(f);
            if (p > best) {
                best = p;
                modality = e.getKey();
            }
        }
        Set<Mechanism> mechanisms = EnumSet.noneOf(Mechanism.class);
        model.mechanisms().forEach((m, head) -> {
            if (head.probability(f) >= head.threshold()) {
                mechanisms.add(m);
            }
        });
        Set<DataCategory> data = EnumSet.noneOf(DataCategory.class);
        DataCategory likeliest = DataCategory.OTHER;
        double top = -1;
        for (Map.Entry<DataCategory, Head> e : model.dataCategories().entrySet()) {
            double p = e.getValue().probability(f);
            if (p >= e.getValue().threshold()) {
                data.add(e.getKey());
            }
            if (p > top) {
                top = p;
                likeliest = e.getKey();
            }
        }
        if (data.isEmpty()) {
            data.add(likeliest); // every finding is about some data
        }
        return new Attributes(modality, mechanisms, data);
    }

    /** The named features that weighed most for and against the head's answer, with their words. */
    private static List<FeatureHit> weighed(Head head, Features f, PassageAnalysis a) {
        List<FeatureHit> hits = new ArrayList<>();
        for (int j = 0; j < f.namedCount(); j++) {
            double w = head.contribution(f, f.namedFrom() + j);
            if (w == 0) {
                continue;
            }
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
                    located ? a.start() + e : -1, round(w)));
        }
        hits.sort(Comparator.comparingDouble((FeatureHit h) -> -Math.abs(h.weight())));
        return hits.size() > EXPLAINED_FEATURES ? hits.subList(0, EXPLAINED_FEATURES) : hits;
    }

    /**
     * Evidence of a finding no rule made: the words of the class, place or combination feature that added most to
     * the margin (cue {@code model:<feature>}); the whole passage when no such feature has words.
     */
    private static List<Evidence> modelEvidence(Head head, Features f, PassageAnalysis a) {
        int best = -1;
        double top = 0;
        for (int j = 0; j < f.namedCount(); j++) {
            Features.Kind k = f.kind(j);
            boolean worded = k == Features.Kind.TERM || k == Features.Kind.PAIR || k == Features.Kind.NEAR
                    || k == Features.Kind.TRIPLE;
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

    private static double round(double p) {
        return Math.round(p * 10000.0) / 10000.0;
    }
}
