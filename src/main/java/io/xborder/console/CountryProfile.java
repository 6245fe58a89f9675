package io.xborder.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A country page's numbers ("which rules apply where"): its laws and regulations in the corpus (documents whose own
 * jurisdiction it is), the findings that name it by mechanism and by modality, the latest news that names it (findings
 * from documents of another or no jurisdiction), and findings per year.
 */
@ApplicationScoped
public class CountryProfile {

    /** Findings of one mechanism (or modality), per category. */
    public record Count(String name, long localization, long transfer) {

        public long total() {
            return localization + transfer;
        }
    }

    /** A law or regulation of the country: a document whose own jurisdiction it is. */
    public record Law(long id, String title, String language, LocalDate publishedAt, long localization,
            long transfer) {
    }

    /** A news finding that names the country. */
    public record News(long findingId, long documentId, String title, LocalDate publishedAt, String category,
            String passage, String language) {
    }

    /** A year's findings naming the country. */
    public record Year(int year, long localization, long transfer) {
    }

    public record Profile(Countries.Country country, long localization, long transfer, List<Count> mechanisms,
            List<Count> modalities, List<Law> laws, long lawCount, List<News> news, List<Year> years) {

        public long total() {
            return localization + transfer;
        }
    }

    /** A country with findings, for the list of countries. */
    public record Listed(Countries.Country country, long findings, long documents) {
    }

    static final int LAWS_SHOWN = 25;
    static final int NEWS_SHOWN = 10;

    /** Most findings first, then by name; the findings without one (null) last among equals. */
    private static final Comparator<Count> MOST_FIRST = Comparator
            .comparingLong((Count c) -> c.localization() + c.transfer()).reversed()
            .thenComparing(Count::name, Comparator.nullsLast(Comparator.naturalOrder()));

    private final EntityManager em;

    public CountryProfile(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Profile of(Countries.Country country) {
        String code = country.code();
        String[] codes = { code };
        // one pass over the country's findings gives the totals, the modalities and the years
        long localization = 0;
        long transfer = 0;
        Map<String, long[]> byModality = new LinkedHashMap<>();
        Map<Integer, long[]> byYear = new TreeMap<>(Comparator.reverseOrder());
        for (Object r : em.createNativeQuery("""
                select f.modality, extract(year from d.published_at)::int,
                       count(*) filter (where f.category = 'DATA_LOCALIZATION'),
                       count(*) filter (where f.category = 'CROSS_BORDER_TRANSFER')
                from findings f join documents d on d.id = f.document_id
                where f.jurisdictions @> cast(:codes as varchar[])
                group by 1, 2""").setParameter("codes", codes).getResultList()) {
            Object[] c = (Object[]) r;
            long dl = ((Number) c[2]).longValue();
            long cbt = ((Number) c[3]).longValue();
            localization += dl;
            transfer += cbt;
            long[] m = byModality.computeIfAbsent((String) c[0], k -> new long[2]);
            m[0] += dl;
            m[1] += cbt;
            if (c[1] != null) {
                long[] y = byYear.computeIfAbsent(((Number) c[1]).intValue(), k -> new long[2]);
                y[0] += dl;
                y[1] += cbt;
            }
        }
        List<Count> modalities = new ArrayList<>();
        byModality.forEach((name, n) -> modalities.add(new Count(name, n[0], n[1])));
        modalities.sort(MOST_FIRST);
        List<Year> years = new ArrayList<>();
        byYear.forEach((year, n) -> years.add(new Year(year, n[0], n[1])));
        List<Count> mechanisms = counts("""
                select m, count(*) filter (where category = 'DATA_LOCALIZATION'),
                       count(*) filter (where category = 'CROSS_BORDER_TRANSFER')
                from findings, unnest(mechanisms) m where jurisdictions @> cast(:codes as varchar[])
                group by m order by count(*) desc, m""", codes);
        List<Law> laws = new ArrayList<>();
        for (Object r : em.createNativeQuery("""
                select d.id, d.title, d.language, d.published_at,
                       (select count(*) from findings f where f.document_id = d.id
                            and f.category = 'DATA_LOCALIZATION'),
                       (select count(*) from findings f where f.document_id = d.id
                            and f.category = 'CROSS_BORDER_TRANSFER')
                from documents d where d.jurisdiction = :code
                order by d.published_at desc nulls last, d.id desc""").setParameter("code", code)
                .setMaxResults(LAWS_SHOWN).getResultList()) {
            Object[] c = (Object[]) r;
            laws.add(new Law(((Number) c[0]).longValue(), (String) c[1], (String) c[2], date(c[3]),
                    ((Number) c[4]).longValue(), ((Number) c[5]).longValue()));
        }
        long lawCount = ((Number) em.createNativeQuery("select count(*) from documents where jurisdiction = :code")
                .setParameter("code", code).getSingleResult()).longValue();
        List<News> news = new ArrayList<>();
        for (Object r : em.createNativeQuery("""
                select f.id, d.id, d.title, d.published_at, f.category, p.text, f.language
                from findings f join documents d on d.id = f.document_id join passages p on p.id = f.passage_id
                where f.jurisdictions @> cast(:codes as varchar[])
                  and (d.jurisdiction is null or d.jurisdiction <> :code)
                order by f.occurred_on desc, f.id desc""").setParameter("codes", codes).setParameter("code", code)
                .setMaxResults(NEWS_SHOWN).getResultList()) {
            Object[] c = (Object[]) r;
            String passage = (String) c[5];
            news.add(new News(((Number) c[0]).longValue(), ((Number) c[1]).longValue(), (String) c[2], date(c[3]),
                    (String) c[4], passage.length() > 300 ? Snippets.cut(passage, 300) : passage, (String) c[6]));
        }
        return new Profile(country, localization, transfer, mechanisms, modalities, laws, lawCount, news, years);
    }

    /** Every country that has findings naming it or documents of its own, most findings first. */
    @Transactional
    public List<Listed> listed() {
        Map<String, long[]> byCode = new LinkedHashMap<>();
        for (Object r : em.createNativeQuery("""
                select j, count(*) from findings, unnest(jurisdictions) j group by j order by count(*) desc, j""")
                .getResultList()) {
            Object[] c = (Object[]) r;
            byCode.computeIfAbsent((String) c[0], k -> new long[2])[0] = ((Number) c[1]).longValue();
        }
        for (Object r : em.createNativeQuery("""
                select jurisdiction, count(*) from documents where jurisdiction is not null group by jurisdiction""")
                .getResultList()) {
            Object[] c = (Object[]) r;
            byCode.computeIfAbsent((String) c[0], k -> new long[2])[1] = ((Number) c[1]).longValue();
        }
        List<Listed> listed = new ArrayList<>();
        byCode.forEach((code, n) -> Countries.all().byCode(code)
                .ifPresent(c -> listed.add(new Listed(c, n[0], n[1]))));
        return listed;
    }

    private List<Count> counts(String sql, String[] codes) {
        List<Count> out = new ArrayList<>();
        for (Object r : em.createNativeQuery(sql).setParameter("codes", codes).getResultList()) {
            Object[] c = (Object[]) r;
            out.add(new Count((String) c[0], ((Number) c[1]).longValue(), ((Number) c[2]).longValue()));
        }
        return out;
    }

    private static LocalDate date(Object value) {
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        return value instanceof LocalDate l ? l : null;
    }
}
