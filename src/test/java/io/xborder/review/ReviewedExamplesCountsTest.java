package io.xborder.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xborder.classify.Category;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reviewed examples in the database: a passage with two findings teaches the category with a verdict while the
 * other waits for one (counted as partly reviewed, that category unknown, the passage not exported) and becomes a
 * settled example once both are reviewed; the counts the models page shows agree with what a training reads.
 */
@QuarkusTest
class ReviewedExamplesCountsTest {

    @Inject
    ReviewedExamples examples;

    @Test
    void aPartlyReviewedPassageTeachesItsReviewedCategoryAndIsExportedOnceSettled() {
        String marker = ReviewFixtures.marker();
        long document = ReviewFixtures.document("Both rules " + marker, "Personal information collected in China "
                + "shall be stored in China, and may be provided abroad only after a security assessment by the "
                + "regulator. Notice " + marker + ".");
        List<Long> findings = ReviewFixtures.findings(document);
        assertThat(findings).as("one passage with a finding of each category").hasSize(2);
        long passage = passageOf(findings.get(0));
        assertThat(passageOf(findings.get(1))).isEqualTo(passage);
        Category rejected = categoryOf(findings.get(0));
        Category waiting = categoryOf(findings.get(1));
        String id = "review-p" + passage;

        ReviewedExamples.Counts before = agreeing();
        review(findings.get(0), "REJECTED");
        ReviewedExamples.Counts partly = agreeing();
        assertThat(partly.partlyReviewed()).isEqualTo(before.partlyReviewed() + 1);
        assertThat(partly.passages()).isEqualTo(before.passages() + 1);
        assertThat(partly.verdicts()).isEqualTo(before.verdicts() + 1);
        assertThat(examples.trainingSet().passages()).filteredOn(p -> p.id().equals(id)).singleElement()
                .satisfies(p -> assertThat(p.categories()).isEmpty())
                .satisfies(p -> assertThat(p.labels(rejected)).isTrue())
                .satisfies(p -> assertThat(p.unknownCategories()).containsExactly(waiting));
        assertThat(exported()).as("not exported while partly reviewed").doesNotContain("\"id\":\"" + id + "\"");

        review(findings.get(1), "CONFIRMED");
        ReviewedExamples.Counts settled = agreeing();
        assertThat(settled.partlyReviewed()).isEqualTo(before.partlyReviewed());
        assertThat(settled.passages()).isEqualTo(before.passages() + 1);
        assertThat(settled.verdicts()).isEqualTo(before.verdicts() + 2);
        assertThat(examples.trainingSet().passages()).filteredOn(p -> p.id().equals(id)).singleElement()
                .satisfies(p -> assertThat(p.categories()).containsExactly(waiting))
                .satisfies(p -> assertThat(p.unknownCategories()).isEmpty());
        assertThat(exported()).contains("\"id\":\"" + id + "\"");
    }

    private String exported() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        examples.writeJsonl(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Category categoryOf(long finding) {
        return Category.valueOf(given().when().get("/api/v1/findings/" + finding).then().statusCode(200).extract()
                .jsonPath().getString("category"));
    }

    /** The counts of the database, checked against the training set read the long way. */
    private ReviewedExamples.Counts agreeing() {
        ReviewedExamples.Counts counts = examples.counts();
        ReviewedExamples.TrainingSet set = examples.trainingSet();
        assertThat(counts).isEqualTo(new ReviewedExamples.Counts(set.passages().size(), set.verdicts(),
                set.reviewerFindings(), set.partlyReviewed()));
        return counts;
    }

    private static long passageOf(long finding) {
        return given().when().get("/api/v1/findings/" + finding).then().statusCode(200).extract().jsonPath()
                .getLong("passage.id");
    }

    private static void review(long finding, String status) {
        String etag = given().when().get("/api/v1/findings/" + finding).then().extract().header("ETag");
        JsonPath done = given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("status", status)).when().patch("/api/v1/findings/" + finding).then().statusCode(200)
                .extract().jsonPath();
        assertThat(done.getString("reviewStatus")).isEqualTo(status);
    }
}
