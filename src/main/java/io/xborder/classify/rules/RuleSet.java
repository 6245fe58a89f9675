package io.xborder.classify.rules;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Genre;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active classification rules as loaded from the {@code rules/} resource folder: one entry per language with
 * its category rule files and attribute cue lists. Immutable; returned by {@link PassageClassifier#ruleSet()} and
 * meant to be serialised as-is (e.g. for {@code GET /api/v1/rules}).
 *
 * <p>Cue syntax used throughout: lower-case literal text; a trailing {@code *} matches any word ending (prefix
 * match, e.g. {@code transfer*}); an entry {@code @name} refers to a named group of the language's lexicon or of the
 * same file. Latin cues match on word boundaries; Chinese cues match anywhere.
 *
 * @param version the content hash of the rule files ({@link RuleEngine#version()})
 * @param languages the rules of each language
 * @param genres words of a document's title or lead that say what kind of document it is, in the order they are tried
 */
public record RuleSet(String version, Map<Language, LanguageRules> languages, Map<Genre, List<String>> genres) {

    public RuleSet {
        languages = Map.copyOf(languages);
        genres = Collections.unmodifiableMap(new LinkedHashMap<>(genres));
    }

    /** All rules of one language: shared cue groups, the category files and the attribute files. */
    public record LanguageRules(
            Language language,
            Lexicon lexicon,
            List<CategoryRules> categories,
            MechanismRules mechanisms,
            ModalityRules modality,
            DataCategoryRules dataCategories,
            FeatureClasses features) {

        public LanguageRules {
            categories = List.copyOf(categories);
        }
    }

    /** Named cue groups shared by the category files of a language, plus jurisdiction cues beyond the gazetteer. */
    public record Lexicon(String language, Map<String, List<String>> groups, Map<String, List<String>> jurisdictions) {
    }

    /**
     * One category's rules for one language.
     *
     * @param window default window, in UTF-16 chars, within which required groups must co-occur
     * @param groups cue groups local to this file
     */
    public record CategoryRules(
            String language,
            Category category,
            Integer window,
            Map<String, List<String>> groups,
            List<Rule> rules,
            List<Suppression> suppress) {
    }

    /**
     * A scoring rule. Either a literal rule ({@code cues}) or a compositional rule: every hit of the {@code anchor}
     * group needs, for each entry of {@code requires}, a hit of one of its {@code |}-separated groups within
     * {@code window} chars ({@code @place} = a jurisdiction named by the gazetteer, not a deictic word such as
     * "within the territory"; {@code @destination} = such a place introduced as where data goes: after the lexicon's
     * {@code destination-before} words or before its {@code destination-after} words, and not marked by
     * {@code origin-before}/{@code origin-after}, and none when every place the passage names is in one
     * jurisdiction; {@code @domestic} = a place introduced as where data goes when they all are). Alternatives are
     * tried in the listed order. {@code context} cues near the match add {@code boost}.
     */
    public record Rule(
            String id,
            String description,
            List<String> cues,
            String anchor,
            List<String> requires,
            Integer window,
            double score,
            List<String> context,
            Double boost) {
    }

    /**
     * Negative cues. Mode {@code overlap}: a hit removes the anchor or cue hits it overlaps (e.g. "wire transfer").
     * Mode {@code passage}: a hit anywhere in the passage subtracts {@code penalty} from the category score.
     */
    public record Suppression(String id, String mode, List<String> cues, Double penalty) {
    }

    /**
     * Mechanism cues. {@code negation} cues cancel any mechanism cue starting within {@code negationWindow} chars
     * after them ("in the absence of an adequacy decision"); {@code closeNegation} cues only the one right after
     * them, within {@code closeNegationWindow} ("countries without adequate protection").
     */
    public record MechanismRules(
            String language,
            List<String> negation,
            Integer negationWindow,
            List<String> closeNegation,
            Integer closeNegationWindow,
            Map<Mechanism, MechanismCues> mechanisms) {
    }

    /**
     * Cues of one mechanism, plus optional RE2J patterns checked only in a window around a {@code near} cue.
     * {@code weak} cues (a bare "approved", 批准) count only when no cue of a {@code weakNotNear} mechanism is within
     * {@code weakWindow} chars: "clauses approved by the authority" is the clauses' approval, not the transfer's.
     * A cue overlapping an {@code except} phrase does not count ("authorised body", 主管机关同意 for CONSENT).
     */
    public record MechanismCues(
            List<String> cues,
            List<String> weak,
            List<Mechanism> weakNotNear,
            Integer weakWindow,
            List<String> except,
            List<Mechanism> unless,
            List<WindowPattern> patterns) {
    }

    /** A linear-time (RE2J) pattern run only in {@code window} chars around hits of the {@code near} cues. */
    public record WindowPattern(List<String> near, String regex, Integer window) {
    }

    /**
     * Modality cues. The first modal cue of the passage decides (longest match wins on overlap; {@code neutral}
     * phrases mask modal words used as nouns). Without a document jurisdiction (news), a {@code report} cue before
     * the first modal makes it {@code REPORT}. Defaults apply when no modal cue is present.
     */
    public record ModalityRules(
            String language,
            Map<Modality, List<String>> cues,
            List<String> neutral,
            List<String> report,
            Modality lawDefault,
            Modality newsDefault) {
    }

    /**
     * Data-category cues. {@code cues} name the data itself ("personal data", "encryption keys", 地图数据); an
     * {@code OTHER} cue names data that is not about people. {@code holders} name whose data it is or who holds it
     * ("users", 用户): they count only while the passage names no non-personal data object — "the keys of users'
     * accounts" is about keys. Without any cue, {@code PERSONAL_INFORMATION} applies when one of {@code personalWhen}
     * mechanisms is present (instruments that exist only for personal data) and no {@code generic} data noun
     * ("data flows", 数据) says the data is unqualified; else {@code fallback}. {@code notGeneric} lists compounds in
     * which the generic noun does not name data that moves ("data protection", "data subject").
     */
    public record DataCategoryRules(
            String language,
            Map<DataCategory, List<String>> cues,
            Map<DataCategory, List<String>> holders,
            List<String> generic,
            List<String> notGeneric,
            DataCategory fallback,
            List<Mechanism> personalWhen) {
    }

    /**
     * The lexicon classes the learned model reads as features (named cue lists, {@code @group} references allowed),
     * and the classes whose co-occurrence in a passage is a feature too ({@code combine}; place roles such as
     * {@code destination} may be listed as well).
     */
    public record FeatureClasses(String language, Map<String, List<String>> classes, List<String> combine) {
    }
}
