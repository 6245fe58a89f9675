package io.xborder.document;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lines a source repeats in every article become boilerplate for that source, and only for it. */
@QuarkusTest
class RepeatedLinesTest {

    static final String FOOTER = "Get the weekly policy digest from our desk in your inbox every Friday.";

    static List<String> postArticle(String host, String body) {
        String text = "Regulators met again this week. " + body + " Ref " + UUID.randomUUID() + ".\n\n" + FOOTER + "\n";
        return given().contentType(ContentType.JSON)
                .body(Map.of("text", text, "sourceUrl", "https://" + host + "/news/" + UUID.randomUUID()))
                .when().post("/api/v1/documents")
                .then().statusCode(201).extract().jsonPath().getList("passages.text");
    }

    @Test
    void aLineRepeatedAcrossASourcesDocumentsIsDroppedFromItsNextOnes() {
        String host = "news-" + UUID.randomUUID() + ".example.org";
        for (int i = 0; i < 3; i++) {
            assertThat(postArticle(host, "Article " + i + " about tariffs.")).contains(FOOTER);
        }
        assertThat(postArticle(host, "Article 4 about tariffs.")).doesNotContain(FOOTER).isNotEmpty();
        assertThat(postArticle("www." + host, "Article 5 about tariffs.")).doesNotContain(FOOTER);
        // a repeated line that says something the classifier finds is content, not boilerplate
        String rule = "Banks must store payment data only in India.";
        for (int i = 0; i < 4; i++) {
            String text = "Item " + UUID.randomUUID() + ".\n\n" + rule + "\n";
            List<String> passages = given().contentType(ContentType.JSON)
                    .body(Map.of("text", text, "sourceUrl", "https://" + host + "/rules/" + i))
                    .when().post("/api/v1/documents")
                    .then().statusCode(201).extract().jsonPath().getList("passages.text");
            assertThat(passages).contains(rule);
        }
        // another source has not repeated it
        assertThat(postArticle("other-" + UUID.randomUUID() + ".example.org", "Article 6.")).contains(FOOTER);
    }

    @Test
    void sourcesAreHostsWithoutWww() {
        assertThat(RepeatedLines.source("https://www.Example.org/a?b")).isEqualTo("example.org");
        assertThat(RepeatedLines.source(null)).isNull();
        assertThat(RepeatedLines.hash("  Share  this ")).isEqualTo(RepeatedLines.hash("share this"));
    }

    @Test
    void lineHashesStayTheFirst64BitsOfSha256SoStoredCountsKeepMatching() {
        // computed with MessageDigest before the switch to commons-codec; source_lines rows hold such values
        assertThat(RepeatedLines.hash("Story continues below")).isEqualTo(-8964130774340454011L);
    }
}
