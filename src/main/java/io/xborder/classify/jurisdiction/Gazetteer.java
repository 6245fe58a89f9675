package io.xborder.classify.jurisdiction;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.xborder.classify.FoldedText;
import io.xborder.classify.Language;
import io.xborder.classify.TextFolding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the jurisdictions a text names: countries, territories and the EU by their names, demonyms,
 * abbreviations, Chinese names and standing-for-the-state capitals, cities, regulators and laws; Chinese
 * short-form compounds (中美, 赴美); and deictic phrases ("within the territory", 境内, 本法) that point at the
 * document's own jurisdiction.
 *
 * <p>All vocabulary lives in data files under {@code gazetteer/} on the classpath:
 * {@code jurisdictions.tsv} (one row per ISO 3166-1 alpha-2 code plus {@code EU}), {@code authorities.tsv}
 * (regulators, institutions, laws), {@code compounds.tsv}, {@code deictic.tsv} and {@code stopwords.tsv}
 * (phrases that contain a name but name no jurisdiction, e.g. "New Jersey", 其中, 中英文).
 *
 * <p>Matching is one Aho-Corasick pass over a case-folded copy of the range, then a linear left-most-longest
 * sweep. Latin entries need word boundaries on both sides. Three case modes: abbreviations are
 * case-sensitive ("US" but not "us"); names are case-insensitive, but a name written with a capital initial
 * only matches a capital initial in the text ("Turkey", not "turkey"); deictic phrases match in any case.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Gazetteer {

    static final String RESOURCE_DIR = "gazetteer/";

    private static final String[] NO_CODES = new String[0];

    /** A jurisdiction with its display names, as listed in {@code jurisdictions.tsv}. */
    public record Jurisdiction(String code, String kind, String englishName, String chineseName) {
    }

    private enum Mode {
        EXACT, NAME, ANY
    }

    private enum Kind {
        NAME, DEICTIC, STOP, COMPOUND,
        /** A deictic phrase that names a place only when the document's jurisdiction is known (本地 "locally"). */
        LOCAL,
        /**
         * A deictic phrase that, without a document jurisdiction, refers to the place its clause named before it
         * (印度尼西亚要求…在境内存储), else to a place named earlier in the passage as a rule's owner (根据印尼《…法》，数据出境…;
         * see {@link #RULE_OWNER_NOUNS}), and to the home only when neither is named.
         */
        RELATIVE
    }

    /**
     * One way of writing something; several entries may share a folded key. The last three components are
     * derived from the key once, as {@link #accepts} needs them for every automaton hit.
     */
    private record Entry(String key, Mode mode, Kind kind, String code, String[] charCodes, String notFollowedBy,
            boolean chineseScript, boolean capitalInitial, boolean latinFirst, boolean latinLast) {

        Entry(String key, Mode mode, Kind kind, String code, String[] charCodes, String notFollowedBy,
                boolean chineseScript) {
            this(key, mode, kind, code, charCodes, notFollowedBy, chineseScript, Character.isUpperCase(key.charAt(0)),
                    isLatinWordChar(key.charAt(0)), isLatinWordChar(key.charAt(key.length() - 1)));
        }
    }

    /** Marks that end a clause; a hashtag's # and a headline's ｜ too ("#沙特数据出境新规#", "出海必看｜尼日利亚…"). */
    private static final String CLAUSE_ENDS = "，,。；;：:！？!?\n#＃｜|";
    /** Chinese nouns for a country's people: a country name right before one says whose data it is (印尼借款人). */
    private static final List<String> PEOPLE_NOUNS = List.of("用户", "客户", "公民", "居民", "借款人", "患者", "消费者",
            "车主", "人的", "籍");
    /**
     * Words after a place that make it a modifier (美国用户, 德国子公司), not the subject of its clause: the nouns for
     * its people and these.
     */
    private static final List<String> MODIFIED_NOUNS = Stream.concat(PEOPLE_NOUNS.stream(),
            Stream.of("的", "公司", "企业", "子公司", "总部", "员工", "人", "市场", "业务", "团队", "工程师")).toList();
    /**
     * Words after a place that make it the owner of a rule the passage states (印尼《个人数据保护法》, 沙特监管机构, 尼日利亚数据保护法,
     * 沙特方面): a RELATIVE phrase anywhere later in the passage (境内, 出境) then refers to it, not to China, even in
     * another clause ("根据印尼《个人数据保护法》，数据出境须…").
     */
    private static final List<String> RULE_OWNER_NOUNS = List.of("《", "法", "监管", "政府", "当局", "方面", "规定", "条例",
            "新规", "数据保护", "个人数据保护", "个人信息保护", "央行", "国会", "议会");
    private static final Set<String> JOINERS = Set.of("、", "和", "及", "与", "以及", ",", "and", "or");

    private final AhoCorasickDoubleArrayTrie<Entry[]> trie;
    /** The folded keys in id order (see {@link #foldedKeys()}) and their entries. */
    private final List<String> keys;
    private final Entry[][] entriesByKey;
    private final Map<String, Jurisdiction> jurisdictions;
    /** Folded spellings of the {@code cities} column and of the {@code en_adjectives} column. */
    private final Set<String> cities;
    private final Set<String> demonyms;

    private Gazetteer(TreeMap<String, Entry[]> keys, Map<String, Jurisdiction> jurisdictions, Set<String> cities,
            Set<String> demonyms) {
        this.trie = new AhoCorasickDoubleArrayTrie<>();
        trie.build(keys);
        this.keys = List.copyOf(keys.keySet());
        this.entriesByKey = keys.values().toArray(Entry[][]::new);
        this.jurisdictions = jurisdictions;
        this.cities = Set.copyOf(cities);
        this.demonyms = Set.copyOf(demonyms);
    }

    /**
     * The hits of {@link #foldedKeys()} that a caller's own Aho–Corasick scan of a passage found, so that a
     * classifier scanning the passage anyway need not have it scanned twice: the key's id (its index in
     * {@link #foldedKeys()}) and {@code [begin, end)} relative to the passage start, in any order.
     */
    public interface KeyHits {

        int keyHitCount();

        int keyHitId(int i);

        int keyHitBegin(int i);

        int keyHitEnd(int i);
    }

    private static final class Holder {

        static final Gazetteer INSTANCE = load(Gazetteer.class.getClassLoader());
    }

    /** The gazetteer built from the data files on the classpath; built once, then shared. */
    public static Gazetteer fromClasspath() {
        return Holder.INSTANCE;
    }

    /**
     * Mentions inside {@code text[from, to)}, left-most-longest, non-overlapping, in text order. Deictic phrases
     * ("within the territory", 境内, 本法) resolve to {@code documentJurisdiction}, or when that is null to the
     * language's home jurisdiction (ZH → CN; EN → none, the phrase is dropped). A deictic phrase written in
     * Chinese characters falls back to CN whatever the passage language, since it can only mean China's
     * territory when no document jurisdiction says otherwise. A deictic phrase right after a name (美国境内)
     * belongs to that name and yields nothing of its own; "in the territory of …" yields nothing either.
     */
    public List<JurisdictionMention> find(String text, int from, int to, String documentJurisdiction,
            Language language) {
        return find(text, from, to, documentJurisdiction, language, null, null);
    }

    /**
     * The lower-case, normalised spellings the matcher looks for, each once; a key's id is its index here.
     * A caller that scans passages for these keys itself passes what it found to
     * {@link #find(String, int, int, String, Language, char[], KeyHits)}.
     */
    public List<String> foldedKeys() {
        return keys;
    }

    /**
     * As {@link #find(String, int, int, String, Language)}, using the key hits of a scan the caller already made
     * over {@code scanned[0, to - from)}, the range folded by {@link TextFolding} (as the gazetteer folds it).
     */
    public List<JurisdictionMention> find(String text, int from, int to, String documentJurisdiction,
            Language language, char[] scanned, KeyHits hits) {
        if (text == null) {
            return List.of();
        }
        from = Math.max(0, from);
        to = Math.min(text.length(), to);
        if (from >= to) {
            return List.of();
        }
        int n = to - from;
        Scratch sc = SCRATCH.get().ensure(n);
        char[] norm = sc.norm;
        boolean scannedHere = scanned == null || hits == null || scanned.length < n;
        char[] fold = scanned;
        if (scannedHere) {
            sc.folded.fold(text, from, to);
            fold = sc.folded.buffer();
        }
        for (int i = 0; i < n; i++) {
            norm[i] = TextFolding.normalise(text.charAt(from + i));
        }
        // best[i]: the longest accepted entry starting at i (end offset, entry); filled from the single AC pass.
        // Hits at one start differ in length and the longest accepted one wins, so their order does not matter.
        int[] bestEnd = sc.bestEnd;
        Entry[] bestEntry = sc.bestEntry;
        Arrays.fill(bestEnd, 0, n, 0);
        Arrays.fill(bestEntry, 0, n, null);
        final int base = from;
        if (!scannedHere) {
            for (int k = 0; k < hits.keyHitCount(); k++) {
                consider(entriesByKey[hits.keyHitId(k)], hits.keyHitBegin(k), hits.keyHitEnd(k), text, norm, base,
                        bestEnd, bestEntry);
            }
        } else {
            trie.parseText(sc.folded, (AhoCorasickDoubleArrayTrie.IHit<Entry[]>) (begin, end,
                    entries) -> consider(entries, begin, end, text, norm, base, bestEnd, bestEntry));
        }

        String home = documentJurisdiction != null
                ? documentJurisdiction
                : language == Language.ZH ? "CN" : null;
        List<JurisdictionMention> out = new ArrayList<>();
        int lastNamedEnd = -1;
        // the place a clause starts with, as its subject: what a RELATIVE phrase later in that clause refers to
        String subjectCode = null;
        int subjectEnd = -1;
        // the first place named as the owner of a rule (see RULE_OWNER_NOUNS)
        String ownerCode = null;
        for (int i = 0; i < n;) {
            Entry e = bestEntry[i];
            if (e == null) {
                i++;
                continue;
            }
            int end = bestEnd[i];
            if (e.kind() == Kind.COMPOUND && yieldsToLongerMatch(bestEntry, bestEnd, i, end)) {
                i++; // 在美国: the name 美国 wins over the compound 在美
                continue;
            }
            int s = base + i;
            int t = base + end;
            switch (e.kind()) {
                case NAME -> {
                    out.add(new JurisdictionMention(e.code(), s, t, text.substring(s, t)));
                    if (ownerCode == null && startsWithAny(text, t, RULE_OWNER_NOUNS)) {
                        ownerCode = e.code();
                    }
                    if (clauseStartsAt(text, from, s) && !startsWithAny(text, t, MODIFIED_NOUNS)) {
                        subjectCode = e.code(); // 印度尼西亚要求…, not 美国用户…
                        subjectEnd = t;
                    } else if (subjectCode != null && onlyJoiners(text, lastNamedEnd, s)) {
                        subjectEnd = t; // 尼日利亚、哈萨克斯坦等国…
                    }
                    lastNamedEnd = t;
                }
                case COMPOUND -> {
                    for (int k = 0; k < e.charCodes().length; k++) {
                        if (e.charCodes()[k] != null) {
                            out.add(new JurisdictionMention(e.charCodes()[k], s + k, s + k + 1,
                                    text.substring(s + k, s + k + 1)));
                        }
                    }
                    lastNamedEnd = t;
                }
                case DEICTIC, LOCAL, RELATIVE -> {
                    String code = e.kind() == Kind.LOCAL
                            ? documentJurisdiction
                            : home != null ? home : e.chineseScript() ? "CN" : null;
                    if (e.kind() == Kind.RELATIVE && documentJurisdiction == null) {
                        if (subjectCode != null && sameClause(text, subjectEnd, s)) {
                            code = subjectCode;
                        } else if (ownerCode != null) {
                            code = ownerCode;
                        }
                    }
                    boolean ownedByName = lastNamedEnd == s;
                    boolean followedByOf = e.notFollowedBy() != null
                            && regionMatchesFolded(fold, n, end, e.notFollowedBy());
                    if (code != null && !ownedByName && !followedByOf) {
                        out.add(new JurisdictionMention(code, s, t, text.substring(s, t)));
                    }
                }
                case STOP -> {
                }
            }
            i = end;
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether only blanks lie between the last clause end (or {@code from}) and {@code at}. */
    private static boolean clauseStartsAt(String text, int from, int at) {
        for (int i = at - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (CLAUSE_ENDS.indexOf(c) >= 0) {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text[from, to)} only joins names in a list (、 和 及 与 or, and). */
    private static boolean onlyJoiners(String text, int from, int to) {
        String between = text.substring(Math.max(0, from), Math.max(from, to)).strip();
        return between.isEmpty() || JOINERS.contains(between);
    }

    private static boolean startsWithAny(String text, int at, List<String> words) {
        for (String w : words) {
            if (text.startsWith(w, at)) {
                return true;
            }
        }
        return false;
    }

    /** Whether no clause ends in {@code text[from, to)} (a comma, semicolon, colon or full stop). */
    private static boolean sameClause(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (CLAUSE_ENDS.indexOf(text.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether a mention's matched words are a city or region of its jurisdiction (Shanghai, 雅加达), not its name. */
    public boolean isCity(String matched) {
        return cities.contains(TextFolding.fold(matched));
    }

    /**
     * Whether a mention's matched words are a demonym (Chinese, Kenyans): they say whose data or people a sentence
     * speaks of ("Chinese vehicle data"), not where anything is.
     */
    public boolean isDemonym(String matched) {
        return demonyms.contains(TextFolding.fold(matched));
    }

    /**
     * Whether a Chinese noun for people follows {@code text} at {@code end}: the country named right before it says
     * whose people or data the sentence speaks of (印尼借款人, 中国用户), not where anything is.
     */
    public static boolean beforePeople(String text, int end) {
        return startsWithAny(text, end, PEOPLE_NOUNS);
    }

    /** Whether {@code code} is an ISO 3166-1 alpha-2 code or {@code EU}. */
    public boolean isKnown(String code) {
        return code != null && jurisdictions.containsKey(code);
    }

    /** Every known code: the 249 ISO 3166-1 alpha-2 codes and {@code EU}, sorted. */
    public Set<String> codes() {
        return jurisdictions.keySet();
    }

    /** Every known jurisdiction with its names, sorted by code. */
    public List<Jurisdiction> jurisdictions() {
        return List.copyOf(jurisdictions.values());
    }

    public Optional<Jurisdiction> jurisdiction(String code) {
        return Optional.ofNullable(code == null ? null : jurisdictions.get(code));
    }

    /** The English short name, e.g. "United States" for US. */
    public Optional<String> englishName(String code) {
        return jurisdiction(code).map(Jurisdiction::englishName);
    }

    /** The Chinese short name, e.g. 美国 for US. */
    public Optional<String> chineseName(String code) {
        return jurisdiction(code).map(Jurisdiction::chineseName);
    }

    // ---------------------------------------------------------------- matching

    /**
     * Whether an automaton hit is a mention: case and word boundaries checked against the whole text. Word
     * boundaries are tested first: most hits of short keys ("in", "us") sit inside longer words.
     */
    private static boolean accepts(Entry e, String text, char[] norm, int base, int begin, int end) {
        if (e.latinFirst() && base + begin > 0 && isLatinWordChar(text.charAt(base + begin - 1))) {
            return false;
        }
        int after = base + end;
        if (e.latinLast() && after < text.length() && isLatinWordChar(text.charAt(after))) {
            return false;
        }
        String key = e.key();
        return switch (e.mode()) {
            case EXACT -> {
                for (int k = 0; k < key.length(); k++) {
                    if (norm[begin + k] != key.charAt(k)) {
                        yield false;
                    }
                }
                yield true;
            }
            case NAME -> !e.capitalInitial() || Character.isUpperCase(norm[begin]);
            case ANY -> true;
        };
    }

    /** Records the hit {@code [begin, end)} of a key when it is the longest accepted one at {@code begin} so far. */
    private static void consider(Entry[] entries, int begin, int end, String text, char[] norm, int base,
            int[] bestEnd, Entry[] bestEntry) {
        if (end - begin <= bestEnd[begin] - begin) {
            return;
        }
        for (Entry e : entries) {
            if (accepts(e, text, norm, base, begin, end)) {
                bestEnd[begin] = end;
                bestEntry[begin] = e;
                return;
            }
        }
    }

    /** Per-thread buffers, so that a search allocates only its result. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {

        char[] norm = new char[0];
        int[] bestEnd = new int[0];
        Entry[] bestEntry = new Entry[0];
        final FoldedText folded = new FoldedText();

        Scratch ensure(int n) {
            if (norm.length < n || norm.length > (1 << 16) && n < 4096) {
                int size = Math.max(n, 256);
                norm = new char[size];
                bestEnd = new int[size];
                bestEntry = new Entry[size];
            }
            return this;
        }
    }

    /** Letters and digits of alphabetic scripts; CJK characters are not word characters (在US境内 matches US). */
    private static boolean isLatinWordChar(char c) {
        if (c < 128) { // the common case, without a Unicode script lookup
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (c >= 0x3000 && c <= 0x30FF || c >= 0x3400 && c <= 0x9FFF) {
            return false; // CJK punctuation, kana, unified ideographs: never Latin word characters
        }
        if (!Character.isLetterOrDigit(c)) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
                && script != Character.UnicodeScript.KATAKANA && script != Character.UnicodeScript.HANGUL;
    }

    /** Whether a name or deictic phrase starts inside the compound at {@code i} and runs past its end. */
    private static boolean yieldsToLongerMatch(Entry[] bestEntry, int[] bestEnd, int i, int end) {
        for (int j = i + 1; j < end; j++) {
            Entry other = bestEntry[j];
            if (other != null && other.kind() != Kind.STOP && bestEnd[j] > end) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code fold[at, n)} starts with {@code s}; the buffer past {@code n} is an earlier passage's. */
    private static boolean regionMatchesFolded(char[] fold, int n, int at, String s) {
        if (at + s.length() > n) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (fold[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- loading

    static Gazetteer load(ClassLoader loader) {
        Map<String, List<Entry>> byKey = new HashMap<>();
        Map<String, Jurisdiction> jurisdictions = new TreeMap<>();
        Set<String> cities = new HashSet<>();
        Set<String> demonyms = new HashSet<>();

        for (Map<String, String> row : readTsv(loader, "jurisdictions.tsv")) {
            String code = row.get("code");
            if (jurisdictions.containsKey(code)) {
                throw new IllegalStateException("jurisdictions.tsv: duplicate code " + code);
            }
            List<String> en = split(row.get("en_names"));
            List<String> zh = split(row.get("zh_names"));
            jurisdictions.put(code, new Jurisdiction(code, row.get("kind"), en.isEmpty() ? code : en.get(0),
                    zh.isEmpty() ? null : zh.get(0)));
            addNames(byKey, code, row);
            split(row.get("cities")).forEach(c -> cities.add(TextFolding.fold(c)));
            split(row.get("en_adjectives")).forEach(d -> demonyms.add(TextFolding.fold(d)));
        }
        for (Map<String, String> row : readTsv(loader, "authorities.tsv")) {
            String code = row.get("code");
            if (!jurisdictions.containsKey(code)) {
                throw new IllegalStateException("authorities.tsv: unknown code " + code);
            }
            addNames(byKey, code, row);
        }
        for (Map<String, String> row : readTsv(loader, "compounds.tsv")) {
            String compound = row.get("compound");
            String[] parts = row.get("codes").trim().split("\\s+");
            if (parts.length != compound.length()) {
                throw new IllegalStateException("compounds.tsv: one code or '-' per character: " + compound);
            }
            String[] codes = new String[parts.length];
            for (int k = 0; k < parts.length; k++) {
                codes[k] = parts[k].equals("-") ? null : parts[k];
                if (codes[k] != null && !jurisdictions.containsKey(codes[k])) {
                    throw new IllegalStateException("compounds.tsv: unknown code " + codes[k]);
                }
            }
            add(byKey, new Entry(compound, Mode.EXACT, Kind.COMPOUND, null, codes, null, true));
        }
        for (Map<String, String> row : readTsv(loader, "deictic.tsv")) {
            String phrase = row.get("phrase");
            String notFollowedBy = row.getOrDefault("not_followed_by", "");
            Kind kind = "yes".equals(row.get("no_cn_fallback"))
                    ? Kind.LOCAL
                    : "yes".equals(row.get("refers_back")) ? Kind.RELATIVE : Kind.DEICTIC;
            add(byKey, new Entry(phrase, Mode.ANY, kind, null, NO_CODES,
                    notFollowedBy.isEmpty() ? null : notFollowedBy.toLowerCase(Locale.ROOT).replace('_', ' '),
                    isHan(phrase.charAt(0))));
        }
        for (Map<String, String> row : readTsv(loader, "stopwords.tsv")) {
            String phrase = row.get("phrase");
            add(byKey, new Entry(phrase, Mode.NAME, Kind.STOP, null, NO_CODES, null, isHan(phrase.charAt(0))));
        }

        TreeMap<String, Entry[]> keys = new TreeMap<>();
        byKey.forEach((k, v) -> keys.put(k, v.toArray(Entry[]::new)));
        return new Gazetteer(keys, Collections.unmodifiableMap(new LinkedHashMap<>(jurisdictions)), cities, demonyms);
    }

    private static void addNames(Map<String, List<Entry>> byKey, String code, Map<String, String> row) {
        for (String column : List.of("en_names", "en_adjectives", "cities")) {
            for (String name : split(row.get(column))) {
                add(byKey, new Entry(name, Mode.NAME, Kind.NAME, code, NO_CODES, null, isHan(name.charAt(0))));
            }
        }
        for (String column : List.of("abbreviations", "zh_names")) {
            for (String name : split(row.get(column))) {
                add(byKey, new Entry(name, Mode.EXACT, Kind.NAME, code, NO_CODES, null, isHan(name.charAt(0))));
            }
        }
    }

    private static void add(Map<String, List<Entry>> byKey, Entry e) {
        List<Entry> list = byKey.computeIfAbsent(TextFolding.fold(e.key()), k -> new ArrayList<>());
        for (Entry other : list) {
            if (other.mode() == e.mode() && other.key().equals(e.key())) {
                if (other.kind() == e.kind() && Objects.equals(other.code(), e.code())) {
                    return; // the same spelling listed twice for the same thing
                }
                throw new IllegalStateException("gazetteer: '" + e.key() + "' is listed for " + describe(other)
                        + " and " + describe(e));
            }
        }
        // exact spellings are tried before case-insensitive ones sharing the same folded key
        if (e.mode() == Mode.EXACT) {
            list.add(0, e);
        } else {
            list.add(e);
        }
    }

    private static String describe(Entry e) {
        return e.kind() == Kind.NAME ? e.code() : e.kind().name().toLowerCase(Locale.ROOT);
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static List<String> split(String cell) {
        if (cell == null || cell.isBlank() || cell.equals("-")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : cell.split("\\|")) {
            String t = s.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Reads a TSV with a header row; '#' lines and blank lines are skipped. */
    private static List<Map<String, String>> readTsv(ClassLoader loader, String name) {
        String path = RESOURCE_DIR + name;
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + path);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = null;
            List<Map<String, String>> rows = new ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (header == null) {
                    header = cells;
                    continue;
                }
                if (cells.length > header.length) {
                    throw new IllegalStateException(path + ":" + lineNo + ": " + cells.length + " cells, header has "
                            + header.length);
                }
                Map<String, String> row = new HashMap<>();
                for (int k = 0; k < cells.length; k++) {
                    row.put(header[k], cells[k].strip());
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String toString() {
        return "Gazetteer[" + jurisdictions.size() + " jurisdictions, " + trie.size() + " keys]";
    }
}
