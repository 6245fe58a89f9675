package io.xborder.classify;

import java.util.List;

/**
 * Why a finding was made: the rules that fired with their words and scores, context boosts, suppressions
 * and the learned model's score (null while no model is active).
 */
public record Explanation(
        List<RuleHit> rules,
        List<RuleHit> boosts,
        List<RuleHit> suppressions,
        double ruleScore,
        Double modelScore) {

    public Explanation {
        rules = List.copyOf(rules);
        boosts = List.copyOf(boosts);
        suppressions = List.copyOf(suppressions);
    }

    /** One rule that matched: its id, the matched words and offsets, and the score it contributed. */
    public record RuleHit(String rule, String words, int start, int end, double score) {
    }
}
