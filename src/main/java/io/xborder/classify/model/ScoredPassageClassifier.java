package io.xborder.classify.model;

import io.xborder.classify.Explanation;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.PassageClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules with the learned scorer on top: every rule candidate gets the scorer's calibrated probability as
 * its confidence, and candidates the scorer finds unlikely are dropped. Without a trained model the rules'
 * own findings pass through unchanged. Immutable and thread-safe.
 */
public final class ScoredPassageClassifier {

    private final PassageClassifier rules;
    private final Optional<FindingScorer> scorer;
    private final double dropBelow;
    private final String version;

    /**
     * @param dropBelow candidates whose calibrated probability is below this are not findings
     */
    public ScoredPassageClassifier(PassageClassifier rules, Optional<FindingScorer> scorer, double dropBelow) {
        this.rules = rules;
        this.scorer = scorer;
        this.dropBelow = dropBelow;
        this.version = scorer.map(s -> rules.rulesetVersion() + "+" + s.version()).orElse(rules.rulesetVersion());
    }

    /** The rules and the model from the classpath. */
    public static ScoredPassageClassifier fromClasspath() {
        return new ScoredPassageClassifier(PassageClassifier.fromClasspath(), FindingScorer.fromClasspath(),
                DEFAULT_DROP_BELOW);
    }

    /** Below this calibrated probability a rule candidate is more likely wrong than right. */
    public static final double DEFAULT_DROP_BELOW = 0.5;

    public PassageClassifier rules() {
        return rules;
    }

    public Optional<FindingScorer> scorer() {
        return scorer;
    }

    /** The ruleset version, with the model version when a model is active. */
    public String version() {
        return version;
    }

    /** As {@link PassageClassifier#classify}, with confidences from the scorer. */
    public List<Finding> classify(String text, int start, int end, Language language, String documentJurisdiction) {
        List<Finding> candidates = rules.classify(text, start, end, language, documentJurisdiction);
        if (scorer.isEmpty() || candidates.isEmpty()) {
            return candidates;
        }
        List<Finding> out = new ArrayList<>(candidates.size());
        FindingScorer.Score[] scores = scorer.get().scoreAll(text, start, end, language, candidates);
        for (int i = 0; i < scores.length; i++) {
            Finding f = candidates.get(i);
            FindingScorer.Score score = scores[i];
            if (score == null) {
                out.add(f);
                continue;
            }
            if (score.calibrated() < dropBelow) {
                continue;
            }
            Explanation x = f.explanation();
            out.add(new Finding(f.category(), score.calibrated(), f.modality(), f.mechanisms(), f.jurisdictions(),
                    f.dataCategories(), f.evidence(), new Explanation(x.rules(), x.boosts(), x.suppressions(),
                            x.ruleScore(), score.model())));
        }
        return out;
    }
}
