package io.xborder.finding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class FindingResourceTest {

    private long enDocument;
    private long zhDocument;

    @BeforeEach
    void ingest() {
        String marker = UUID.randomUUID().toString();
        enDocument = given().contentType(ContentType.JSON).body(Map.of(
                "title", "Findings test EN " + marker,
                "text", "Mr. Musk is seeking approval to transfer data collected in China overseas. "
                        + "Since 2021, Tesla has stored all Chinese vehicle data in Shanghai and does not send any data "
                        + "to the United States. Tesla stock has fallen this year. Ref " + marker + ".",
                "publishedAt", "2024-04-29"))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        zhDocument = given().contentType(ContentType.JSON).body(Map.of(
                "title", "Findings test ZH " + marker,
                "text", "关键信息基础设施的运营者在境内运营中收集和产生的个人信息和重要数据应当在境内存储。"
                        + "因业务需要，确需向境外提供的，应当按照国家网信部门的办法进行安全评估。编号" + marker + "。",
                "jurisdiction", "CN",
                "publishedAt", "2017-06-01"))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void findingsCarryPassageAndDocument() {
        given().queryParam("documentId", enDocument)
                .when().get("/api/v1/findings")
                .then().statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(2))
                .body("items.document.id", everyItem(equalTo((int) enDocument)))
                .body("items[0].document.title", notNullValue())
                .body("items[0].passage.text", notNullValue())
                .body("items[0].evidence[0].text", notNullValue())
                .body("totalExact", equalTo(true));
    }

    @Test
    void filtersByEachAttribute() {
        given().queryParam("documentId", enDocument).queryParam("category", "DATA_LOCALIZATION")
                .when().get("/api/v1/findings")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].category", equalTo("DATA_LOCALIZATION"))
                .body("items[0].jurisdictions", hasItem("CN"));
        given().queryParam("documentId", enDocument).queryParam("mechanism", "SECURITY_ASSESSMENT")
                .when().get("/api/v1/findings")
                .then().statusCode(200)
                .body("items.mechanisms", everyItem(hasItem("SECURITY_ASSESSMENT")))
                .body("total", greaterThanOrEqualTo(1));
        given().queryParam("documentId", enDocument).queryParam("jurisdiction", "us")
                .when().get("/api/v1/findings")
                .then().statusCode(200)
                .body("items.jurisdictions", everyItem(hasItem("US")))
                .body("total", greaterThanOrEqualTo(1));
        given().queryParam("documentId", enDocument).queryParam("modality", "REPORT").queryParam("language", "en")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("items.modality", everyItem(equalTo("REPORT")));
        given().queryParam("documentId", enDocument).queryParam("dataCategory", "VEHICLE_DATA")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("items.dataCategories", everyItem(hasItem("VEHICLE_DATA")));
        List<Float> confidences = given().queryParam("documentId", enDocument).when().get("/api/v1/findings")
                .then().extract().jsonPath().getList("items.confidence", Float.class);
        float highest = confidences.stream().max(Float::compare).orElseThrow();
        given().queryParam("documentId", enDocument).queryParam("minConfidence", String.valueOf(highest))
                .when().get("/api/v1/findings")
                .then().statusCode(200)
                .body("items.confidence", everyItem(greaterThanOrEqualTo(highest)))
                .body("total", equalTo((int) confidences.stream().filter(c -> c >= highest).count()));
        given().queryParam("documentId", zhDocument).queryParam("language", "en")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("documentId", enDocument).queryParam("reviewStatus", "UNREVIEWED")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("total", greaterThanOrEqualTo(2));
    }

    @Test
    void searchesPassageTextInEnglishAndChinese() {
        given().queryParam("documentId", zhDocument).queryParam("q", "境内存储")
                .when().get("/api/v1/findings")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].category", equalTo("DATA_LOCALIZATION"));
        // two Han characters: matched through the bigram index (migration V5), same answer as a substring match
        given().queryParam("documentId", zhDocument).queryParam("q", "境内")
                .when().get("/api/v1/findings")
                .then().statusCode(200)
                .body("total", greaterThanOrEqualTo(1))
                .body("items.passage.text", everyItem(containsString("境内")));
        given().queryParam("documentId", zhDocument).queryParam("q", "冰岛")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("documentId", enDocument).queryParam("q", "SHANGHAI")
                .when().get("/api/v1/findings")
                .then().statusCode(200)
                .body("total", greaterThanOrEqualTo(1))
                .body("items.passage.text", everyItem(containsString("Shanghai")));
        given().queryParam("q", "100%_\\ no such words " + UUID.randomUUID())
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void filtersByPublicationDate() {
        given().queryParam("documentId", zhDocument).queryParam("from", "2017-01-01").queryParam("to", "2017-12-31")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("total", greaterThanOrEqualTo(1));
        given().queryParam("documentId", zhDocument).queryParam("from", "2018-01-01")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void undatedDocumentsMatchNoDateFilter() {
        long undated = given().contentType(ContentType.JSON).body(Map.of(
                "title", "Undated " + UUID.randomUUID(),
                "text", "Banks must store all payment data only in India. Ref " + UUID.randomUUID() + "."))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        given().queryParam("documentId", undated)
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("total", greaterThanOrEqualTo(1));
        // stored today, but not published on any date: neither a range around today nor an open one matches it
        for (String[] range : new String[][] { { "from", "2000-01-01" }, { "to", "2999-12-31" } }) {
            given().queryParam("documentId", undated).queryParam(range[0], range[1])
                    .when().get("/api/v1/findings")
                    .then().statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
        }
        given().queryParam("documentId", enDocument).queryParam("from", "2000-01-01")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("total", greaterThanOrEqualTo(2));
    }

    @Test
    void jurisdictionCnFindsTheChineseRule() {
        given().queryParam("jurisdiction", "CN").queryParam("documentId", zhDocument)
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("items.jurisdictions", everyItem(hasItem("CN")))
                .body("total", greaterThanOrEqualTo(1));
    }

    @Test
    void pagesAreNewestFirstAndCursorsContinueWithoutGaps() {
        List<Integer> all = given().queryParam("size", 200).when().get("/api/v1/findings")
                .then().statusCode(200).body("page", equalTo(0)).extract().jsonPath().getList("items.id");
        assertThat(all).hasSizeGreaterThanOrEqualTo(4);
        List<Integer> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("size", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/findings").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && paged.size() < all.size());
        assertThat(paged.subList(0, Math.min(paged.size(), all.size())))
                .isEqualTo(all.subList(0, Math.min(paged.size(), all.size())));
        given().queryParam("size", 3).queryParam("page", 1).when().get("/api/v1/findings")
                .then().statusCode(200).body("page", equalTo(1))
                .body("items.id", equalTo(all.subList(3, Math.min(6, all.size()))));
    }

    @Test
    void lastPageHasNoCursor() {
        given().queryParam("documentId", enDocument).queryParam("size", 200)
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("nextCursor", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "category=LOCALISATION", "mechanism=consent", "modality=MAYBE", "dataCategory=X",
            "jurisdiction=XX", "language=fr", "minConfidence=2", "minConfidence=abc", "documentId=abc",
            "documentId=-5", "from=2024-13-01", "to=tomorrow", "from=2024-02-01&to=2024-01-01", "page=-1", "size=0",
            "size=201", "size=x", "cursor=not-a-cursor", "reviewStatus=DONE" })
    void badFiltersAre400(String query) {
        given().when().get("/api/v1/findings?" + query)
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors[0].field", notNullValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "category=LOCALISATION|category", "mechanism=consent|mechanism",
            "modality=MAYBE|modality", "dataCategory=X|dataCategory", "jurisdiction=XX|jurisdiction",
            "language=fr|language", "minConfidence=2|minConfidence", "minConfidence=abc|minConfidence",
            "minConfidence=NaN|minConfidence", "documentId=abc|documentId", "documentId=-5|documentId",
            "from=2024-13-01|from", "to=tomorrow|to", "from=2024-02-01&to=2024-01-01|from", "page=-1|page",
            "size=0|size", "size=201|size", "size=x|size", "page=100000&size=200|page", "cursor=not-a-cursor|cursor",
            "reviewStatus=DONE|reviewStatus" })
    void badFiltersAre400NamingTheParameter(String query, String field) {
        given().when().get("/api/v1/findings?" + query)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of(field)))
                .body("detail", containsString(field));
    }

    @Test
    void overlongSearchWordsAre400NamingQ() {
        given().queryParam("q", "x".repeat(201)).when().get("/api/v1/findings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void filtersAcceptTheLenientSpellingsTheyAlwaysAccepted() {
        given().queryParam("documentId", zhDocument).queryParam("jurisdiction", " cn ").queryParam("language", "ZH-cn")
                .queryParam("from", "2017-06-01T00:00:00Z").queryParam("minConfidence", "0")
                .queryParam("reviewStatus", "UNREVIEWED").queryParam("category", "").queryParam("page", "")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("items.size()", greaterThanOrEqualTo(1))
                .body("items.document.id", everyItem(equalTo((int) zhDocument)));
    }
}
