package io.xborder.classify.model;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Explanation.RuleHit;
import io.xborder.classify.Genre;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.classify.jurisdiction.JurisdictionMention;
import io.xborder.classify.model.Features.Kind;
import io.xborder.classify.model.Features.Shape;
import io.xborder.classify.rules.CategoryMatch;
import io.xborder.classify.rules.LanguageEngine;
import io.xborder.classify.rules.PassageAnalysis;
import io.xborder.classify.rules.RuleEngine;
import io.xborder.classify.rules.SpanIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns what the rules read in a passage ({@link PassageAnalysis}) into the model's features:
 * <ul>
 * <li>word unigrams, bigrams and 6-letter prefixes (English) or character bigrams (Chinese) of the folded passage;
 * <li>terms: the lexicon classes of {@code features.yaml} (data nouns, movement and storage verbs, border words,
 * foreign recipients, modal verbs, look-alikes of hard negatives …) and the roles of the places named (a destination,
 * a location, a place outside which data goes, a foreign or a home place relative to the document's jurisdiction);
 * <li>pairs of terms present in the passage (nearer pairs and triples were tried: no better in
 * cross-validation, and slower);
 * <li>the rules that matched (with their scores, boosts and suppressions) and what the attribute cues say.
 * </ul>
 * Features are hashed by name, so a model stays valid when a file's order changes. Thread-safe.
 */
public final class FeatureExtractor {

    /** Bits of the hashed feature space. */
    public static final int BITS = 18;
    private static final int MASK = (1 << BITS) - 1;
    private static final int MAX_WORD = 24;
    private static final int PREFIX = 6;

    private static final String[] PLACE_ROLES = { "place", "destination", "location", "outside", "domestic", "foreign",
            "home", "multi", "home-location", "foreign-location" };
    /**
     * Terms that make a passage worth classifying: every finding is about some data (or a residency notion such as
     * "data localisation"), so a passage without one of them, where no rule matched either, gets none.
     */
    private static final Set<String> SCOPE = Set.of("data", "personal", "residency");
    /**
     * A passage without such a term is worth classifying too when it moves, keeps or reaches something across a
     * border: an action term with a border, foreign-tie or transfer-instrument term or a named place ("recordings are
     * analysed by a provider in the United States", "the lookup table must not be sent abroad", 从境外发起远程连接).
     * What is moved is often named only by a word the data lexicon lacks or a pronoun. Not when what crosses is named
     * as money, technology, goods, shares, staff or a shop: those look-alikes stay out of scope, as before.
     */
    private static final Set<String> SCOPE_ACTION = Set.of("move", "store", "access");
    private static final Set<String> SCOPE_TIE = Set.of("border", "foreign-tie", "adequacy", "corporate-rules",
            "certification");
    private static final Set<String> SCOPE_LOOK_ALIKE = Set.of("money", "technology", "goods", "shares", "staff",
            "shop");
    /**
     * Terms that tie a passage to a category on its own, so that the model may find it where no rule matched: a
     * place of any role, or a border, foreign-tie or adequacy word for a transfer; a place, a residency, local or
     * border word for residency. A passage with none of them (a procedural clause: "an application shall state
     * the identity of the recipient") is found only from its document ({@link ContextModel}).
     */
    private static final Map<Category, Set<String>> ANCHORS = Map.of(
            Category.CROSS_BORDER_TRANSFER, Set.of("border", "foreign-tie", "adequacy", "corporate-rules"),
            Category.DATA_LOCALIZATION, Set.of("residency", "local", "border"));

    private final RuleEngine rules;
    private final Map<Language, Layout> layouts = new EnumMap<>(Language.class);
    private final ThreadLocal<Features> buffers = ThreadLocal.withInitial(Features::new);

    public FeatureExtractor(RuleEngine rules) {
        this.rules = rules;
        for (Language l : Language.values()) {
            LanguageEngine engine = rules.engine(l);
            if (engine != null) {
                layouts.put(l, new Layout(engine, rules.gazetteer()));
            }
        }
    }

    public RuleEngine rules() {
        return rules;
    }

    /**
     * The features the category heads read, in this thread's buffer (valid until the thread's next call). What the
     * attribute cues say is left out: it costs most of the rules' work and only matters once a category is found
     * ({@link #addAttributeCues}).
     */
    public Features extract(PassageAnalysis a) {
        Features f = buffers.get();
        Layout layout = layouts.get(a.language());
        f.reset(layout);
        layout.extract(a, f);
        return f;
    }

    /** Appends to {@code f} (extracted from {@code a}) the features only the attribute heads read. */
    public void addAttributeCues(PassageAnalysis a, Features f) {
        if (!f.outOfScope()) {
            layouts.get(a.language()).extractCues(a, f);
        }
    }

    /** A fresh copy of all the features of {@code a}, attribute cues included (for tests and training). */
    public FeatureVector vector(PassageAnalysis a) {
        Features f = extract(a);
        addAttributeCues(a, f);
        return f.toVector();
    }

    // ---------------------------------------------------------------- hashing

    static int mix(int h, int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    static int index(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        int i = h & MASK;
        // 0 is the bias, in this space and in the smaller ones heads fold it into (see Model.ATTRIBUTE_BITS)
        return (i & 0xFF) == 0 ? i | 1 : i;
    }

    /**
     * The index of the feature "the rules say {@code value}": a category's rules matched, or the attribute cues name a
     * mechanism, data category or modality.
     */
    public static int cueIndex(Enum<?> value) {
        Kind k = value instanceof Category
                ? Kind.RULE_CATEGORY
                : value instanceof Mechanism
                        ? Kind.MECHANISM_CUE
                        : value instanceof DataCategory
                                ? Kind.DATA_CUE
                                : value instanceof Modality ? Kind.MODALITY_CUE : null;
        if (k == null) {
            throw new IllegalArgumentException("no cue feature for " + value);
        }
        return index(mix(seed(k), hash(value.name())));
    }

    static int hash(String s) {
        int h = 0x9747b28c;
        for (int i = 0; i < s.length(); i++) {
            h = mix(h, s.charAt(i));
        }
        return h;
    }

    private static int seed(Kind k) {
        return mix(0x5bd1e995, k.ordinal() + 101);
    }

    // ---------------------------------------------------------------- one language

    /** The terms of one language and how their features are named and hashed. */
    static final class Layout {

        private final Language language;
        private final String[] termNames;
        private final int[] termHashes;
        /** Scanner group of each class term; -1 for place roles. */
        private final int[] termGroups;
        private final boolean[] combined;
        private final boolean[] scopeTerm;
        private final boolean[] actionTerm;
        private final boolean[] tieTerm;
        private final boolean[] lookAlikeTerm;
        /** Per category (ordinal), the terms that anchor a finding of it: see {@link #ANCHORS}. */
        private final boolean[][] anchor;
        private final int placeRolesFrom;
        /** The feature index of each term: its hash mixed into the kind's seed, computed once. */
        private final int[] termIndices;
        /**
         * The feature index of the pair of combined terms i and j at {@code i * terms + j}: both hashes, in
         * {@link #ordered} order, mixed into the kind's seed, computed once.
         */
        private final int[] pairIndices;
        private final Gazetteer gazetteer;

        Layout(LanguageEngine engine, Gazetteer gazetteer) {
            this.language = engine.language();
            this.gazetteer = gazetteer;
            List<LanguageEngine.FeatureClass> classes = engine.featureClasses();
            int n = classes.size() + PLACE_ROLES.length;
            termNames = new String[n];
            termHashes = new int[n];
            termGroups = new int[n];
            combined = new boolean[n];
            scopeTerm = new boolean[n];
            actionTerm = new boolean[n];
            tieTerm = new boolean[n];
            lookAlikeTerm = new boolean[n];
            anchor = new boolean[Category.values().length][n];
            Set<String> combine = new HashSet<>(engine.combinedClasses());
            for (int i = 0; i < n; i++) {
                boolean role = i >= classes.size();
                termNames[i] = role ? PLACE_ROLES[i - classes.size()] : classes.get(i).name();
                termGroups[i] = role ? -1 : classes.get(i).group();
                termHashes[i] = hash((role ? "@" : "") + termNames[i]);
                combined[i] = combine.remove(termNames[i]);
                scopeTerm[i] = !role && SCOPE.contains(termNames[i]);
                actionTerm[i] = !role && SCOPE_ACTION.contains(termNames[i]);
                tieTerm[i] = !role && SCOPE_TIE.contains(termNames[i]);
                lookAlikeTerm[i] = !role && SCOPE_LOOK_ALIKE.contains(termNames[i]);
                for (Category c : Category.values()) {
                    anchor[c.ordinal()][i] = role || ANCHORS.get(c).contains(termNames[i]);
                }
            }
            if (!combine.isEmpty()) {
                throw new IllegalStateException(language + " features.yaml combines unknown classes " + combine);
            }
            placeRolesFrom = classes.size();
            termIndices = new int[n];
            for (int i = 0; i < n; i++) {
                termIndices[i] = index(mix(seed(Kind.TERM), termHashes[i]));
            }
            pairIndices = new int[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (combined[i] && combined[j] && i != j) {
                        int lo = ordered(i, j) ? i : j;
                        int hi = lo == i ? j : i;
                        pairIndices[i * n + j] = index(mix(mix(seed(Kind.PAIR), termHashes[lo]), termHashes[hi]));
                    }
                }
            }
        }

        /** Whether a term that anchors a finding of {@code c} occurs in the passage {@code f} holds. */
        private boolean anchored(Features f, Category c) {
            boolean[] terms = anchor[c.ordinal()];
            for (int i = 0; i < terms.length; i++) {
                if (terms[i] && f.termCount[i] > 0) {
                    return true;
                }
            }
            return false;
        }

        /** At most this many hits of a term are looked at for its pairs. */
        private static final int MAX_TERM_HITS = 16;

        void extract(PassageAnalysis a, Features f) {
            int t = termNames.length;
            f.ensureTerms(t);
            int[] count = f.termCount;
            boolean inScope = !a.matches().isEmpty();
            for (int i = 0; i < placeRolesFrom; i++) {
                count[i] = Math.min(MAX_TERM_HITS, a.hitCount(termGroups[i]));
                inScope |= scopeTerm[i] && count[i] > 0;
            }
            if (!inScope) {
                boolean action = false;
                boolean tie = a.places().size() > 0;
                boolean lookAlike = false;
                for (int i = 0; i < placeRolesFrom; i++) {
                    action |= actionTerm[i] && count[i] > 0;
                    tie |= tieTerm[i] && count[i] > 0;
                    lookAlike |= lookAlikeTerm[i] && count[i] > 0;
                }
                inScope = action && tie && !lookAlike;
            }
            if (!inScope) {
                f.outOfScope = true;
                return;
            }
            grams(a, f);
            f.startNamed();
            collectHits(a, f);
            for (Category c : Category.values()) {
                f.anchored[c.ordinal()] = anchored(f, c);
            }
            for (CategoryMatch m : a.matches()) {
                f.anchored[m.category().ordinal()] = true;
            }
            int[] present = f.present;
            int k = 0;
            for (int i = 0; i < t; i++) {
                if (count[i] > 0) {
                    present[k++] = i;
                    f.addNamed(termIndices[i], 1f, Kind.TERM, i, -1, -1, start(f.termFirst[i]), end(f.termFirst[i]),
                            -1, -1);
                }
            }
            for (int x = 0; x < k; x++) {
                int i = present[x];
                if (!combined[i]) {
                    continue;
                }
                for (int y = x + 1; y < k; y++) {
                    int j = present[y];
                    if (!combined[j]) {
                        continue;
                    }
                    int lo = ordered(i, j) ? i : j;
                    int hi = lo == i ? j : i;
                    // the words of a pair are found only when asked for (evidence, explanations): see pairSpans
                    f.addNamed(pairIndices[i * t + j], 1f, Kind.PAIR, lo, hi, -1, Features.LATER, Features.LATER,
                            Features.LATER, Features.LATER);
                }
            }
            for (CategoryMatch m : a.matches()) {
                int cat = m.category().ordinal();
                Evidence first = first(m, a);
                // worth the net score after suppressions (up to 1): a match its own suppression cancels ("data
                // stored within the territory" handed to foreign courts, a territorial-scope clause) counts little
                f.addNamed(cueIndex(m.category()), (float) Math.min(1.0, Math.max(0.0, m.score() / 2.0)),
                        Kind.RULE_CATEGORY, cat, -1, -1, first.s, first.e, -1, -1);
                f.addNamed(index(mix(seed(Kind.RULE_SCORE), hash(m.category().name()))),
                        (float) Math.tanh(m.score() / 4.0), Kind.RULE_SCORE, cat, -1, -1, first.s, first.e, -1, -1);
                for (RuleHit h : m.rules()) {
                    rule(f, Kind.RULE, h, a);
                }
                for (RuleHit h : m.boosts()) {
                    rule(f, Kind.BOOST, h, a);
                }
                for (RuleHit h : m.suppressions()) {
                    rule(f, Kind.SUPPRESSION, h, a);
                }
            }
            f.addNamed(index(mix(seed(Kind.LAW), a.documentJurisdiction() == null ? 0 : 1)), 1f, Kind.LAW,
                    a.documentJurisdiction() == null ? 0 : 1, -1, -1, -1, -1, -1, -1);
            for (Shape s : shapes(a)) {
                enumFeature(f, Kind.SHAPE, s);
            }
            if (a.context().genre() != null) {
                enumFeature(f, Kind.GENRE, a.context().genre());
            }
            f.categoryFeatures = f.size;
        }

        /** Appends what the rules' attribute cues say: mechanisms, data categories, the modal cue. */
        void extractCues(PassageAnalysis a, Features f) {
            for (Mechanism m : a.mechanisms()) {
                enumFeature(f, Kind.MECHANISM_CUE, m);
            }
            for (DataCategory d : a.dataCategories()) {
                enumFeature(f, Kind.DATA_CUE, d);
            }
            // no modal cue: the rules' default (laws require, news report) is a guess the model makes itself
            Modality cue = a.modalityCue();
            if (cue != null) {
                enumFeature(f, Kind.MODALITY_CUE, cue);
            } else {
                f.addNamed(index(mix(seed(Kind.MODALITY_CUE), hash("none"))), 1f, Kind.MODALITY_CUE, -1, -1, -1, -1,
                        -1, -1, -1);
            }
        }

        /**
         * Copies the hits of every present class term and of every place role into the buffer, noting each term's
         * first hit (by start).
         */
        private void collectHits(PassageAnalysis a, Features f) {
            int used = 0;
            int t = termNames.length;
            SpanIndex[] roles = { a.places(), a.destinations(), a.locations(), a.outside(), a.domesticDestinations(),
                    null, null, null, null, null };
            long[][] derived = placeRoles(a);
            for (int i = 0; i < t; i++) {
                int n;
                if (i < placeRolesFrom) {
                    n = f.termCount[i];
                } else {
                    int r = i - placeRolesFrom;
                    n = roles[r] != null ? roles[r].size() : derived[r - 5].length;
                    n = Math.min(MAX_TERM_HITS, n);
                    f.termCount[i] = n;
                }
                f.termOffset[i] = used;
                if (n == 0) {
                    continue;
                }
                if (f.termHits.length < used + n) {
                    f.termHits = Arrays.copyOf(f.termHits, 2 * (used + n));
                }
                long first = Long.MAX_VALUE;
                for (int x = 0; x < n; x++) {
                    long h;
                    if (i < placeRolesFrom) {
                        h = a.hit(termGroups[i], x);
                    } else {
                        int r = i - placeRolesFrom;
                        h = roles[r] != null
                                ? ((long) roles[r].start(x) << 32) | roles[r].end(x)
                                : derived[r - 5][x];
                    }
                    f.termHits[used++] = h;
                    if (h < first) {
                        first = h;
                    }
                }
                f.termFirst[i] = first;
            }
        }

        private static int start(long packed) {
            return (int) (packed >>> 32);
        }

        private static int end(long packed) {
            return (int) packed;
        }

        /** Fills in the spans of the j-th named feature, a pair of terms: the two closest hits, in text order. */
        void pairSpans(Features f, int j) {
            int i = f.a[j];
            int k = f.b[j];
            long pi = closest(f, i, k);
            long pk = closest(f, k, i);
            long first = start(pi) <= start(pk) ? pi : pk;
            long second = first == pi ? pk : pi;
            f.span[4 * j] = start(first);
            f.span[4 * j + 1] = end(first);
            f.span[4 * j + 2] = start(second);
            f.span[4 * j + 3] = end(second);
        }

        /** The hit of term {@code i} closest to any hit of term {@code j}. */
        private static long closest(Features f, int i, int j) {
            int best = Integer.MAX_VALUE;
            long hit = 0;
            int oi = f.termOffset[i];
            int oj = f.termOffset[j];
            for (int x = 0; x < f.termCount[i]; x++) {
                long a = f.termHits[oi + x];
                for (int y = 0; y < f.termCount[j]; y++) {
                    long b = f.termHits[oj + y];
                    int g = Math.max(start(a), start(b)) - Math.min(end(a), end(b));
                    if (g < best) {
                        best = g;
                        hit = a;
                    }
                }
            }
            return hit;
        }

        /**
         * The derived place roles: foreign places, home places, and a second jurisdiction named (packed spans). Home is
         * the document's jurisdiction or, without one, the {@linkplain #owner country whose data} the passage speaks
         * of.
         */
        private long[][] placeRoles(PassageAnalysis a) {
            String home = a.context().placeJurisdiction();
            if (home == null) {
                home = owner(a);
            }
            long[] foreign = new long[4];
            long[] homes = new long[4];
            int nf = 0;
            int nh = 0;
            String firstCode = null;
            long multi = -1;
            SpanIndex named = a.places();
            for (JurisdictionMention m : a.mentions()) {
                int s = m.start() - a.start();
                int e = m.end() - a.start();
                boolean isNamed = named.near(s, e, -1) >= 0;
                if (!isNamed || home != null && home.equals(m.code())) {
                    if (nh < homes.length && m.code() != null) {
                        homes[nh++] = ((long) s << 32) | e;
                    }
                } else if (home != null) {
                    if (nf < foreign.length) {
                        foreign[nf++] = ((long) s << 32) | e;
                    }
                }
                if (isNamed && m.code() != null) {
                    if (firstCode == null) {
                        firstCode = m.code();
                    } else if (!firstCode.equals(m.code()) && multi < 0) {
                        multi = ((long) s << 32) | e;
                    }
                }
            }
            foreign = Arrays.copyOf(foreign, nf);
            homes = Arrays.copyOf(homes, nh);
            return new long[][] { foreign, homes, multi < 0 ? new long[0] : new long[] { multi },
                    locatedAt(a.locations(), homes), locatedAt(a.locations(), foreign) };
        }

        /**
         * The places of {@code mentions} (packed spans) where something is kept (a location role: "stored in
         * Shanghai", "hosted in Frankfurt"): what tells "kept at home" from "kept abroad" when both a home and a
         * foreign place are named ("stored in Shanghai and not sent to the United States").
         */
        private static long[] locatedAt(SpanIndex locations, long[] mentions) {
            long[] out = new long[Math.min(mentions.length, locations.size())];
            int n = 0;
            for (long m : mentions) {
                for (int x = 0; x < locations.size() && n < out.length; x++) {
                    if (locations.start(x) < end(m) && start(m) < locations.end(x)) {
                        out[n++] = m;
                        break;
                    }
                }
            }
            return Arrays.copyOf(out, n);
        }

        /**
         * Whose data or people a passage speaks of, so that its places can be told home from foreign when no document
         * jurisdiction says: the country of a demonym ("Chinese vehicle data", "Kenyans' records") or, in Chinese, of
         * a country name right before a noun for its people (印尼借款人, 中国用户); else the jurisdiction a deictic word
         * names (国内, 境内: China in a Chinese text). "Chinese vehicle data kept in Shanghai" then stays home and "Kenyan
         * records replicated to Frankfurt" goes abroad. Null when none is named.
         */
        private String owner(PassageAnalysis a) {
            String text = a.text();
            String deictic = null;
            SpanIndex named = a.places();
            for (JurisdictionMention m : a.mentions()) {
                if (m.code() != null && deictic == null
                        && named.near(m.start() - a.start(), m.end() - a.start(), -1) < 0) {
                    deictic = m.code(); // 境内, 国内 (China without a document jurisdiction): home by definition
                }
                if (m.code() == null || gazetteer.isCity(m.name())) {
                    continue;
                }
                if (gazetteer.isDemonym(m.name())) {
                    return m.code();
                }
                if (language == Language.ZH && Gazetteer.beforePeople(text, m.end())) {
                    return m.code();
                }
            }
            return deictic;
        }

        private boolean ordered(int i, int j) {
            return termHashes[i] < termHashes[j] || termHashes[i] == termHashes[j] && i < j;
        }

        private static void rule(Features f, Kind k, RuleHit h, PassageAnalysis a) {
            int id = f.addRuleId(h.rule());
            f.addNamed(index(mix(seed(k), hash(h.rule()))), 1f, k, id, -1, -1, h.start() - a.start(),
                    h.end() - a.start(), -1, -1);
        }

        private static void enumFeature(Features f, Kind k, Enum<?> e) {
            f.addNamed(index(mix(seed(k), hash(e.name()))), 1f, k, e.ordinal(), -1, -1, -1, -1, -1, -1);
        }

        private record Evidence(int s, int e) {
        }

        private static Evidence first(CategoryMatch m, PassageAnalysis a) {
            if (m.evidence().isEmpty()) {
                return new Evidence(-1, -1);
            }
            return new Evidence(m.evidence().get(0).start() - a.start(), m.evidence().get(0).end() - a.start());
        }

        private List<Shape> shapes(PassageAnalysis a) {
            char[] t = a.folded();
            int n = a.length();
            int end = n;
            while (end > 0 && Character.isWhitespace(t[end - 1])) {
                end--;
            }
            List<Shape> out = new ArrayList<>(2);
            int words = 0;
            boolean inWord = false;
            int han = 0;
            for (int i = 0; i < end; i++) {
                char c = t[i];
                boolean w = c < 128
                        ? c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
                        : c < 0x2E80 && Character.isLetterOrDigit(c);
                if (w && !inWord) {
                    words++;
                }
                inWord = w;
                han += c >= 0x4E00 && c <= 0x9FFF ? 1 : 0;
            }
            int size = language == Language.ZH ? han : words;
            if (size <= (language == Language.ZH ? 24 : 14)) {
                out.add(Shape.SHORT);
            }
            if (size >= (language == Language.ZH ? 120 : 70)) {
                out.add(Shape.LONG);
            }
            char last = end > 0 ? t[end - 1] : '.';
            if (".。!！?？;；:：”\")」』".indexOf(last) < 0) {
                out.add(Shape.UNTERMINATED);
            }
            int i = 0;
            while (i < end && (t[i] == ' ' || t[i] == '(' || t[i] == '（')) {
                i++;
            }
            if (i < end && (Character.isDigit(t[i]) || t[i] == '第' || startsWith(t, i, end, "article")
                    || startsWith(t, i, end, "section") || startsWith(t, i, end, "art.")
                    || startsWith(t, i, end, "§"))) {
                out.add(Shape.NUMBERED);
            }
            return out;
        }

        private static boolean startsWith(char[] t, int i, int end, String s) {
            if (end - i < s.length()) {
                return false;
            }
            for (int k = 0; k < s.length(); k++) {
                if (t[i + k] != s.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        // ------------------------------------------------------------ n-grams

        private void grams(PassageAnalysis a, Features f) {
            if (language == Language.ZH) {
                hanGrams(a.folded(), a.length(), f);
            } else {
                words(a.folded(), a.length(), f);
            }
        }

        private static void words(char[] t, int n, Features f) {
            int previous = 0x2f3e1a77;
            int i = 0;
            while (i < n) {
                while (i < n && !isWordChar(t[i])) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                int word = 0x1b873593;
                int prefix = word;
                boolean digits = true;
                int length = 0;
                while (i < n && isWordChar(t[i])) {
                    char c = t[i++];
                    digits &= c >= '0' && c <= '9';
                    if (length < MAX_WORD) {
                        word = mix(word, c);
                    }
                    if (++length == PREFIX) {
                        prefix = word;
                    }
                }
                if (digits) {
                    word = mix(0x1b873593, '#');
                }
                f.addGram(index(mix(word, 'w')));
                f.addGram(index(mix(mix(previous, word), 'b')));
                if (length > PREFIX && !digits) {
                    f.addGram(index(mix(prefix, 'p')));
                }
                previous = word;
            }
        }

        private static boolean isWordChar(char c) {
            return c < 128 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') : Character.isLetterOrDigit(c);
        }

        /** Character bigrams (trigrams were tried: no better in cross-validation, and 40 % more features). */
        private static void hanGrams(char[] t, int n, Features f) {
            char y = 0;
            for (int i = 0; i < n; i++) {
                char c = t[i];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    continue;
                }
                if (c >= '0' && c <= '9') {
                    c = '0';
                }
                if (y != 0) {
                    f.addGram(index(mix(mix(mix(0x3c6ef372, '2'), y), c)));
                }
                y = c;
            }
        }

        // ------------------------------------------------------------ names

        String name(Features f, int j) {
            Kind k = f.kind[j];
            return switch (k) {
                case TERM -> termNames[f.a[j]];
                case PAIR -> termNames[f.a[j]] + "&" + termNames[f.b[j]];

                case RULE_CATEGORY -> "rules:" + Category.values()[f.a[j]].name();
                case RULE_SCORE -> "rule-score:" + Category.values()[f.a[j]].name();
                case RULE -> "rule:" + f.rules[f.a[j]];
                case BOOST -> "boost:" + f.rules[f.a[j]];
                case SUPPRESSION -> "suppression:" + f.rules[f.a[j]];
                case MECHANISM_CUE -> "mechanism-cue:" + Mechanism.values()[f.a[j]].name();
                case DATA_CUE -> "data-cue:" + DataCategory.values()[f.a[j]].name();
                case MODALITY_CUE -> "modality-cue:" + (f.a[j] < 0 ? "none" : Modality.values()[f.a[j]].name());
                case LAW -> f.a[j] == 1 ? "law" : "not-law";
                case SHAPE -> "shape:" + Shape.values()[f.a[j]].name().toLowerCase(Locale.ROOT);
                case GENRE ->
                    "genre:" + Genre.values()[f.a[j]].name().toLowerCase(Locale.ROOT);
            };
        }
    }
}
