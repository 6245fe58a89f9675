package io.xborder.classify.rules;

import io.xborder.classify.Category;
import io.xborder.classify.Evidence;
import io.xborder.classify.Explanation.RuleHit;
import java.util.List;

/**
 * The rules of one category that matched one passage: the rules with their words, context boosts, suppressions,
 * the evidence spans (absolute offsets) and the summed score (rule scores and boosts minus penalties).
 */
public record CategoryMatch(Category category, List<RuleHit> rules, List<RuleHit> boosts, List<RuleHit> suppressions,
        List<Evidence> evidence, double score) {

    public CategoryMatch {
        rules = List.copyOf(rules);
        boosts = List.copyOf(boosts);
        suppressions = List.copyOf(suppressions);
        evidence = List.copyOf(evidence);
    }
}
