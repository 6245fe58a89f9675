package io.xborder.classify.rules;

import io.xborder.classify.DataCategory;
import io.xborder.classify.Mechanism;
import io.xborder.classify.rules.RuleSet.DataCategoryRules;
import java.util.Arrays;
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
    /** The cue group of each category by ordinal (-1: none), for the loops that run for every passage. */
    private final int[] cueGroup = new int[DataCategory.values().length];
    private static final DataCategory[] CATEGORIES = DataCategory.values();
    private final Map<DataCategory, Integer> holders = new EnumMap<>(DataCategory.class);
    private final int otherObject;
    private final int generic;
    private final int notGeneric;
    private final DataCategory fallback;
    private final Set<Mechanism> personalWhen;

    DataCategoryExtractor(DataCategoryRules rules, CueGroups groups) {
        rules.cues().forEach((category, list) -> cues.put(category, groups.list("dcat:" + category, list)));
        Arrays.fill(cueGroup, -1);
        cues.forEach((category, g) -> cueGroup[category.ordinal()] = g);
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
        for (DataCategory category : CATEGORIES) {
            int g = cueGroup[category.ordinal()];
            int n = hits.count(g);
            for (int i = 0; i < n; i++) {
                long h = hits.packed(g, i);
                if (!insideLongerCue(hits, category.ordinal(), (int) (h >>> 32), (int) h)) {
                    out.add(category);
                    break;
                }
            }
        }
        // whose data it is ("users", 用户) says nothing once the data named is not about people (keys, maps)
        if (!hits.has(otherObject)) {
            holders.forEach((category, g) -> {
                if (hits.has(g)) {
                    out.add(category);
                }
            });
        }
        if (out.isEmpty()) {
            boolean personal = false;
            for (Mechanism m : mechanisms) {
                personal |= personalWhen.contains(m);
            }
            out.add(personal && !namesGenericData(hits) ? DataCategory.PERSONAL_INFORMATION : fallback);
        }
        return out;
    }

    /** "personal data" inside "non-personal data": the longer cue of another category names the data. */
    private boolean insideLongerCue(CueScanner.Hits hits, int own, int s, int e) {
        for (int c = 0; c < cueGroup.length; c++) {
            int g = cueGroup[c];
            if (c == own || hits.count(g) == 0) {
                continue;
            }
            for (int i = 0; i < hits.count(g); i++) {
                long h = hits.packed(g, i);
                int hs = (int) (h >>> 32);
                int he = (int) h;
                if (hs <= s && he >= e && he - hs > e - s) {
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
