package io.xborder.classify;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All literal cues of one language compiled into one Aho–Corasick automaton; one pass over the lower-cased passage
 * yields the hits of every cue group (category rules, suppressions, attributes). Immutable after {@link Builder#build()}.
 */
final class CueScanner {

    private static final int PREFIX = 1;
    private static final int LEFT = 2;
    private static final int RIGHT = 4;

    private final AhoCorasickDoubleArrayTrie<int[]> trie;
    private final List<String> groupNames;

    private CueScanner(AhoCorasickDoubleArrayTrie<int[]> trie, List<String> groupNames) {
        this.trie = trie;
        this.groupNames = List.copyOf(groupNames);
    }

    int groupCount() {
        return groupNames.size();
    }

    String groupName(int id) {
        return groupNames.get(id);
    }

    /** Scans {@code lower} (already lower-cased, offsets relative to the passage start). */
    Hits scan(char[] lower) {
        Hits hits = new Hits(groupNames.size());
        trie.parseText(lower, (begin, end, value) -> {
            boolean leftOk = begin == 0 || !isWordChar(lower[begin - 1]);
            boolean rightOk = end == lower.length || !isWordChar(lower[end]);
            for (int v : value) {
                if ((v & LEFT) != 0 && !leftOk) {
                    continue;
                }
                if ((v & RIGHT) != 0 && (v & PREFIX) == 0 && !rightOk) {
                    continue;
                }
                hits.add(v >>> 3, begin, end);
            }
        });
        return hits;
    }

    /** Latin letters and digits (not CJK): word boundaries are checked only against these. */
    static boolean isWordChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        }
        return c < 0x2E80 && Character.isLetterOrDigit(c);
    }

    /** Lower-cases {@code text[start, end)} char by char, so offsets stay those of the input. */
    static char[] lowerCase(String text, int start, int end) {
        char[] out = new char[end - start];
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                out[i - start] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
            } else if (c == '\u2019' || c == '\u2018') {
                out[i - start] = '\''; // curly apostrophes written as straight ones in cues
            } else if (c == '\u2010' || c == '\u2011' || c == '\u2013') {
                out[i - start] = '-';
            } else {
                out[i - start] = Character.toLowerCase(c);
            }
        }
        return out;
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
            String c = cue.strip().toLowerCase(java.util.Locale.ROOT);
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
            int value = (g << 3) | flags;
            List<Integer> list = entries.computeIfAbsent(c, k -> new ArrayList<>(2));
            if (!list.contains(value)) {
                list.add(value);
            }
            return g;
        }

        CueScanner build() {
            Map<String, int[]> map = new java.util.TreeMap<>();
            entries.forEach((k, v) -> map.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
            AhoCorasickDoubleArrayTrie<int[]> trie = new AhoCorasickDoubleArrayTrie<>();
            trie.build(map);
            return new CueScanner(trie, new ArrayList<>(groupIds.keySet()));
        }
    }

    /** The hits of one scan, per group, indexed lazily. */
    static final class Hits {
        private final int[] counts;
        private long[] packed = new long[32];
        private int[] groups = new int[32];
        private int n;
        private SpanIndex[] byGroup;

        Hits(int groupCount) {
            this.counts = new int[groupCount];
        }

        void add(int group, int start, int end) {
            if (n == packed.length) {
                packed = java.util.Arrays.copyOf(packed, n * 2);
                groups = java.util.Arrays.copyOf(groups, n * 2);
            }
            packed[n] = ((long) start << 32) | end;
            groups[n++] = group;
            counts[group]++;
        }

        boolean has(int group) {
            return group >= 0 && counts[group] > 0;
        }

        SpanIndex get(int group) {
            if (group < 0 || counts[group] == 0) {
                return SpanIndex.EMPTY;
            }
            if (byGroup == null) {
                byGroup = new SpanIndex[counts.length];
            }
            SpanIndex idx = byGroup[group];
            if (idx == null) {
                long[] mine = new long[counts[group]];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (groups[i] == group) {
                        mine[k++] = packed[i];
                    }
                }
                idx = SpanIndex.of(mine, k);
                byGroup[group] = idx;
            }
            return idx;
        }
    }
}
