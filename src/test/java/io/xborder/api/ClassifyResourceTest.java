package io.xborder.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ClassifyResourceTest {

    static final String SEED = "Mr. Musk is seeking approval to transfer data collected in China overseas.";

    @Test
    void classifiesTheContractExample() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", SEED, "language", "en"))
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("language", equalTo("en"))
                .body("passages", hasSize(1))
                .body("passages[0].start", equalTo(0))
                .body("passages[0].end", equalTo(SEED.length()))
                .body("passages[0].text", equalTo(SEED))
                .body("passages[0].findings.category", hasItem("CROSS_BORDER_TRANSFER"))
                .body("passages[0].findings[0].mechanisms", hasItem("SECURITY_ASSESSMENT"))
                .body("passages[0].findings[0].jurisdictions", hasItem("CN"))
                .body("passages[0].findings[0].modality", equalTo("REPORT"))
                .body("passages[0].findings[0].evidence", not(empty()))
                .body("passages[0].findings[0].explanation", nullValue());
    }

    @Test
    void evidenceOffsetsPointIntoTheRequestText() {
        String text = "Tesla stock has fallen this year. " + SEED + " 关键信息基础设施的运营者在境内运营中收集和产生的个人信息和重要数据应当在境内存储。";
        JsonPath json = given().contentType(ContentType.JSON)
                .body(Map.of("text", text))
                .when().post("/api/v1/classify")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> passages = json.getList("passages");
        assertThat(passages).hasSizeGreaterThanOrEqualTo(3);
        int findings = 0;
        for (Map<String, Object> p : passages) {
            int start = (Integer) p.get("start");
            int end = (Integer) p.get("end");
            assertThat(text.substring(start, end)).isEqualTo(p.get("text"));
            for (Map<String, Object> f : listOf(p.get("findings"))) {
                findings++;
                for (Map<String, Object> e : listOf(f.get("evidence"))) {
                    int es = (Integer) e.get("start");
                    int ee = (Integer) e.get("end");
                    assertThat(es).isGreaterThanOrEqualTo(start);
                    assertThat(ee).isLessThanOrEqualTo(end);
                    assertThat(text.substring(es, ee)).isEqualTo(e.get("text"));
                }
            }
        }
        assertThat(findings).isGreaterThanOrEqualTo(2);
        assertThat(json.getString("passages[0].findings")).isEqualTo("[]");
    }

    @Test
    void detectsChineseAndResolvesTheTerritoryToTheDocumentJurisdiction() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "关键信息基础设施的运营者在境内运营中收集和产生的个人信息和重要数据应当在境内存储。", "jurisdiction", "CN"))
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("language", equalTo("zh"))
                .body("passages[0].findings.category", hasItem("DATA_LOCALIZATION"))
                .body("passages[0].findings[0].jurisdictions", hasItem("CN"))
                .body("passages[0].findings[0].modality", equalTo("REQUIREMENT"));
    }

    @Test
    void explainAddsRulesAndScores() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", SEED))
                .queryParam("explain", "true")
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("passages[0].findings[0].explanation", notNullValue())
                .body("passages[0].findings[0].explanation.rules", not(empty()))
                .body("passages[0].findings[0].explanation.rules.rule", everyItem(notNullValue()));
    }

    @Test
    void hardNegativeGetsNoFinding() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text",
                        "The customer completed a wire transfer of 5,000 dollars to an overseas bank account."))
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("passages[0].findings", empty());
    }

    @Test
    void blankTextIs400() {
        problem(Map.of("text", "   "), 400).body("detail", containsString("text"));
    }

    @Test
    void missingTextIs400() {
        problem(Map.of("language", "en"), 400).body("errors[0].field", equalTo("text"));
    }

    @Test
    void unknownLanguageIs400() {
        problem(Map.of("text", SEED, "language", "fr"), 400).body("errors[0].field", equalTo("language"));
    }

    @Test
    void unknownJurisdictionIs400() {
        problem(Map.of("text", SEED, "jurisdiction", "XX"), 400).body("errors[0].field", equalTo("jurisdiction"));
    }

    @Test
    void wrongTypeIs400() {
        problem(Map.of("text", List.of(1, 2)), 400);
    }

    @Test
    void badExplainFlagIs400() {
        given().contentType(ContentType.JSON).body(Map.of("text", SEED)).queryParam("explain", "maybe")
                .when().post("/api/v1/classify")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{", "{\"text\": }", "[1,2", "null", "\"just a string\"", "{\"text\": \"a\" \"b\"}" })
    void malformedJsonIs400(String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/classify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("JSON"))
                .body("detail", not(containsString("HTTP 400")))
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("io.xborder")))
                .body("detail", not(containsString("at io.")));
    }

    @Test
    void emptyBodyIs400() {
        given().contentType(ContentType.JSON).body("")
                .when().post("/api/v1/classify")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void plainTextBodyIs415() {
        given().contentType(ContentType.TEXT).body(SEED)
                .when().post("/api/v1/classify")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void bodyOverTheLimitIs413() {
        String huge = "{\"text\": \"" + "a".repeat(11 * 1024 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(huge)
                .when().post("/api/v1/classify")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void getIs405() {
        given().when().get("/api/v1/classify")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void unknownPathIs404ProblemJson() {
        given().when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    private static ValidatableResponse problem(Object body, int status) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/classify")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", notNullValue());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOf(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
