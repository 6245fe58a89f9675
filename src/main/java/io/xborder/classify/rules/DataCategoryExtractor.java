package io.xborder.classify.rules;

import io.xborder.classify.DataCategory;
import io.xborder.classify.Mechanism;
import io.xborder.classify.rules.RuleSet.DataCategoryRules;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The data categories a passage names: each category's cues (unless inside a longer cue of another category: the
 * "personal data" of "non-personal data"); the holders of the data ("users", 用户) while no non-personal data object
 * is named; else personal information when a transfer instrument that exists only for personal data is named and no
 * bare data noun says otherwise; else the fallback.
 */
final class DataCategoryExtractor {

    private final Map<DataCategory, Integer> cues = new EnumMap<>(DataCategory.class);
    private final Map<DataCategory, Integer> holders = new EnumMap<>(DataCategory.class);
    private final int otherObject;
    private final int generic;
    private final int notGeneric;
    private final DataCategory fallback;
    private final Set<Mechanism> personalWhen;

    DataCategoryExtractor(DataCategoryRules rules, CueGroups groups) {
        rules.cues().forEach((category, list) -> cues.put(category, groups.list("dcat:" + category, list)));
        if (rules.holders() != null) {
            rules.holders().forEach((category, list) -> holders.put(category,
                    groups.list("dcat-holder:" + category, list)));
        }
        this.otherObject = cues.getOrDefault(DataCategory.OTHER, -1);
        this.generic = groups.listOrEmpty("dcat:generic", rules.generic());
        this.notGeneric = groups.listOrEmpty("dcat:not-generic", rules.notGeneric());
        this.fallback = rules.fallback() == null ? DataCategory.OTHER : rules.fallback();
        this.personalWhen = rules.personalWhen() == null || rules.personalWhen().isEmpty()
                ? EnumSet.noneOf(Mechanism.class)
                : EnumSet.copyOf(rules.personalWhen());
    }

    /** The scanner groups of each category's cues (for the model's features). */
    Map<DataCategory, Integer> cueGroups() {
        return cues;
    }

    /** The scanner groups of each category's holder words (for the model's features). */
    Map<DataCategory, Integer> holderGroups() {
        return holders;
    }

    Set<DataCategory> dataCategories(PassageAnalysis a, Set<Mechanism> mechanisms) {
        CueScanner.Hits hits = a.hits();
        Set<DataCategory> out = EnumSet.noneOf(DataCategory.class);
        cues.forEach((category, g) -> {
            SpanIndex idx = hits.get(g);
            for (int i = 0; i < idx.size(); i++) {
                if (!insideLongerCue(hits, category, idx.starts[i], idx.ends[i])) {
                    out.add(category);
                    break;
                }
            }
        });
        // whose data it is ("users", 用户) says nothing once the data named is not about people (keys, maps)
        if (!hits.has(otherObject)) {
            holders.forEach((category, g) -> {
                if (hits.has(g)) {
                    out.add(category);
                }
            });
        }
        if (out.isEmpty()) {
            boolean personal = mechanisms.stream().anyMatch(personalWhen::contains);
            out.add(personal && !namesGenericData(hits) ? DataCategory.PERSONAL_INFORMATION : fallback);
        }
        return out;
    }

    /** "personal data" inside "non-personal data": the longer cue of another category names the data. */
    private boolean insideLongerCue(CueScanner.Hits hits, DataCategory own, int s, int e) {
        for (var o : cues.entrySet()) {
            if (o.getKey() == own) {
                continue;
            }
            SpanIndex idx = hits.get(o.getValue());
            for (int i = 0; i < idx.size() && idx.starts[i] <= s; i++) {
                if (idx.ends[i] >= e && idx.ends[i] - idx.starts[i] > e - s) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A bare data noun ("data flows", 数据) outside compounds such as "data protection". */
    private boolean namesGenericData(CueScanner.Hits hits) {
        SpanIndex bare = hits.get(generic);
        SpanIndex not = hits.get(notGeneric);
        for (int i = 0; i < bare.size(); i++) {
            if (not.size() == 0 || not.near(bare.starts[i], bare.ends[i], -1) < 0) {
                return true;
            }
        }
        return false;
    }
}
