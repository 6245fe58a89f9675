package io.xborder.classify.rules;

import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.classify.jurisdiction.JurisdictionMention;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jurisdictions a passage is about: every place the gazetteer finds (deictic words resolved to the document's
 * jurisdiction), the lexicon's extra jurisdiction cues (regulators and laws, e.g. "PIPL" → CN), and the document's
 * own jurisdiction, whose rule every passage of a law is.
 */
final class JurisdictionExtractor {

    private final Gazetteer gazetteer;
    private final Map<String, Integer> cueGroups = new LinkedHashMap<>();

    JurisdictionExtractor(Map<String, List<String>> cues, Gazetteer gazetteer, CueGroups groups) {
        this.gazetteer = gazetteer;
        if (cues != null) {
            cues.forEach((code, list) -> cueGroups.put(code, groups.list("jur:" + code, list)));
        }
    }

    Set<String> jurisdictions(PassageAnalysis a) {
        Set<String> out = new LinkedHashSet<>();
        for (JurisdictionMention m : a.mentions()) {
            if (m.code() != null && gazetteer.isKnown(m.code())) {
                out.add(m.code());
            }
        }
        cueGroups.forEach((code, g) -> {
            if (a.hits().has(g)) {
                out.add(code);
            }
        });
        if (a.documentJurisdiction() != null) {
            out.add(a.documentJurisdiction());
        }
        return out;
    }
}
