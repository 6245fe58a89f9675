package io.xborder.finding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The findings list costs the same number of SQL statements whatever the page size: one that asks for custom plans
 * ({@code set local plan_cache_mode}), one for the page (finding, passage and document together) and one for the
 * capped count, never one more per finding (N+1). Counted with Hibernate's statistics, which the test profile turns
 * on.
 */
@QuarkusTest
class FindingStatementsTest {

    @Inject
    SessionFactory sessionFactory;

    @Test
    void statementsPerRequestDoNotGrowWithThePageSize() {
        // one document with 250 findings (one sentence each), so that a page of 200 is full
        String marker = UUID.randomUUID().toString();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            text.append("Payment system provider ").append(i).append(" shall store payment data only in India. ");
        }
        text.append("Ref ").append(marker).append('.');
        long document = given().contentType(ContentType.JSON)
                .body(Map.of("title", "Statements " + marker, "text", text.toString(), "jurisdiction", "IN"))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        Statistics stats = sessionFactory.getStatistics();
        assertThat(stats.isStatisticsEnabled()).as("quarkus.hibernate-orm.statistics in the test profile").isTrue();

        Map<String, Long> statements = new LinkedHashMap<>();
        for (int size : new int[] { 1, 20, 200 }) {
            for (String filters : new String[] { "", "&q=payment", "&jurisdiction=IN&category=DATA_LOCALIZATION" }) {
                String query = "documentId=" + document + "&size=" + size + filters;
                statements.put(query, statementsOf(stats, () -> {
                    int items = given().when().get("/api/v1/findings?" + query)
                            .then().statusCode(200).extract().jsonPath().getList("items").size();
                    assertThat(items).as(query).isEqualTo(size);
                }));
            }
            // a page reached by cursor costs the same
            String cursor = given().when().get("/api/v1/findings?documentId=" + document + "&size=" + size)
                    .then().extract().jsonPath().getString("nextCursor");
            statements.put("cursor, size=" + size, statementsOf(stats, () -> given().queryParam("cursor", cursor)
                    .when().get("/api/v1/findings?documentId=" + document + "&size=" + size).then().statusCode(200)));
        }
        assertThat(statements.values()).as(statements.toString()).containsOnly(3L);
    }

    /**
     * Statements Hibernate prepared during one request: the fewest of three tries, because the statistics are
     * JVM-wide and the credential check refreshes its cache (a key look-up and its last-use update) every 30 s,
     * which lands in whichever request is running then. Extra statements per row (N+1) would show in every try.
     */
    private static long statementsOf(Statistics stats, Runnable request) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = stats.getPrepareStatementCount();
            request.run();
            fewest = Math.min(fewest, stats.getPrepareStatementCount() - before);
        }
        return fewest;
    }
}
