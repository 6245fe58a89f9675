package io.xborder.classify.rules;

import com.google.re2j.Pattern;
import io.xborder.classify.Mechanism;
import io.xborder.classify.rules.RuleSet.MechanismCues;
import io.xborder.classify.rules.RuleSet.MechanismRules;
import io.xborder.classify.rules.RuleSet.WindowPattern;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transfer mechanisms a passage names: a mechanism's cues count unless negated ("in the absence of an adequacy
 * decision") or part of an excepted phrase; weak cues (a bare "approved") count only away from another instrument's
 * cue; window patterns catch roundabout wording; a mechanism is dropped when one it yields to is present.
 */
final class MechanismExtractor {

    private record Weak(int group, Set<Mechanism> notNear, int window) {
    }

    private record CompiledPattern(Mechanism mechanism, int nearGroup, Pattern pattern, int window) {
    }

    private final Map<Mechanism, Integer> strong = new EnumMap<>(Mechanism.class);
    private final Map<Mechanism, Weak> weak = new EnumMap<>(Mechanism.class);
    private final Map<Mechanism, Integer> except = new EnumMap<>(Mechanism.class);
    private final Map<Mechanism, Set<Mechanism>> unless = new EnumMap<>(Mechanism.class);
    private final List<CompiledPattern> patterns = new ArrayList<>();
    private final int negation;
    private final int negationWindow;
    private final int closeNegation;
    private final int closeNegationWindow;

    MechanismExtractor(MechanismRules rules, CueGroups cues) {
        this.negation = cues.listOrEmpty("mech:negation", rules.negation());
        this.negationWindow = rules.negationWindow() == null ? 60 : rules.negationWindow();
        this.closeNegation = cues.listOrEmpty("mech:close-negation", rules.closeNegation());
        this.closeNegationWindow = rules.closeNegationWindow() == null ? 12 : rules.closeNegationWindow();
        for (var e : rules.mechanisms().entrySet()) {
            Mechanism m = e.getKey();
            MechanismCues c = e.getValue();
            if (c.cues() != null) {
                strong.put(m, cues.list("mech:" + m, c.cues()));
            }
            if (c.weak() != null) {
                Set<Mechanism> notNear = c.weakNotNear() == null
                        ? EnumSet.noneOf(Mechanism.class)
                        : EnumSet.copyOf(c.weakNotNear());
                weak.put(m, new Weak(cues.list("mech-weak:" + m, c.weak()), notNear,
                        c.weakWindow() == null ? 40 : c.weakWindow()));
            }
            if (c.except() != null) {
                except.put(m, cues.list("mech-except:" + m, c.except()));
            }
            if (c.unless() != null) {
                unless.put(m, EnumSet.copyOf(c.unless()));
            }
            if (c.patterns() != null) {
                int i = 0;
                for (WindowPattern p : c.patterns()) {
                    patterns.add(new CompiledPattern(m, cues.list("mechpat:" + m + ":" + i++, p.near()),
                            Pattern.compile(p.regex()), p.window() == null ? 30 : p.window()));
                }
            }
        }
    }

    /** The scanner groups of each mechanism's strong cues (for the model's features). */
    Map<Mechanism, Integer> cueGroups() {
        return strong;
    }

    Set<Mechanism> mechanisms(PassageAnalysis a) {
        CueScanner.Hits hits = a.hits();
        Set<Mechanism> out = EnumSet.noneOf(Mechanism.class);
        SpanIndex neg = hits.get(negation);
        SpanIndex closeNeg = hits.get(closeNegation);
        strong.forEach((m, g) -> {
            SpanIndex idx = hits.get(g);
            SpanIndex exc = hits.get(except.getOrDefault(m, -1));
            for (int i = 0; i < idx.size(); i++) {
                if (live(idx, i, neg, closeNeg, exc)) {
                    out.add(m);
                    break;
                }
            }
        });
        weak.forEach((m, w) -> {
            if (out.contains(m)) {
                return;
            }
            SpanIndex idx = hits.get(w.group());
            SpanIndex exc = hits.get(except.getOrDefault(m, -1));
            for (int i = 0; i < idx.size(); i++) {
                if (live(idx, i, neg, closeNeg, exc) && !nearInstrument(hits, w, idx.starts[i], idx.ends[i])) {
                    out.add(m);
                    break;
                }
            }
        });
        for (CompiledPattern p : patterns) {
            if (out.contains(p.mechanism())) {
                continue;
            }
            SpanIndex idx = hits.get(p.nearGroup());
            for (int i = 0; i < idx.size() && i < 16; i++) {
                int s = Math.max(0, idx.starts[i] - p.window());
                int e = Math.min(hits.length(), idx.ends[i] + p.window());
                if (p.pattern().matcher(new String(hits.chars(), s, e - s)).find()) {
                    out.add(p.mechanism());
                    break;
                }
            }
        }
        Set<Mechanism> drop = EnumSet.noneOf(Mechanism.class);
        for (Mechanism m : out) {
            for (Mechanism u : unless.getOrDefault(m, Set.of())) {
                if (out.contains(u)) {
                    drop.add(m);
                }
            }
        }
        out.removeAll(drop);
        return out;
    }

    /** Not negated ("in the absence of", "without adequate") and not part of an excepted phrase. */
    private boolean live(SpanIndex idx, int i, SpanIndex neg, SpanIndex closeNeg, SpanIndex exc) {
        int s = idx.starts[i];
        int e = idx.ends[i];
        return (neg.size() == 0 || neg.endingBefore(s, negationWindow) < 0)
                && (closeNeg.size() == 0 || closeNeg.endingBefore(s, closeNegationWindow) < 0)
                && (exc.size() == 0 || exc.near(s, e, -1) < 0);
    }

    /** A weak cue next to another instrument's cue is that instrument's approval ("clauses approved by"). */
    private boolean nearInstrument(CueScanner.Hits hits, Weak w, int s, int e) {
        for (Mechanism m : w.notNear()) {
            Integer g = strong.get(m);
            if (g != null && hits.get(g).near(s, e, w.window()) >= 0) {
                return true;
            }
        }
        return false;
    }
}
