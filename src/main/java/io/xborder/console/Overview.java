package io.xborder.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The overview page's numbers: findings by jurisdiction and category, by month, and per document jurisdiction. */
@ApplicationScoped
public class Overview {

    /** Findings that name a jurisdiction, per category; a finding naming two jurisdictions counts for both. */
    public record JurisdictionRow(String jurisdiction, long localization, long transfer) {

        public long total() {
            return localization + transfer;
        }

        /** The row of findings that name no jurisdiction. */
        public boolean unknown() {
            return jurisdiction == null;
        }

        /** The search page's jurisdiction parameter for this row. */
        public String param() {
            return jurisdiction == null ? "unknown" : jurisdiction;
        }
    }

    /** Documents whose own jurisdiction is this one. */
    public record DocumentRow(String jurisdiction, long documents, long findings, long confirmed, long rejected,
            LocalDate latest) {
    }

    /** One month's bar of the chart, with its two stacked parts in chart coordinates. */
    public record Bar(String month, String from, String to, long localization, long transfer, int x, int width,
            int yLocalization, int hLocalization, int yTransfer, int hTransfer, boolean labelled) {
    }

    /** The chart: bars (per month, or per year over a long span) plus the scale. */
    public record Chart(List<Bar> bars, long max, int width, int height, List<Tick> ticks, boolean yearly) {

        public boolean isEmpty() {
            return bars.isEmpty();
        }
    }

    /** A horizontal grid line. */
    public record Tick(long value, int y) {
    }

    /**
     * {@code undated}: findings of documents without a publication date, which the chart leaves out (they would count
     * in the month they were added).
     */
    public record Numbers(List<JurisdictionRow> byJurisdiction, List<DocumentRow> documents, Chart chart, long total,
            long undated) {
    }

    static final int CHART_HEIGHT = 220;
    static final int PLOT_TOP = 10;
    static final int PLOT_BOTTOM = 190;
    static final int LEFT = 48;

    private final EntityManager em;

    public Overview(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Numbers numbers() {
        long total = ((Number) em.createNativeQuery("select count(*) from findings").getSingleResult()).longValue();
        List<JurisdictionRow> byJurisdiction = new ArrayList<>();
        for (Object r : em.createNativeQuery("""
                select j, count(*) filter (where category = 'DATA_LOCALIZATION'),
                       count(*) filter (where category = 'CROSS_BORDER_TRANSFER')
                from findings, unnest(jurisdictions) j
                group by j order by count(*) desc, j""").getResultList()) {
            Object[] row = (Object[]) r;
            byJurisdiction.add(new JurisdictionRow((String) row[0], ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue()));
        }
        // findings that name no jurisdiction: a row of their own, so that they can be reached from here
        Object[] none = (Object[]) em.createNativeQuery("""
                select count(*) filter (where category = 'DATA_LOCALIZATION'),
                       count(*) filter (where category = 'CROSS_BORDER_TRANSFER')
                from findings where cardinality(jurisdictions) = 0""").getSingleResult();
        if (((Number) none[0]).longValue() + ((Number) none[1]).longValue() > 0) {
            byJurisdiction.add(new JurisdictionRow(null, ((Number) none[0]).longValue(),
                    ((Number) none[1]).longValue()));
        }
        List<DocumentRow> documents = new ArrayList<>();
        for (Object r : em.createNativeQuery("""
                select coalesce(d.jurisdiction, '—'), count(distinct d.id), count(f.id),
                       count(f.id) filter (where f.review_status = 'CONFIRMED'),
                       count(f.id) filter (where f.review_status = 'REJECTED'),
                       max(coalesce(d.published_at, d.created_at::date))
                from documents d left join findings f on f.document_id = d.id
                group by 1 order by 2 desc, 1""").getResultList()) {
            Object[] row = (Object[]) r;
            documents.add(new DocumentRow((String) row[0], ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue(), ((Number) row[4]).longValue(), toDate(row[5])));
        }
        Map<YearMonth, long[]> months = new TreeMap<>();
        // by publication date: an undated document's findings would count in the month it was added
        for (Object r : em.createNativeQuery("""
                select extract(year from d.published_at)::int, extract(month from d.published_at)::int,
                       count(*) filter (where f.category = 'DATA_LOCALIZATION'),
                       count(*) filter (where f.category = 'CROSS_BORDER_TRANSFER')
                from findings f join documents d on d.id = f.document_id
                where d.published_at is not null group by 1, 2""").getResultList()) {
            Object[] row = (Object[]) r;
            months.put(YearMonth.of(((Number) row[0]).intValue(), ((Number) row[1]).intValue()),
                    new long[] { ((Number) row[2]).longValue(), ((Number) row[3]).longValue() });
        }
        long undated = ((Number) em.createNativeQuery("select count(*) from findings f join documents d "
                + "on d.id = f.document_id where d.published_at is null").getSingleResult()).longValue();
        return new Numbers(byJurisdiction, documents, chart(months), total, undated);
    }

    /** Longer spans than this are drawn per year: 105 monthly bars were 105 tab stops and a 105-row table. */
    static final int MAX_MONTHS = 36;

    /** Stacked bars, every month (or year, over more than {@link #MAX_MONTHS}) from the first to the last. */
    static Chart chart(Map<YearMonth, long[]> months) {
        if (months.isEmpty()) {
            return new Chart(List.of(), 0, 0, CHART_HEIGHT, List.of(), false);
        }
        YearMonth first = months.keySet().iterator().next();
        YearMonth last = ((TreeMap<YearMonth, long[]>) months).lastKey();
        boolean yearly = first.until(last, ChronoUnit.MONTHS) + 1 > MAX_MONTHS;
        // one slot per month or per year, in order, with its label and date range
        List<String> labels = new ArrayList<>();
        List<LocalDate[]> ranges = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        if (yearly) {
            for (int y = first.getYear(); y <= last.getYear(); y++) {
                long[] v = new long[2];
                for (int m = 1; m <= 12; m++) {
                    long[] mv = months.getOrDefault(YearMonth.of(y, m), new long[2]);
                    v[0] += mv[0];
                    v[1] += mv[1];
                }
                labels.add(Integer.toString(y));
                ranges.add(new LocalDate[] { LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31) });
                values.add(v);
            }
        } else {
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                labels.add(m.toString());
                ranges.add(new LocalDate[] { m.atDay(1), m.atEndOfMonth() });
                values.add(months.getOrDefault(m, new long[2]));
            }
        }
        long max = 1;
        for (long[] v : values) {
            max = Math.max(max, v[0] + v[1]);
        }
        long step = niceStep(max);
        long top = ((max + step - 1) / step) * step;
        int n = values.size();
        int barWidth = Math.max(4, Math.min(40, 900 / n));
        int plot = PLOT_BOTTOM - PLOT_TOP;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] v = values.get(i);
            int hl = (int) Math.round((double) v[0] * plot / top);
            int ht = (int) Math.round((double) v[1] * plot / top);
            int x = LEFT + i * barWidth;
            boolean labelled = yearly
                    ? n <= 15 || i % 5 == 0 || i == n - 1
                    : labels.get(i).endsWith("-01") || n <= 12 || i == 0;
            bars.add(new Bar(labels.get(i), ranges.get(i)[0].toString(), ranges.get(i)[1].toString(), v[0], v[1], x,
                    Math.max(1, barWidth - 1), PLOT_BOTTOM - hl, hl, PLOT_BOTTOM - hl - ht, ht, labelled));
        }
        List<Tick> ticks = new ArrayList<>();
        for (long t = 0; t <= top; t += step) {
            ticks.add(new Tick(t, PLOT_BOTTOM - (int) Math.round((double) t * plot / top)));
        }
        return new Chart(bars, top, LEFT + n * barWidth + 10, CHART_HEIGHT, ticks, yearly);
    }

    private static long niceStep(long max) {
        long raw = Math.max(1, max / 4);
        long pow = 1;
        while (pow * 10 <= raw) {
            pow *= 10;
        }
        for (long m : new long[] { 1, 2, 5, 10 }) {
            if (m * pow >= raw) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        return value instanceof LocalDate l ? l : null;
    }
}
