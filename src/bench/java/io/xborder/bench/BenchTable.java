package io.xborder.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table the suite prints: each measure next to its baseline from the same run, and their ratio. */
final class BenchTable {

    record Row(String name, String value, String baseline, String ratio, String note) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A measure and its baseline; the ratio is value ÷ baseline. */
    void add(String name, double value, double baseline, String unit, String note) {
        rows.add(new Row(name, format(value, unit), format(baseline, unit),
                baseline > 0 ? String.format(Locale.ROOT, "%.2f×", value / baseline) : "-", note));
    }

    void addRaw(String name, String value, String baseline, String ratio, String note) {
        rows.add(new Row(name, value, baseline, ratio, note));
    }

    void section(String title) {
        rows.add(new Row("-- " + title, "", "", "", ""));
    }

    static String format(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        String n = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
        return unit.isEmpty() ? n : n + " " + unit;
    }

    String render() {
        int w0 = "benchmark".length();
        int w1 = "value".length();
        int w2 = "baseline".length();
        int w3 = "ratio".length();
        for (Row r : rows) {
            if (r.name().startsWith("-- ")) {
                continue; // section titles stand on their own line
            }
            w0 = Math.max(w0, r.name().length());
            w1 = Math.max(w1, r.value().length());
            w2 = Math.max(w2, r.baseline().length());
            w3 = Math.max(w3, r.ratio().length());
        }
        String fmt = "%-" + w0 + "s  %" + w1 + "s  %" + w2 + "s  %" + w3 + "s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, fmt, "benchmark", "value", "baseline", "ratio", "baseline is / note"));
        for (Row r : rows) {
            if (r.name().startsWith("-- ")) {
                sb.append(r.name()).append('\n');
            } else {
                sb.append(String.format(Locale.ROOT, fmt, r.name(), r.value(), r.baseline(), r.ratio(), r.note()));
            }
        }
        return sb.toString();
    }
}
