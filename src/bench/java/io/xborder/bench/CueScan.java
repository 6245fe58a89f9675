package io.xborder.bench;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.xborder.classify.Language;
import io.xborder.classify.rules.RuleSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The floor any cue-based classifier pays: one Aho–Corasick pass of every literal cue of a language's rules over
 * the lower-cased text, counting hits. The classifier is measured against this.
 */
final class CueScan {

    private final AhoCorasickDoubleArrayTrie<String> trie = new AhoCorasickDoubleArrayTrie<>();

    CueScan(RuleSet rules, Language language) {
        TreeMap<String, String> map = new TreeMap<>();
        RuleSet.LanguageRules l = rules.languages().get(language);
        List<String> all = new ArrayList<>();
        addGroups(all, l.lexicon().groups());
        addGroups(all, l.lexicon().jurisdictions());
        for (RuleSet.CategoryRules c : l.categories()) {
            addGroups(all, c.groups());
            c.rules().forEach(r -> addAll(all, r.cues()));
            c.rules().forEach(r -> addAll(all, r.context()));
            c.suppress().forEach(s -> addAll(all, s.cues()));
        }
        l.mechanisms().mechanisms().values().forEach(m -> addAll(all, m.cues()));
        addAll(all, l.mechanisms().negation());
        l.modality().cues().values().forEach(v -> addAll(all, v));
        addAll(all, l.modality().neutral());
        addAll(all, l.modality().report());
        l.dataCategories().cues().values().forEach(v -> addAll(all, v));
        if (l.features() != null) {
            l.features().classes().values().forEach(v -> addAll(all, v));
        }
        for (String cue : all) {
            if (cue.startsWith("@")) {
                continue;
            }
            String literal = (cue.endsWith("*") ? cue.substring(0, cue.length() - 1) : cue).toLowerCase(Locale.ROOT);
            if (!literal.isBlank()) {
                map.put(literal, literal);
            }
        }
        trie.build(map);
    }

    int hits(String text) {
        int[] n = new int[1];
        AhoCorasickDoubleArrayTrie.IHit<String> count = (begin, end, value) -> n[0]++;
        trie.parseText(text.toLowerCase(Locale.ROOT), count);
        return n[0];
    }

    private static void addGroups(List<String> out, Map<String, List<String>> groups) {
        if (groups != null) {
            groups.values().forEach(g -> addAll(out, g));
        }
    }

    private static void addAll(List<String> out, Collection<String> cues) {
        if (cues != null) {
            out.addAll(cues);
        }
    }
}
