package io.xborder.classify.rules;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.xborder.classify.FoldedText;
import io.xborder.classify.TextFolding;
import io.xborder.classify.jurisdiction.Gazetteer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All literal cues of one language compiled into one Aho–Corasick automaton; one pass over the lower-cased passage
 * yields the hits of every cue group (category rules, suppressions, attributes) and of the gazetteer's keys, so the
 * gazetteer need not scan the passage again. Immutable after {@link Builder#build()}.
 */
final class CueScanner {

    // a key's value holds, per group it belongs to, (group << FLAG_BITS) | flags
    private static final int PREFIX = 1;
    private static final int LEFT = 2;
    private static final int RIGHT = 4;
    /** Not a cue: a key of the gazetteer, recorded for it as found, whatever the word boundaries. */
    private static final int GAZETTEER_KEY = 8;
    private static final int FLAG_BITS = 4;

    private final Automaton trie;
    private final List<String> groupNames;
    /** Per-thread buffers, so a scan allocates nothing in the common case (the scanner itself stays immutable). */
    private final ThreadLocal<Hits> scratch;

    private CueScanner(Automaton trie, List<String> groupNames) {
        this.trie = trie;
        this.groupNames = List.copyOf(groupNames);
        int n = groupNames.size();
        this.scratch = ThreadLocal.withInitial(() -> new Hits(n));
    }

    int groupCount() {
        return groupNames.size();
    }

    String groupName(int id) {
        return groupNames.get(id);
    }

    /**
     * Folds {@code text[start, end)} into this thread's buffer and scans it once. The result (offsets relative
     * to {@code start}) belongs to the calling thread and is valid until its next scan.
     */
    Hits scan(String text, int start, int end) {
        Hits hits = scratch.get();
        hits.reset(text, start, end);
        trie.scan(hits.lower.buffer(), hits.lower.length(), hits);
        return hits;
    }

    /**
     * The double-array automaton with its scan loop over the folded buffer written out here: the library's
     * {@code parseText} reads the text through {@code CharSequence} and hands every hit to a callback with a boxed
     * value; this walks the same states (the same transitions and failure links) and records the same hits in the
     * same order, without either.
     */
    static final class Automaton extends AhoCorasickDoubleArrayTrie<int[]> {

        private static final long serialVersionUID = 1L;

        /**
         * A bit per state: whether it reports hits. Most chars land on a state that reports none, and this 13 KB
         * map answers that where the array of every state's outputs (hundreds of KB) would cost a cache miss.
         */
        private long[] emits;

        /** Builds the automaton, then the map of the states that report hits. */
        @Override
        public void build(Map<String, int[]> map) {
            super.build(map);
            emits = new long[(output.length + 63) / 64];
            for (int state = 0; state < output.length; state++) {
                if (output[state] != null) {
                    emits[state >>> 6] |= 1L << state;
                }
            }
        }

        /** Scans {@code text[0, len)} and records its hits in {@code hits}, as the library's scan reports them. */
        void scan(char[] text, int len, Hits hits) {
            int[] base = this.base;
            int[] check = this.check;
            int[] fail = this.fail;
            int[][] output = this.output;
            long[] emits = this.emits;
            int[] lengths = this.l;
            Object[] values = this.v;
            int state = 0;
            for (int i = 0; i < len; i++) {
                char c = text[i];
                int next;
                while (true) {
                    int b = base[state];
                    int p = b + c + 1;
                    if (b == check[p]) {
                        next = p;
                        break;
                    }
                    if (state == 0) {
                        next = 0;
                        break;
                    }
                    state = fail[state];
                }
                state = next;
                if ((emits[state >>> 6] & 1L << state) == 0) {
                    continue;
                }
                int[] out = output[state];
                int end = i + 1;
                for (int hit : out) {
                    int begin = end - lengths[hit];
                    boolean leftOk = begin == 0 || !isWordChar(text[begin - 1]);
                    boolean rightOk = end == len || !isWordChar(text[end]);
                    for (int value : (int[]) values[hit]) {
                        if ((value & GAZETTEER_KEY) != 0) {
                            hits.addGazetteerKey(value >>> FLAG_BITS, begin, end);
                            continue;
                        }
                        if ((value & LEFT) != 0 && !leftOk) {
                            continue;
                        }
                        if ((value & RIGHT) != 0 && (value & PREFIX) == 0 && !rightOk) {
                            continue;
                        }
                        hits.add(value >>> FLAG_BITS, begin, end);
                    }
                }
            }
        }
    }

    /** Latin letters and digits (not CJK): word boundaries are checked only against these. */
    static boolean isWordChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        }
        return c < 0x2E80 && Character.isLetterOrDigit(c);
    }

    /** Collects cues per named group. */
    static final class Builder {

        private final Map<String, Integer> groupIds = new LinkedHashMap<>();
        private final Map<String, List<Integer>> entries = new HashMap<>();

        int group(String name) {
            return groupIds.computeIfAbsent(name, k -> groupIds.size());
        }

        Integer existingGroup(String name) {
            return groupIds.get(name);
        }

        /** Adds one literal cue (trailing {@code *} = prefix match) to a group; returns the group id. */
        int add(String groupName, String cue) {
            int g = group(groupName);
            String c = TextFolding.fold(cue.strip());
            int flags = 0;
            if (c.endsWith("*")) {
                flags |= PREFIX;
                c = c.substring(0, c.length() - 1);
            }
            if (c.isEmpty()) {
                throw new IllegalArgumentException("empty cue in group " + groupName);
            }
            if (isWordChar(c.charAt(0))) {
                flags |= LEFT;
            }
            if (isWordChar(c.charAt(c.length() - 1))) {
                flags |= RIGHT;
            }
            addValue(c, (g << FLAG_BITS) | flags);
            return g;
        }

        /**
         * Adds the gazetteer's keys (already folded, taken verbatim), so that one scan also finds what the
         * gazetteer looks for; their hits go to {@link Hits#keyHitCount()} and friends.
         */
        void addGazetteerKeys(List<String> keys) {
            for (int id = 0; id < keys.size(); id++) {
                addValue(keys.get(id), (id << FLAG_BITS) | GAZETTEER_KEY);
            }
        }

        private void addValue(String key, int value) {
            List<Integer> list = entries.computeIfAbsent(key, k -> new ArrayList<>(2));
            if (!list.contains(value)) {
                list.add(value);
            }
        }

        CueScanner build() {
            Map<String, int[]> map = new TreeMap<>();
            entries.forEach((k, v) -> map.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
            Automaton trie = new Automaton();
            trie.build(map);
            return new CueScanner(trie, new ArrayList<>(groupIds.keySet()));
        }
    }

    /**
     * The hits of one scan, per group. The first {@link #get} sorts all hits into per-group runs in one
     * counting-sort pass, so a passage whose rules look at many groups pays O(hits + groups) once rather than
     * one pass over all hits per group.
     */
    static final class Hits implements Gazetteer.KeyHits {

        private final int[] counts;
        private long[] packed = new long[64];
        private int[] groups = new int[64];
        private int n;
        private final SpanIndex[] byGroup;
        /** The groups hit in this scan, each once, in order of first hit (to reset only those). */
        private final int[] touched;
        private int touchedCount;
        /** {@code packed} regrouped: the hits of group g sit at {@code [runStart[g], runStart[g] + counts[g])}. */
        private long[] grouped = new long[64];
        private final int[] runStart;
        private boolean bucketed;
        /** Hits of gazetteer keys: key id and {@code begin << 32 | end}. */
        private int[] keyIds = new int[16];
        private long[] keySpans = new long[16];
        private int keyCount;
        final FoldedText lower = new FoldedText();

        Hits(int groupCount) {
            this.counts = new int[groupCount];
            this.byGroup = new SpanIndex[groupCount];
            this.touched = new int[groupCount];
            this.runStart = new int[groupCount];
        }

        void reset(String text, int start, int end) {
            for (int i = 0; i < touchedCount; i++) {
                counts[touched[i]] = 0;
                byGroup[touched[i]] = null;
            }
            n = 0;
            touchedCount = 0;
            bucketed = false;
            keyCount = 0;
            if (packed.length > 4096) { // do not keep a huge buffer after an outsized passage
                packed = new long[64];
                groups = new int[64];
                grouped = new long[64];
            }
            if (keyIds.length > 4096) {
                keyIds = new int[16];
                keySpans = new long[16];
            }
            lower.fold(text, start, end);
        }

        /** The lower-cased passage (shared buffer; read up to {@link #length()}). */
        char[] chars() {
            return lower.buffer();
        }

        int length() {
            return lower.length();
        }

        void add(int group, int start, int end) {
            if (n == packed.length) {
                packed = Arrays.copyOf(packed, n * 2);
                groups = Arrays.copyOf(groups, n * 2);
            }
            packed[n] = ((long) start << 32) | end;
            groups[n++] = group;
            if (counts[group]++ == 0) {
                touched[touchedCount++] = group;
            }
        }

        void addGazetteerKey(int id, int start, int end) {
            if (keyCount == keyIds.length) {
                keyIds = Arrays.copyOf(keyIds, keyCount * 2);
                keySpans = Arrays.copyOf(keySpans, keyCount * 2);
            }
            keyIds[keyCount] = id;
            keySpans[keyCount++] = ((long) start << 32) | end;
        }

        @Override
        public int keyHitCount() {
            return keyCount;
        }

        @Override
        public int keyHitId(int i) {
            return keyIds[i];
        }

        @Override
        public int keyHitBegin(int i) {
            return (int) (keySpans[i] >>> 32);
        }

        @Override
        public int keyHitEnd(int i) {
            return (int) keySpans[i];
        }

        boolean has(int group) {
            return group >= 0 && counts[group] > 0;
        }

        /** The number of hits of a group ({@code group < 0}: none). */
        int count(int group) {
            return group < 0 ? 0 : counts[group];
        }

        /** The i-th hit of a group as {@code start << 32 | end}, in no particular order. */
        long packed(int group, int i) {
            if (!bucketed) {
                bucket();
            }
            return grouped[runStart[group] + i];
        }

        SpanIndex get(int group) {
            if (group < 0 || counts[group] == 0) {
                return SpanIndex.EMPTY;
            }
            SpanIndex idx = byGroup[group];
            if (idx == null) {
                if (!bucketed) {
                    bucket();
                }
                // SpanIndex.of sorts its input, so the order of hits inside a run does not matter
                long[] mine = Arrays.copyOfRange(grouped, runStart[group], runStart[group] + counts[group]);
                idx = SpanIndex.of(mine, mine.length);
                byGroup[group] = idx;
            }
            return idx;
        }

        private void bucket() {
            if (grouped.length < n) {
                grouped = new long[packed.length];
            }
            int offset = 0;
            for (int i = 0; i < touchedCount; i++) {
                int g = touched[i];
                runStart[g] = offset;
                offset += counts[g];
            }
            // runStart[g] serves as the fill cursor, then is moved back to the run's start
            for (int i = 0; i < n; i++) {
                grouped[runStart[groups[i]]++] = packed[i];
            }
            for (int i = 0; i < touchedCount; i++) {
                runStart[touched[i]] -= counts[touched[i]];
            }
            bucketed = true;
        }
    }
}
