package io.xborder.finding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How analysts judged each rule's findings: for every rule (evidence cue) that fired in a reviewed finding, how many
 * such findings were confirmed and how many rejected. A rule with many rejections misfires.
 */
@ApplicationScoped
public class RuleReviewCounts {

    private final EntityManager em;

    public RuleReviewCounts(EntityManager em) {
        this.em = em;
    }

    /** One rule's review counts. */
    @Schema(name = "RuleReviews")
    public record RuleReviews(
            @Schema(description = "The rule (evidence cue) id.", examples = "en.transfer.abroad") String rule,
            @Schema(description = "Reviewed findings with this rule in their evidence that were confirmed.") long confirmed,
            @Schema(description = "... that were rejected.") long rejected) {
    }

    /** Every rule in the evidence of a reviewed finding, most rejected first. */
    @Transactional
    public List<RuleReviews> counts() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select e.cue,
                       count(distinct f.id) filter (where f.review_status = 'CONFIRMED'),
                       count(distinct f.id) filter (where f.review_status = 'REJECTED')
                  from findings f
                 cross join lateral jsonb_to_recordset(f.evidence) as e(cue text)
                 where f.review_status <> 'UNREVIEWED' and e.cue is not null
                 group by e.cue
                 order by 3 desc, 2 desc, 1""").getResultList();
        return rows.stream().map(r -> new RuleReviews((String) r[0], ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue())).toList();
    }
}
