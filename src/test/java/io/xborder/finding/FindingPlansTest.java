package io.xborder.finding;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/**
 * Findings queries are planned for their actual filter values (a generic plan for jurisdiction=CN sorted a third
 * of all findings), and only they: the setting is local to their transaction, so the pooled connections that
 * insert documents keep PostgreSQL's default.
 */
@QuarkusTest
class FindingPlansTest {

    @Inject
    FindingQuery query;

    @Inject
    EntityManager em;

    @Test
    void findingsQueriesUseCustomPlansAndTheSettingEndsWithTheirTransaction() {
        String during = QuarkusTransaction.requiringNew().call(() -> {
            query.find(FindingFilter.none(), 0, 1, null);
            return planCacheMode();
        });
        String sliceDuring = QuarkusTransaction.requiringNew().call(() -> {
            query.slice(FindingFilter.none(), 1, null);
            return planCacheMode();
        });
        String after = QuarkusTransaction.requiringNew().call(this::planCacheMode);

        assertThat(during).isEqualTo("force_custom_plan");
        assertThat(sliceDuring).isEqualTo("force_custom_plan");
        assertThat(after).isEqualTo("auto");
    }

    private String planCacheMode() {
        return (String) em.createNativeQuery("select current_setting('plan_cache_mode')").getSingleResult();
    }
}
