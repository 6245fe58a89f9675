package io.xborder.classify.jurisdiction;

import io.xborder.classify.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds jurisdiction names in text (placeholder: a handful of names; the data-file gazetteer replaces it).
 */
public final class Gazetteer {

    private static final Map<String, String> NAMES = Map.of(
            "china", "CN", "chinese", "CN", "中国", "CN",
            "united states", "US", "美国", "US",
            "european union", "EU", "欧盟", "EU");

    public static Gazetteer fromClasspath() {
        return new Gazetteer();
    }

    /**
     * Mentions inside {@code text[from, to)}. Deictic phrases ("within the territory", 境内) resolve to
     * {@code documentJurisdiction}, or to the language's home jurisdiction when that is null (ZH → CN).
     */
    public List<JurisdictionMention> find(String text, int from, int to, String documentJurisdiction, Language language) {
        List<JurisdictionMention> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : NAMES.entrySet()) {
            int i = lower.indexOf(e.getKey(), from);
            while (i >= 0 && i + e.getKey().length() <= to) {
                out.add(new JurisdictionMention(e.getValue(), i, i + e.getKey().length(), text.substring(i, i + e.getKey().length())));
                i = lower.indexOf(e.getKey(), i + 1);
            }
        }
        return out;
    }

    /** Whether {@code code} is an ISO 3166-1 alpha-2 code or {@code EU}. */
    public boolean isKnown(String code) {
        return code != null && (code.equals("EU") || java.util.Arrays.asList(Locale.getISOCountries()).contains(code));
    }
}
