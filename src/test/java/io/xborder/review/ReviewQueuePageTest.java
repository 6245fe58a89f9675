package io.xborder.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xborder.testing.TestCredentials;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The review queue page over HTTP: what an empty queue says depends on why it is empty. */
@QuarkusTest
class ReviewQueuePageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no findings at all      | This document has no findings to review | every finding has a verdict
            every finding reviewed  | every finding has a verdict             | no findings to review
            findings left to review |                                         | id="queue-empty"
            """)
    void anEmptyQueueSaysWhetherThereWasNothingToReviewOrEverythingIsReviewed(String document, String says,
            String doesNotSay) {
        String marker = ReviewFixtures.marker();
        long id = document.startsWith("no findings")
                ? ReviewFixtures.document("Nothing to review " + marker,
                        "Weather reports were published today (" + marker + ").")
                : ReviewFixtures.rules(2, marker);
        if (!document.startsWith("no findings")) {
            ReviewFixtures.assertAtLeast(ReviewFixtures.findings(id), 1);
        }
        if (document.startsWith("every")) {
            for (long finding : ReviewFixtures.findings(id)) {
                String etag = given().when().get("/api/v1/findings/" + finding).then().extract().header("ETag");
                given().header("X-API-Key", TestCredentials.key("analyst"))
                        .contentType("application/merge-patch+json").header("If-Match", etag)
                        .body(Map.of("status", "CONFIRMED")).when().patch("/api/v1/findings/" + finding).then()
                        .statusCode(200);
            }
        }
        String page = given().when().get("/review?documentId=" + id).then().statusCode(200)
                .contentType(ContentType.HTML).extract().asString();
        if (says != null) {
            // the empty queue says why once, without a count of nothing and the order it would be in
            assertThat(page).contains(says).doesNotContain("0 findings to review").doesNotContain("least sure of");
        } else {
            assertThat(page).contains("id=\"current-finding\"");
        }
        assertThat(page).doesNotContain(doesNotSay);
    }
}
