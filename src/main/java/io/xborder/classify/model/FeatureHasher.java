package io.xborder.classify.model;

import io.xborder.classify.Language;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a passage and the names of the rule features that fired into a hashed sparse vector: English word
 * unigrams and bigrams, Chinese character bigrams and trigrams, and named features (rules, boosts,
 * suppressions). Feature names are hashed with a fixed function (FNV-1a), so a model trained at build time
 * reads the same indices at run time.
 */
public final class FeatureHasher {

    private final int bits;
    private final int mask;

    public FeatureHasher(int bits) {
        if (bits < 8 || bits > 24) {
            throw new IllegalArgumentException("bits must be between 8 and 24");
        }
        this.bits = bits;
        this.mask = (1 << bits) - 1;
    }

    public int bits() {
        return bits;
    }

    public int dimension() {
        return mask + 1;
    }

    /**
     * @param named named features with their values (rule ids, a scaled rule score, …)
     */
    public FeatureVector vector(CharSequence text, int start, int end, Language language, Map<String, Double> named) {
        TreeMap<Integer, Double> acc = new TreeMap<>();
        named.forEach((name, value) -> add(acc, "f:" + name, value));
        if (language == Language.ZH) {
            hanGrams(text, start, end, acc);
        } else {
            words(text, start, end, acc);
        }
        // l2-normalise the text part's weight relative to named features: each n-gram counts once
        int[] idx = new int[acc.size()];
        double[] val = new double[acc.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : acc.entrySet()) {
            idx[i] = e.getKey();
            val[i] = e.getValue();
            i++;
        }
        return new FeatureVector(idx, val);
    }

    private void words(CharSequence text, int start, int end, TreeMap<Integer, Double> acc) {
        StringBuilder word = new StringBuilder();
        String previous = "<s>";
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
                continue;
            }
            if (word.length() > 0) {
                String w = word.length() > 24 ? word.substring(0, 24) : word.toString();
                if (w.chars().allMatch(Character::isDigit)) {
                    w = "<num>";
                }
                set(acc, "w:" + w);
                set(acc, "b:" + previous + "_" + w);
                previous = w;
                word.setLength(0);
            }
        }
    }

    private void hanGrams(CharSequence text, int start, int end, TreeMap<Integer, Double> acc) {
        char a = 0;
        char b = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (Character.isDigit(c)) {
                c = '0';
            }
            if (b != 0) {
                set(acc, "c2:" + b + c);
                if (a != 0) {
                    set(acc, "c3:" + a + b + c);
                }
            }
            a = b;
            b = c;
        }
    }

    private void set(TreeMap<Integer, Double> acc, String feature) {
        acc.put(index(feature), 1.0);
    }

    private void add(TreeMap<Integer, Double> acc, String feature, double value) {
        acc.merge(index(feature), value, Double::sum);
    }

    int index(String feature) {
        int h = 0x811c9dc5;
        for (byte x : feature.getBytes(StandardCharsets.UTF_8)) {
            h ^= x & 0xff;
            h *= 0x01000193;
        }
        // index 0 is reserved for the bias
        int i = h & mask;
        return i == 0 ? 1 : i;
    }
}
