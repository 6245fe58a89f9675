package io.xborder.classify.rules;

import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.classify.rules.RuleSet.CategoryRules;
import io.xborder.classify.rules.RuleSet.LanguageRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled rules of one language: one scanner for every cue (category rules, attribute cues, the model's
 * feature classes and the gazetteer's keys), the category rule matcher and one extractor per attribute. Immutable
 * and thread-safe.
 */
public final class LanguageEngine {

    /** A lexicon class of the model's features and its scanner group. */
    public record FeatureClass(String name, int group) {
    }

    private final Language language;
    private final Gazetteer gazetteer;
    private final CueScanner scanner;
    private final RuleMatcher matcher;
    private final ModalityExtractor modality;
    private final MechanismExtractor mechanisms;
    private final DataCategoryExtractor dataCategories;
    private final JurisdictionExtractor jurisdictions;
    private final Places.Groups placeGroups;
    private final List<FeatureClass> featureClasses;
    private final List<String> combined;

    LanguageEngine(LanguageRules rules, Gazetteer gazetteer) {
        this.language = rules.language();
        this.gazetteer = gazetteer;
        Map<String, List<String>> named = new HashMap<>();
        if (rules.lexicon() != null && rules.lexicon().groups() != null) {
            named.putAll(rules.lexicon().groups());
        }
        for (CategoryRules c : rules.categories()) {
            if (c.groups() != null) {
                c.groups().forEach((name, cues) -> {
                    if (named.putIfAbsent(name, cues) != null) {
                        throw new IllegalStateException("group '" + name + "' defined twice for " + language);
                    }
                });
            }
        }
        CueScanner.Builder builder = new CueScanner.Builder();
        CueGroups cues = new CueGroups(builder, named);
        this.matcher = new RuleMatcher(rules.categories(), cues);
        this.modality = new ModalityExtractor(rules.modality(), cues);
        this.mechanisms = new MechanismExtractor(rules.mechanisms(), cues);
        this.dataCategories = new DataCategoryExtractor(rules.dataCategories(), cues);
        this.jurisdictions = new JurisdictionExtractor(
                rules.lexicon() == null ? null : rules.lexicon().jurisdictions(), gazetteer, cues);
        this.placeGroups = Places.Groups.compile(cues);
        List<FeatureClass> classes = new ArrayList<>();
        Map<String, List<String>> declared = rules.features() == null
                ? Map.of()
                : new LinkedHashMap<>(rules.features().classes());
        declared.forEach((name, list) -> classes.add(new FeatureClass(name, cues.list("feature:" + name, list))));
        this.featureClasses = List.copyOf(classes);
        this.combined = rules.features() == null ? List.of() : List.copyOf(rules.features().combine());

        builder.addGazetteerKeys(gazetteer.foldedKeys()); // one scan per passage serves the cues and the gazetteer
        this.scanner = builder.build();
    }

    public Language language() {
        return language;
    }

    /** Scans {@code text[start, end)} once; everything else is computed when asked for. */
    public PassageAnalysis analyze(String text, int start, int end, PassageContext context) {
        CueScanner.Hits hits = scanner.scan(text, start, end);
        Places places = new Places(placeGroups, gazetteer, language, text, start, end, hits,
                context.placeJurisdiction());
        return new PassageAnalysis(this, text, start, end, context, hits, places);
    }

    /** The lexicon classes the model's features read, in file order. */
    public List<FeatureClass> featureClasses() {
        return featureClasses;
    }

    /** The classes (and place roles) whose pairs and triples are features too. */
    public List<String> combinedClasses() {
        return combined;
    }

    RuleMatcher matcher() {
        return matcher;
    }

    ModalityExtractor modality() {
        return modality;
    }

    MechanismExtractor mechanisms() {
        return mechanisms;
    }

    DataCategoryExtractor dataCategories() {
        return dataCategories;
    }

    JurisdictionExtractor jurisdictions() {
        return jurisdictions;
    }
}
