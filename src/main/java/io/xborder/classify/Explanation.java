package io.xborder.classify;

import java.util.List;

/**
 * Why a finding was made: the rules that matched with their words and scores, context boosts and suppressions, the
 * model's probability, the features that weighed most in it (with their words), and whether rules matched at all or
 * the model found the finding on its own.
 */
public record Explanation(
        List<RuleHit> rules,
        List<RuleHit> boosts,
        List<RuleHit> suppressions,
        double ruleScore,
        Double modelScore,
        List<FeatureHit> features,
        Basis basis) {

    public Explanation {
        rules = List.copyOf(rules);
        boosts = List.copyOf(boosts);
        suppressions = List.copyOf(suppressions);
        features = List.copyOf(features);
    }

    /** What the finding rests on. */
    public enum Basis {
        /** Rules of the category matched, and the model agreed. */
        RULES_AND_MODEL,
        /** No rule of the category matched: the model found it from the passage's features alone. */
        MODEL_ONLY,
        /**
         * The passage alone fell short, and the passages around it in the document carry the rule (a follow-up
         * clause, the answer under a question): found on a second look at the document.
         */
        DOCUMENT_CONTEXT
    }

    /** One rule that matched: its id, the matched words and offsets, and the score it contributed. */
    public record RuleHit(String rule, String words, int start, int end, double score) {
    }

    /**
     * A feature of the model and what it added to the finding's margin (negative: it spoke against); its words and
     * offsets when it has them (start = end = -1 otherwise).
     */
    public record FeatureHit(String feature, String words, int start, int end, double weight) {
    }
}
