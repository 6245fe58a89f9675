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
    }

    /** Documents whose own jurisdiction is this one. */
    public record DocumentRow(String jurisdiction, long documents, long findings, long confirmed, long rejected,
            LocalDate latest) {
    }

    /** One month's bar of the chart, with its two stacked parts in chart coordinates. */
    public record Bar(String month, String from, String to, long localization, long transfer, int x, int width,
            int yLocalization, int hLocalization, int yTransfer, int hTransfer, boolean labelled) {
    }

    /** The chart: bars plus the scale. */
    public record Chart(List<Bar> bars, long max, int width, int height, List<Tick> ticks) {

        public boolean isEmpty() {
            return bars.isEmpty();
        }
    }

    /** A horizontal grid line. */
    public record Tick(long value, int y) {
    }

    public record Numbers(List<JurisdictionRow> byJurisdiction, List<DocumentRow> documents, Chart chart, long total) {
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
        for (Object r : em.createNativeQuery("""
                select extract(year from occurred_on)::int, extract(month from occurred_on)::int,
                       count(*) filter (where category = 'DATA_LOCALIZATION'),
                       count(*) filter (where category = 'CROSS_BORDER_TRANSFER')
                from findings group by 1, 2""").getResultList()) {
            Object[] row = (Object[]) r;
            months.put(YearMonth.of(((Number) row[0]).intValue(), ((Number) row[1]).intValue()),
                    new long[] { ((Number) row[2]).longValue(), ((Number) row[3]).longValue() });
        }
        return new Numbers(byJurisdiction, documents, chart(months), total);
    }

    /** Stacked monthly bars, every month from the first to the last (empty months included). */
    static Chart chart(Map<YearMonth, long[]> months) {
        if (months.isEmpty()) {
            return new Chart(List.of(), 0, 0, CHART_HEIGHT, List.of());
        }
        YearMonth first = months.keySet().iterator().next();
        YearMonth last = ((TreeMap<YearMonth, long[]>) months).lastKey();
        long max = 1;
        for (long[] v : months.values()) {
            max = Math.max(max, v[0] + v[1]);
        }
        long step = niceStep(max);
        long top = ((max + step - 1) / step) * step;
        int n = (int) (first.until(last, ChronoUnit.MONTHS) + 1);
        int barWidth = Math.max(4, Math.min(40, 900 / n));
        int plot = PLOT_BOTTOM - PLOT_TOP;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            YearMonth m = first.plusMonths(i);
            long[] v = months.getOrDefault(m, new long[2]);
            int hl = (int) Math.round((double) v[0] * plot / top);
            int ht = (int) Math.round((double) v[1] * plot / top);
            int x = LEFT + i * barWidth;
            bars.add(new Bar(m.toString(), m.atDay(1).toString(), m.atEndOfMonth().toString(), v[0], v[1], x,
                    Math.max(1, barWidth - 1), PLOT_BOTTOM - hl, hl, PLOT_BOTTOM - hl - ht, ht,
                    m.getMonthValue() == 1 || n <= 12 || i == 0));
        }
        List<Tick> ticks = new ArrayList<>();
        for (long t = 0; t <= top; t += step) {
            ticks.add(new Tick(t, PLOT_BOTTOM - (int) Math.round((double) t * plot / top)));
        }
        return new Chart(bars, top, LEFT + n * barWidth + 10, CHART_HEIGHT, ticks);
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
