package io.xborder.finding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How common each pair of adjacent Han characters is among the passages, from PostgreSQL's statistics of the
 * bigram index (migration V5): pairs outside the most common ones are rare by definition. Cached for ten minutes.
 */
@ApplicationScoped
public class BigramStatistics {

    /** Below this share of passages a pair is looked up in the bigram index rather than matched with LIKE. */
    static final double RARE = 0.01;
    private static final long TTL_NANOS = 10L * 60 * 1_000_000_000L;

    private final EntityManager em;
    private volatile Map<String, Double> frequencies;
    private volatile long loadedAt;

    public BigramStatistics(EntityManager em) {
        this.em = em;
    }

    /** True when {@code s} is two Han characters, the case the bigram index serves. */
    static boolean isHanPair(String s) {
        return s.codePointCount(0, s.length()) == 2 && s.length() == 2
                && Character.UnicodeScript.of(s.charAt(0)) == Character.UnicodeScript.HAN
                && Character.UnicodeScript.of(s.charAt(1)) == Character.UnicodeScript.HAN;
    }

    /** True when the pair occurs in fewer than {@link #RARE} of the passages (or nothing is known yet). */
    boolean isRare(String pair) {
        return frequencies().getOrDefault(pair, 0.0) < RARE;
    }

    private Map<String, Double> frequencies() {
        Map<String, Double> f = frequencies;
        if (f == null || System.nanoTime() - loadedAt > TTL_NANOS) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select x.e, x.f from pg_stats s,
                        unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as x(e, f)
                    where s.tablename = 'passages_text_bigrams_idx' and x.e is not null""").getResultList();
            f = new HashMap<>();
            for (Object[] r : rows) {
                f.put((String) r[0], ((Number) r[1]).doubleValue());
            }
            frequencies = f;
            loadedAt = System.nanoTime();
        }
        return f;
    }
}
