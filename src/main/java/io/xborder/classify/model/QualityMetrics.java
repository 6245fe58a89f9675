package io.xborder.classify.model;

import io.xborder.classify.Category;
import io.xborder.classify.Language;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The passage-level quality measures of the evaluation harness ({@code eval/score.py}), computed the same way on
 * gold passages and pooled predictions: per-category and macro F1, precision/recall of "any finding", the share of
 * hard negatives given a finding, micro F1 of mechanisms (all items), jurisdictions and data categories (gold
 * positives), modality accuracy (items positive in gold and prediction) and the expected calibration error of the
 * findings' confidences (10 equal bins).
 */
public record QualityMetrics(int n, Map<Category, Prf> categories, double microF1, double macroF1, Prf anyFinding,
        int hardNegatives, double hardNegativeFpRate, Prf mechanisms, Prf jurisdictions, Prf dataCategories,
        double modalityAccuracy, int modalityN, double ece) {

    /** Precision, recall, F1 (NaN when undefined) and the counts behind them. */
    public record Prf(int tp, int fp, int fn, double precision, double recall, double f1) {

        static Prf of(int tp, int fp, int fn) {
            return new Prf(tp, fp, fn, tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp),
                    tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn),
                    tp + fp + fn == 0 ? Double.NaN : 2.0 * tp / (2.0 * tp + fp + fn));
        }
    }

    /** One scored item: the gold passage and the prediction pooled from its findings. */
    public record Scored(LabelledPassage gold, Prediction prediction) {
    }

    public static QualityMetrics of(List<Scored> items) {
        Map<Category, Prf> cats = new LinkedHashMap<>();
        int tpAll = 0;
        int fpAll = 0;
        int fnAll = 0;
        for (Category c : Category.values()) {
            int tp = count(items, s -> s.gold().categories().contains(c) && s.prediction().categories().containsKey(c));
            int fp = count(items,
                    s -> !s.gold().categories().contains(c) && s.prediction().categories().containsKey(c));
            int fn = count(items,
                    s -> s.gold().categories().contains(c) && !s.prediction().categories().containsKey(c));
            cats.put(c, Prf.of(tp, fp, fn));
            tpAll += tp;
            fpAll += fp;
            fnAll += fn;
        }
        double macro = cats.values().stream().mapToDouble(Prf::f1).filter(f -> !Double.isNaN(f)).average()
                .orElse(Double.NaN);
        Prf any = Prf.of(count(items, s -> s.gold().positive() && !s.prediction().categories().isEmpty()),
                count(items, s -> !s.gold().positive() && !s.prediction().categories().isEmpty()),
                count(items, s -> s.gold().positive() && s.prediction().categories().isEmpty()));
        List<Scored> hard = items.stream().filter(s -> s.gold().hardNegative()).toList();
        int hardFp = count(hard, s -> !s.prediction().categories().isEmpty());
        List<Scored> positives = items.stream().filter(s -> s.gold().positive()).toList();
        Prf mech = setPrf(items, s -> names(s.gold().mechanisms()), s -> names(s.prediction().mechanisms()));
        Prf jur = setPrf(positives, s -> s.gold().jurisdictions(), s -> s.prediction().jurisdictions());
        Prf dcat = setPrf(positives, s -> names(s.gold().dataCategories()),
                s -> names(s.prediction().dataCategories()));
        List<Scored> both = positives.stream()
                .filter(s -> !s.prediction().categories().isEmpty() && s.gold().modality() != null).toList();
        int modalityRight = count(both, s -> s.prediction().modality() == s.gold().modality());
        List<double[]> points = new ArrayList<>();
        for (Scored s : items) {
            s.prediction().categories().forEach(
                    (c, conf) -> points.add(new double[] { conf, s.gold().categories().contains(c) ? 1 : 0 }));
        }
        return new QualityMetrics(items.size(), cats, Prf.of(tpAll, fpAll, fnAll).f1(), macro, any, hard.size(),
                hard.isEmpty() ? Double.NaN : (double) hardFp / hard.size(), mech, jur, dcat,
                both.isEmpty() ? Double.NaN : (double) modalityRight / both.size(), both.size(), ece(points));
    }

    /** The measures for all items and for each language. */
    public static Map<String, QualityMetrics> byLanguage(List<Scored> items) {
        Map<String, QualityMetrics> out = new LinkedHashMap<>();
        out.put("all", of(items));
        for (Language l : Language.values()) {
            List<Scored> mine = items.stream().filter(s -> s.gold().language() == l).toList();
            if (!mine.isEmpty()) {
                out.put(l.code(), of(mine));
            }
        }
        return out;
    }

    /** Expected calibration error of (confidence, right 0/1) points over 10 equal-width bins. */
    public static double ece(List<double[]> points) {
        if (points.isEmpty()) {
            return Double.NaN;
        }
        double[] conf = new double[10];
        double[] right = new double[10];
        int[] count = new int[10];
        for (double[] p : points) {
            int b = Math.min(9, (int) (p[0] * 10));
            conf[b] += p[0];
            right[b] += p[1];
            count[b]++;
        }
        double e = 0;
        for (int b = 0; b < 10; b++) {
            if (count[b] > 0) {
                e += Math.abs(right[b] / count[b] - conf[b] / count[b]) * count[b] / points.size();
            }
        }
        return e;
    }

    /** One row of the score table: n, DL/CBT/macro F1, P/R, hard-negative FP, attributes, ECE. */
    public String row(String label) {
        return String.format(Locale.ROOT,
                "| %s | %d | %.3f | %.3f | %.3f | %.2f/%.2f | %.3f (%d) | %.3f | %.3f | %.3f | %.3f (%d) | %.3f |",
                label,
                n, categories.get(Category.DATA_LOCALIZATION).f1(), categories.get(Category.CROSS_BORDER_TRANSFER).f1(),
                macroF1, anyFinding.precision(), anyFinding.recall(), hardNegativeFpRate, hardNegatives,
                mechanisms.f1(), jurisdictions.f1(), dataCategories.f1(), modalityAccuracy, modalityN, ece);
    }

    /** The header of {@link #row(String)}. */
    public static String header() {
        return "| set | n | DL F1 | CBT F1 | macro F1 | any P/R | hard-neg FP (n) | mech F1 | jur F1 | dcat F1 "
                + "| modality (n) | ECE |\n|---|---|---|---|---|---|---|---|---|---|---|---|";
    }

    private static int count(Collection<Scored> items, Predicate<Scored> p) {
        int n = 0;
        for (Scored s : items) {
            n += p.test(s) ? 1 : 0;
        }
        return n;
    }

    private static Set<String> names(Set<? extends Enum<?>> values) {
        Set<String> out = new HashSet<>();
        values.forEach(v -> out.add(v.name()));
        return out;
    }

    private static Prf setPrf(List<Scored> items, Function<Scored, Set<String>> gold,
            Function<Scored, Set<String>> predicted) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Scored s : items) {
            Set<String> g = gold.apply(s);
            Set<String> p = predicted.apply(s);
            for (String x : p) {
                if (g.contains(x)) {
                    tp++;
                } else {
                    fp++;
                }
            }
            for (String x : g) {
                if (!p.contains(x)) {
                    fn++;
                }
            }
        }
        return Prf.of(tp, fp, fn);
    }
}
