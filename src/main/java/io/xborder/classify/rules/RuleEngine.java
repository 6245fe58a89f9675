package io.xborder.classify.rules;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.xborder.classify.Genre;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.classify.rules.RuleSet.CategoryRules;
import io.xborder.classify.rules.RuleSet.DataCategoryRules;
import io.xborder.classify.rules.RuleSet.FeatureClasses;
import io.xborder.classify.rules.RuleSet.LanguageRules;
import io.xborder.classify.rules.RuleSet.Lexicon;
import io.xborder.classify.rules.RuleSet.MechanismRules;
import io.xborder.classify.rules.RuleSet.ModalityRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The rules of every language, loaded from YAML files under {@code rules/} on the classpath (listed in
 * {@code rules/index.yaml}): category rules, attribute cues, the lexicon and the model's feature classes. All literal
 * cues of a language are scanned in one Aho–Corasick pass per passage; the rest is computed when asked for.
 *
 * <p>Immutable and thread-safe; build one with {@link #fromClasspath()} and share it.
 */
public final class RuleEngine {

    /** Classpath folder of the rule files. */
    public static final String RULES_ROOT = "rules/";

    private final RuleSet ruleSet;
    private final Map<Language, LanguageEngine> engines;
    private final Gazetteer gazetteer;

    private RuleEngine(RuleSet ruleSet, Gazetteer gazetteer) {
        this.ruleSet = ruleSet;
        this.gazetteer = gazetteer;
        Map<Language, LanguageEngine> m = new EnumMap<>(Language.class);
        ruleSet.languages().forEach((lang, rules) -> m.put(lang, new LanguageEngine(rules, gazetteer)));
        this.engines = m;
    }

    /** Loads the rules listed in {@code rules/index.yaml} and the jurisdiction gazetteer from the classpath. */
    public static RuleEngine fromClasspath() {
        return new RuleEngine(load(RuleEngine.class.getClassLoader()), Gazetteer.fromClasspath());
    }

    /** The content hash of the rule files, e.g. {@code 2026.11-1a2b3c4d}; changes whenever a rule file changes. */
    public String version() {
        return ruleSet.version();
    }

    /** The gazetteer the rules resolve places with. */
    public Gazetteer gazetteer() {
        return gazetteer;
    }

    /** The active rules per language and category. */
    public RuleSet ruleSet() {
        return ruleSet;
    }

    /** The compiled rules of a language, or null when it has none. */
    public LanguageEngine engine(Language language) {
        return language == null ? null : engines.get(language);
    }

    /**
     * What the rules read in {@code text[start, end)} (one passage), or null when the language has no rules.
     *
     * @param documentJurisdiction the jurisdiction of the law the passage belongs to, or null (news, contracts)
     */
    public PassageAnalysis analyze(String text, int start, int end, Language language, String documentJurisdiction) {
        return analyze(text, start, end, language, PassageContext.of(documentJurisdiction));
    }

    /** As {@link #analyze(String, int, int, Language, String)} with what the document says about the passage. */
    public PassageAnalysis analyze(String text, int start, int end, Language language, PassageContext context) {
        Objects.requireNonNull(text, "text");
        if (start < 0 || end > text.length() || start > end) {
            throw new IndexOutOfBoundsException(
                    "passage [" + start + ", " + end + ") outside text of length " + text.length());
        }
        LanguageEngine engine = engine(language);
        if (engine == null) {
            return null;
        }
        return engine.analyze(text, start, end, context == null ? PassageContext.NONE : context);
    }

    // ---------------------------------------------------------------- loading

    /** The index file: the rule files (relative to {@code rules/}) and the version prefix. */
    record Index(String release, List<String> files) {
    }

    static RuleSet load(ClassLoader cl) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        MessageDigest sha = DigestUtils.getSha256Digest();
        byte[] indexBytes = read(cl, RULES_ROOT + "index.yaml");
        sha.update(indexBytes);
        Index index;
        try {
            index = yaml.readValue(indexBytes, Index.class);
        } catch (IOException e) {
            throw new UncheckedIOException("rules/index.yaml", e);
        }
        Map<Language, Parts> parts = new EnumMap<>(Language.class);
        Map<Genre, List<String>> genres = Map.of();
        for (String file : index.files()) {
            byte[] bytes = read(cl, RULES_ROOT + file);
            sha.update(file.getBytes(StandardCharsets.UTF_8));
            sha.update(bytes);
            String name = file.substring(file.lastIndexOf('/') + 1);
            try {
                if (name.equals("genres.yaml")) {
                    genres = yaml.readValue(bytes, new TypeReference<LinkedHashMap<Genre, List<String>>>() {
                    });
                    continue;
                }
                int slash = file.indexOf('/');
                if (slash < 0) {
                    throw new IllegalStateException("rule file " + file + " must sit in a language folder");
                }
                Language lang = Language.fromCode(file.substring(0, slash))
                        .orElseThrow(() -> new IllegalStateException("unknown language folder in " + file));
                Parts p = parts.computeIfAbsent(lang, k -> new Parts());
                switch (name) {
                    case "lexicon.yaml" -> p.lexicon = yaml.readValue(bytes, Lexicon.class);
                    case "mechanisms.yaml" -> p.mechanisms = yaml.readValue(bytes, MechanismRules.class);
                    case "modality.yaml" -> p.modality = yaml.readValue(bytes, ModalityRules.class);
                    case "data-categories.yaml" -> p.dataCategories = yaml.readValue(bytes, DataCategoryRules.class);
                    case "features.yaml" -> p.features = yaml.readValue(bytes, FeatureClasses.class);
                    default -> p.categories.add(yaml.readValue(bytes, CategoryRules.class));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("rules/" + file + ": " + e.getMessage(), e);
            }
        }
        Map<Language, LanguageRules> langs = new EnumMap<>(Language.class);
        parts.forEach((lang, p) -> {
            if (p.mechanisms == null || p.modality == null || p.dataCategories == null || p.features == null) {
                throw new IllegalStateException("language " + lang.code() + " lacks an attribute file");
            }
            langs.put(lang,
                    new LanguageRules(lang, p.lexicon, p.categories, p.mechanisms, p.modality, p.dataCategories,
                            p.features));
        });
        String hash = Hex.encodeHexString(sha.digest()).substring(0, 8);
        return new RuleSet(index.release() + "-" + hash, langs, genres);
    }

    private static final class Parts {

        Lexicon lexicon;
        final List<CategoryRules> categories = new ArrayList<>();
        MechanismRules mechanisms;
        ModalityRules modality;
        DataCategoryRules dataCategories;
        FeatureClasses features;
    }

    private static byte[] read(ClassLoader cl, String path) {
        try (InputStream in = cl.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }
}
