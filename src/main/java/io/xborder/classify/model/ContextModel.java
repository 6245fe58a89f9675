package io.xborder.classify.model;

import io.xborder.classify.Category;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The second look at a document's passages: a passage whose own probability for a category stays under the head's
 * threshold is found after all when the passages around it say the document is applying that rule there — the
 * second paragraph of a transfer article, the answer under an FAQ question, the follow-up sentence of a news item.
 * Per category, a small logistic model over what the first look said about the passage and its neighbours
 * ({@link #features}); trained by {@link ModelTrainer} on the out-of-fold probabilities of the sentences of the
 * training documents, in document order, and only on the passages the first look left out.
 */
final class ContextModel {

    /** Number of features per category (the first is the bias). */
    static final int FEATURES = 10;
    private static final Category[] CATEGORIES = Category.values();
    private static final int ITERATIONS = 400;
    private static final double RATE = 0.5;
    private static final double L2 = 1e-3;

    private final Map<Category, double[]> weights;
    private final double threshold;

    ContextModel(Map<Category, double[]> weights, double threshold) {
        this.weights = new EnumMap<>(weights);
        this.threshold = threshold;
    }

    /** The probability at which a passage left out by the first look is found. */
    double threshold() {
        return threshold;
    }

    /**
     * The probability that passage {@code i} carries category {@code c}, given the first look's probabilities
     * {@code p[passage][category]} (null rows: passages the model does not read) and its thresholds; 0 when the
     * rest of the document does not {@linkplain #supported support} it.
     */
    double probability(Category c, double[][] p, boolean[] continues, int i, Overview document) {
        if (!supported(c, i, document)) {
            return 0;
        }
        return sigmoid(dot(weights.get(c), features(c, p, continues, i, document)));
    }

    /**
     * Whether the rest of the document supports a second look at passage {@code i} for category {@code c}: the first
     * look found it in some other passage. A passage is never found from its document alone when nothing else in the
     * document is about the category (a procedural clause among travel rules).
     */
    static boolean supported(Category c, int i, Overview document) {
        return elsewhere(c.ordinal(), i, document) >= document.thresholds()[c.ordinal()];
    }

    /** The first look's highest probability for category ordinal {@code k} in a passage other than {@code i}. */
    private static double elsewhere(int k, int i, Overview document) {
        return document.topAt()[k] == i ? document.second()[k] : document.top()[k];
    }

    /**
     * What the first look found over a whole document, per category (by ordinal): the highest probability and where,
     * the second highest, how many passages it found; and how many passages it read. Computed once per document, so
     * that each passage's features cost the same however long the document is.
     */
    record Overview(double[] top, int[] topAt, double[] second, int[] found, int read, double[] thresholds) {
    }

    static Overview overview(double[][] p, double[] thresholds) {
        int n = thresholds.length;
        double[] top = new double[n];
        int[] topAt = new int[n];
        double[] second = new double[n];
        int[] found = new int[n];
        Arrays.fill(topAt, -1);
        int read = 0;
        for (int j = 0; j < p.length; j++) {
            if (p[j] == null) {
                continue;
            }
            read++;
            for (int k = 0; k < n; k++) {
                double v = p[j][k];
                found[k] += v >= thresholds[k] ? 1 : 0;
                if (v > top[k]) {
                    second[k] = top[k];
                    top[k] = v;
                    topAt[k] = j;
                } else if (v > second[k]) {
                    second[k] = v;
                }
            }
        }
        return new Overview(top, topAt, second, found, read, thresholds);
    }

    /**
     * Whether the passage opens as a continuation of what came before: a numbered item or paragraph ("(2)", "b.",
     * "（三）", "3、"), an answer ("A:", "答："), or a word that points back ("Such", "This", "However", 上述, 前款, 此外).
     * Structure, not topic: which continuations carry a rule is what the weights learn.
     */
    static boolean continues(String text, int start, int end) {
        return mayContinue(text, start, end) && CONTINUATION.matcher(text).region(start, end).lookingAt();
    }

    /** The first chars of {@link #CONTINUATION}'s alternatives that are not Latin: brackets, numerals, words. */
    private static final String CONTINUATION_STARTS = "（一二三四五六七八九十答回此但上前该其同对这";
    /** The first letters of its English words (However, But, This, Such, It, In addition, Where this, Otherwise…). */
    private static final String WORD_STARTS = "abhilostw";

    /**
     * A cheap test that is false only where {@link #CONTINUATION} cannot match: the passage's first char (after
     * what {@code \s} skips) starts none of its alternatives. Letters outside ASCII below the CJK blocks are left
     * to the pattern (case-insensitive matching maps a few of them to Latin letters).
     */
    private static boolean mayContinue(String text, int start, int end) {
        int i = start;
        while (i < end && isPatternSpace(text.charAt(i))) {
            i++;
        }
        if (i == end) {
            return false;
        }
        char c = text.charAt(i);
        if (c >= 0x2E80) {
            return CONTINUATION_STARTS.indexOf(c) >= 0;
        }
        if (c >= 128) {
            return true;
        }
        if (c == '(' || c >= '0' && c <= '9') {
            return true;
        }
        char lower = (char) (c | 0x20);
        if (lower < 'a' || lower > 'z') {
            return false;
        }
        // a letter followed by a letter starts no numbered item ("b. "), only one of the words
        boolean word = i + 1 < end && isAsciiLetter(text.charAt(i + 1));
        return !word || WORD_STARTS.indexOf(lower) >= 0;
    }

    private static boolean isPatternSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static final Pattern CONTINUATION = Pattern.compile("\\s*(?:"
            + "[(（]\\s*(?:\\d{1,3}|[a-z]|[ivx]{1,4}|[一二三四五六七八九十]{1,3})\\s*[)）]"
            + "|(?:\\d{1,3}|[a-z]|[一二三四五六七八九十]{1,3})\\s*[.、．)）]\\s"
            + "|[一二三四五六七八九十]{1,3}、|(?:A|Answer|答|回答)\\s*[:：]"
            + "|(?:However|But|This|These|Such|That|Those|It|They|The same|In that case|In such cases|Where this|"
            + "Otherwise|Also|In addition|Likewise)\\b"
            + "|此外|但是|上述|前款|前述|该等|其中|同时|对此|这些|此类)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * What the first look said around passage {@code i} about category {@code c}: its own probability (and as
     * log-odds), the previous and the next passage's, the document's highest elsewhere, the share of the document's
     * passages found for it, the passage's probability for the other category, and whether it opens as a
     * continuation (alone and with the previous passage's probability).
     */
    static double[] features(Category c, double[][] p, boolean[] continues, int i, double[] thresholds) {
        return features(c, p, continues, i, overview(p, thresholds));
    }

    static double[] features(Category c, double[][] p, boolean[] continues, int i, Overview document) {
        int k = c.ordinal();
        double own = at(p, i, k);
        double previous = at(p, i - 1, k);
        double next = at(p, i + 1, k);
        double elsewhere = elsewhere(k, i, document);
        int found = document.found()[k] - (p[i] != null && own >= document.thresholds()[k] ? 1 : 0);
        int read = document.read();
        double other = 0;
        for (Category o : CATEGORIES) {
            if (o != c) {
                other = Math.max(other, at(p, i, o.ordinal()));
            }
        }
        double logit = Math.log((own + 1e-4) / (1 - own + 1e-4)) / 4;
        double continuation = continues[i] ? 1 : 0;
        return new double[] { 1, own, logit, previous, next, elsewhere, read > 1 ? found / (double) (read - 1) : 0,
                other, continuation, continuation * previous };
    }

    private static double at(double[][] p, int i, int k) {
        return i < 0 || i >= p.length || p[i] == null ? 0 : p[i][k];
    }

    /** One training row: a passage the first look left out, its features and whether it carries the category. */
    record Row(double[] x, boolean positive) {
    }

    /** Fits one category's weights by gradient descent on the log-loss with a little L2 (a handful of features). */
    static double[] fit(List<Row> rows) {
        double[] w = new double[FEATURES];
        if (rows.isEmpty()) {
            w[0] = -10;
            return w;
        }
        double[] gradient = new double[FEATURES];
        for (int it = 0; it < ITERATIONS; it++) {
            Arrays.fill(gradient, 0);
            for (Row r : rows) {
                double error = sigmoid(dot(w, r.x())) - (r.positive() ? 1 : 0);
                for (int j = 0; j < FEATURES; j++) {
                    gradient[j] += error * r.x()[j];
                }
            }
            for (int j = 0; j < FEATURES; j++) {
                w[j] -= RATE * (gradient[j] / rows.size() + (j == 0 ? 0 : L2 * w[j]));
            }
        }
        return w;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeDouble(threshold);
        out.writeInt(weights.size());
        for (Map.Entry<Category, double[]> e : weights.entrySet()) {
            out.writeUTF(e.getKey().name());
            for (double v : e.getValue()) {
                out.writeDouble(v);
            }
        }
    }

    static ContextModel read(DataInputStream in) throws IOException {
        double threshold = in.readDouble();
        int n = in.readInt();
        Map<Category, double[]> weights = new EnumMap<>(Category.class);
        for (int i = 0; i < n; i++) {
            Category c = Category.valueOf(in.readUTF());
            double[] w = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                w[j] = in.readDouble();
            }
            weights.put(c, w);
        }
        return new ContextModel(weights, threshold);
    }

    /** The weights by feature name, for the training report. */
    Map<String, List<Double>> describe() {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        weights.forEach((c, w) -> {
            List<Double> l = new ArrayList<>();
            for (double v : w) {
                l.add(Math.round(v * 1000) / 1000.0);
            }
            out.put(c.name(), l);
        });
        return out;
    }

    private static double dot(double[] w, double[] x) {
        double s = 0;
        for (int j = 0; j < FEATURES; j++) {
            s += w[j] * x[j];
        }
        return s;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
