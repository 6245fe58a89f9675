package io.xborder.classify.rules;

import io.xborder.classify.Category;
import io.xborder.classify.Evidence;
import io.xborder.classify.Explanation.RuleHit;
import io.xborder.classify.rules.RuleSet.CategoryRules;
import io.xborder.classify.rules.RuleSet.Rule;
import io.xborder.classify.rules.RuleSet.Suppression;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The category rules of one language, compiled: literal rules (a cue list) and compositional ones (an anchor group
 * that needs, within a window, a hit of each required group or a place in a given role), with context boosts and
 * suppressions. Immutable.
 */
final class RuleMatcher {

    private static final int MAX_EVIDENCE_SPAN = 300;

    /** What a compositional rule requires near its anchor: the hits of a cue group, or places in one role. */
    private record Required(int group, PlaceRole role) {

        SpanIndex spans(PassageAnalysis a) {
            return role == null ? a.hits().get(group) : role.spans(a.placeRoles());
        }
    }

    /** The place roles a rule may require, by their rule-file names. */
    private enum PlaceRole {

        PLACE("@place"), DESTINATION("@destination"), LOCATION("@location"), OUTSIDE("@outside"), DOMESTIC("@domestic");

        final String fileName;

        PlaceRole(String fileName) {
            this.fileName = fileName;
        }

        SpanIndex spans(Places p) {
            return switch (this) {
                case PLACE -> p.named();
                case DESTINATION -> p.destinations();
                case LOCATION -> p.locations();
                case OUTSIDE -> p.outside();
                case DOMESTIC -> p.domesticDestinations();
            };
        }

        static PlaceRole of(String name) {
            for (PlaceRole r : values()) {
                if (r.fileName.equals(name)) {
                    return r;
                }
            }
            return null;
        }
    }

    private record CompiledRule(String id, int group, List<Required[]> requires, int window, double score,
            int contextGroup, double boost) {
    }

    private record CompiledSuppression(String id, int group, boolean overlap, double penalty) {
    }

    private record CompiledCategory(Category category, List<CompiledRule> rules,
            List<CompiledSuppression> suppressions) {
    }

    private final List<CompiledCategory> categories;
    /** Every anchor or literal-cue group: a passage with none of them matches no rule. */
    private final int[] triggerGroups;

    RuleMatcher(List<CategoryRules> files, CueGroups cues) {
        List<CompiledCategory> cats = new ArrayList<>();
        Set<Integer> triggers = new TreeSet<>();
        for (CategoryRules c : files) {
            int defaultWindow = c.window() == null ? 100 : c.window();
            List<CompiledRule> rules = new ArrayList<>();
            for (Rule r : c.rules()) {
                int window = r.window() == null ? defaultWindow : r.window();
                int context = r.context() == null || r.context().isEmpty()
                        ? -1
                        : cues.list("ctx:" + r.id(), r.context());
                double boost = r.boost() == null ? 0.0 : r.boost();
                int group;
                List<Required[]> requires = new ArrayList<>();
                if (r.anchor() != null) {
                    group = cues.ref(r.anchor());
                    for (String alternatives : r.requires() == null ? List.<String>of() : r.requires()) {
                        String[] parts = alternatives.split("\\|");
                        Required[] req = new Required[parts.length];
                        for (int i = 0; i < parts.length; i++) {
                            String p = parts[i].strip();
                            PlaceRole role = PlaceRole.of(p);
                            req[i] = role != null ? new Required(-1, role) : new Required(cues.ref(p), null);
                        }
                        requires.add(req);
                    }
                } else {
                    group = cues.list("rule:" + r.id(), r.cues());
                }
                rules.add(new CompiledRule(r.id(), group, requires, window, r.score(), context, boost));
                triggers.add(group);
            }
            List<CompiledSuppression> sups = new ArrayList<>();
            for (Suppression s : c.suppress() == null ? List.<Suppression>of() : c.suppress()) {
                boolean overlap = "overlap".equals(s.mode());
                if (!overlap && !"passage".equals(s.mode())) {
                    throw new IllegalStateException("suppression " + s.id() + ": mode must be overlap or passage");
                }
                sups.add(new CompiledSuppression(s.id(), cues.list("sup:" + s.id(), s.cues()), overlap,
                        s.penalty() == null ? 0.0 : s.penalty()));
            }
            cats.add(new CompiledCategory(c.category(), rules, sups));
        }
        this.categories = List.copyOf(cats);
        this.triggerGroups = triggers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether any rule could match: a cheap test on the scan before any place is resolved. */
    boolean triggered(CueScanner.Hits hits) {
        for (int g : triggerGroups) {
            if (hits.has(g)) {
                return true;
            }
        }
        return false;
    }

    /** The categories whose rules match the passage, each with its rules, evidence and score. */
    List<CategoryMatch> match(PassageAnalysis a) {
        if (!triggered(a.hits())) {
            return List.of();
        }
        List<CategoryMatch> out = new ArrayList<>(2);
        for (CompiledCategory c : categories) {
            CategoryMatch m = match(c, a);
            if (m != null) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }

    private CategoryMatch match(CompiledCategory c, PassageAnalysis a) {
        CueScanner.Hits hits = a.hits();
        boolean triggered = false;
        for (CompiledRule r : c.rules) {
            triggered |= hits.has(r.group);
        }
        if (!triggered) {
            return null;
        }
        List<RuleHit> ruleHits = new ArrayList<>();
        List<RuleHit> boosts = new ArrayList<>();
        List<RuleHit> suppressions = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        double penalty = 0;
        List<SpanIndex> overlapSuppressors = new ArrayList<>();
        for (CompiledSuppression s : c.suppressions) {
            SpanIndex idx = hits.get(s.group);
            if (idx.size() == 0) {
                continue;
            }
            int s0 = idx.starts[0];
            int e0 = idx.ends[0];
            if (s.overlap) {
                overlapSuppressors.add(idx);
                suppressions.add(a.ruleHit(s.id, s0, e0, 0.0));
            } else {
                penalty += s.penalty;
                suppressions.add(a.ruleHit(s.id, s0, e0, -s.penalty));
            }
        }
        double score = 0;
        for (CompiledRule r : c.rules) {
            SpanIndex anchors = hits.get(r.group);
            for (int i = 0; i < anchors.size(); i++) {
                int as = anchors.starts[i];
                int ae = anchors.ends[i];
                if (suppressed(overlapSuppressors, as, ae)) {
                    continue;
                }
                int lo = as;
                int hi = ae;
                List<int[]> parts = new ArrayList<>(3);
                parts.add(new int[] { as, ae });
                boolean ok = true;
                for (Required[] alternatives : r.requires) {
                    int[] best = null;
                    for (Required req : alternatives) {
                        SpanIndex idx = req.spans(a);
                        int j = idx.nearest(as, ae, r.window, overlapSuppressors);
                        if (j >= 0) {
                            best = new int[] { idx.starts[j], idx.ends[j] };
                            break; // alternatives are listed in order of preference ("abroad|@place")
                        }
                    }
                    if (best == null) {
                        ok = false;
                        break;
                    }
                    parts.add(best);
                    lo = Math.min(lo, best[0]);
                    hi = Math.max(hi, best[1]);
                }
                if (!ok) {
                    continue;
                }
                double ruleScore = r.score;
                ruleHits.add(a.ruleHit(r.id, lo, hi, r.score));
                if (hi - lo <= MAX_EVIDENCE_SPAN) {
                    evidence.add(a.evidence(lo, hi, r.id));
                } else {
                    for (int[] p : parts) {
                        evidence.add(a.evidence(p[0], p[1], r.id));
                    }
                }
                if (r.contextGroup >= 0) {
                    SpanIndex cidx = hits.get(r.contextGroup);
                    int j = cidx.nearest(lo, hi, r.window);
                    if (j >= 0) {
                        ruleScore += r.boost;
                        boosts.add(a.ruleHit(r.id, cidx.starts[j], cidx.ends[j], r.boost));
                    }
                }
                score += ruleScore;
                break; // each rule counts once per passage
            }
        }
        if (ruleHits.isEmpty()) {
            return null;
        }
        evidence.sort(Comparator.comparingInt(Evidence::start).thenComparingInt(Evidence::end));
        return new CategoryMatch(c.category, ruleHits, boosts, suppressions, evidence,
                Math.round((score - penalty) * 1000.0) / 1000.0);
    }

    private static boolean suppressed(List<SpanIndex> suppressors, int s, int e) {
        for (SpanIndex idx : suppressors) {
            if (idx.near(s, e, -1) >= 0) {
                return true;
            }
        }
        return false;
    }
}
