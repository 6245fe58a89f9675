package io.xborder.classify.rules;

import io.xborder.classify.Genre;
import io.xborder.classify.Modality;
import io.xborder.classify.rules.RuleSet.ModalityRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The modality of a passage from its cues: the first modal cue decides (the longest where cues overlap: "shall not"
 * over "shall"), neutral phrases mask modal words used otherwise ("May 2023"), and outside laws and guidance (news,
 * notices, decisions) a report cue before the first modal makes the passage a {@link Modality#REPORT}.
 */
final class ModalityExtractor {

    /** The kind of a modality cue: one of the modalities, or a neutral phrase, or a report verb. */
    private record Cue(int start, int end, Modality modality, boolean neutral) {
    }

    private final Map<Modality, Integer> groups = new EnumMap<>(Modality.class);
    private final int neutral;
    private final int report;
    private final Modality lawDefault;
    private final Modality newsDefault;

    ModalityExtractor(ModalityRules rules, CueGroups cues) {
        rules.cues().forEach((modality, list) -> groups.put(modality, cues.list("mod:" + modality, list)));
        this.neutral = cues.listOrEmpty("mod:neutral", rules.neutral());
        this.report = cues.listOrEmpty("mod:report", rules.report());
        this.lawDefault = rules.lawDefault() == null ? Modality.REQUIREMENT : rules.lawDefault();
        this.newsDefault = rules.newsDefault() == null ? Modality.REPORT : rules.newsDefault();
    }

    /** The modality the cues give, or the default of laws or of other texts when the passage has no cue. */
    Modality modality(PassageAnalysis a) {
        Modality cue = cued(a);
        if (cue != null) {
            return cue;
        }
        return a.documentJurisdiction() == null ? newsDefault : lawDefault;
    }

    /** The modality a modal or report cue gives, or null when the passage has none. */
    Modality cued(PassageAnalysis a) {
        List<Cue> cues = new ArrayList<>();
        groups.forEach((modality, g) -> collect(a, g, modality, false, cues));
        collect(a, neutral, null, true, cues);
        // narration: a report verb before the first modal decides, except in laws and guidance, which state rules
        Genre genre = a.context().genre();
        boolean news = a.documentJurisdiction() == null || genre == Genre.DECISION || genre == Genre.NEWS;
        if (news) {
            collect(a, report, Modality.REPORT, false, cues);
        }
        cues.sort(Comparator.comparingInt(Cue::start).thenComparingInt(c -> -(c.end() - c.start())));
        int coveredUntil = -1;
        for (Cue c : cues) {
            if (c.end() <= coveredUntil) {
                continue; // inside a longer, earlier match ("shall" inside "shall not")
            }
            coveredUntil = Math.max(coveredUntil, c.end());
            if (!c.neutral()) {
                return c.modality();
            }
        }
        return null;
    }

    private static void collect(PassageAnalysis a, int group, Modality modality, boolean neutral, List<Cue> out) {
        SpanIndex idx = a.hits().get(group);
        for (int i = 0; i < idx.size() && i < 64; i++) {
            out.add(new Cue(idx.starts[i], idx.ends[i], modality, neutral));
        }
    }
}
