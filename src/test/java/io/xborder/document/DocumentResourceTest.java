package io.xborder.document;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class DocumentResourceTest {

    static final String NEWS = "Mr. Musk is seeking approval to transfer data collected in China overseas. "
            + "Tesla stock has fallen this year.";

    /** A text no other test posts, so idempotency by content does not couple tests. */
    static String unique(String text) {
        return text + "\n\nRef " + UUID.randomUUID() + ".";
    }

    static Map<String, Object> body(String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Tesla data");
        body.put("text", text);
        body.put("sourceUrl", "https://example.com/tesla");
        body.put("language", "en");
        body.put("publishedAt", "2024-04-29");
        return body;
    }

    static long create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/documents")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void createsADocumentWithPassagesAndFindings() {
        String text = unique(NEWS);
        Response created = given().contentType(ContentType.JSON).body(body(text))
                .when().post("/api/v1/documents");
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/documents/"))
                .body("title", equalTo("Tesla data"))
                .body("language", equalTo("en"))
                .body("publishedAt", equalTo("2024-04-29"))
                .body("contentHash", notNullValue())
                .body("text", equalTo(text))
                .body("passages.size()", greaterThanOrEqualTo(2))
                .body("passages[0].findings.category", hasItem("CROSS_BORDER_TRANSFER"))
                .body("passages[0].findings[0].rulesetVersion", notNullValue())
                .body("passages[0].findings[0].reviewStatus", equalTo("UNREVIEWED"))
                .body("passages[1].findings", hasSize(0));
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/v1/documents/" + id);

        given().when().get(created.header("Location"))
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("passages[0].text",
                        equalTo("Mr. Musk is seeking approval to transfer data collected in China overseas."))
                .body("passages[0].start", equalTo(0))
                .body("passages[0].findings[0].evidence[0].text", notNullValue());
    }

    @Test
    void repeatingTheSameTextReturnsTheStoredDocumentWith200() {
        String text = unique(NEWS);
        long id = create(body(text));
        Map<String, Object> again = body(text);
        again.put("title", "A different title");
        given().contentType(ContentType.JSON).body(again)
                .when().post("/api/v1/documents")
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("title", equalTo("Tesla data"));
    }

    @Test
    void acceptsPlainTextWithMetadataInTheQuery() {
        String text = "数据处理者向境外提供重要数据的，应当申报数据出境安全评估。（编号" + System.nanoTime() + "）";
        given().contentType("text/plain; charset=UTF-8").body(text)
                .queryParam("title", "出境评估").queryParam("jurisdiction", "CN").queryParam("publishedAt", "2022-09-01")
                .when().post("/api/v1/documents")
                .then().statusCode(201)
                .body("title", equalTo("出境评估"))
                .body("language", equalTo("zh"))
                .body("jurisdiction", equalTo("CN"))
                .body("passages[0].findings.category", hasItem("CROSS_BORDER_TRANSFER"))
                .body("passages[0].findings[0].jurisdictions", hasItem("CN"));
    }

    static Stream<Arguments> declaredCharsets() {
        String zh = "数据处理者向境外提供重要数据的，应当申报数据出境安全评估。";
        String fr = "Les données à caractère personnel des résidents sont stockées en France ; « Größe » et ½.";
        return Stream.of(
                Arguments.of("UTF-16LE", zh, (Function<String, byte[]>) t -> t.getBytes(StandardCharsets.UTF_16LE)),
                // Java's UTF-16 encoder writes a big-endian byte-order mark
                Arguments.of("UTF-16", zh, (Function<String, byte[]>) t -> t.getBytes(StandardCharsets.UTF_16)),
                Arguments.of("utf-16", fr,
                        (Function<String, byte[]>) t -> concat(new byte[] { (byte) 0xFF, (byte) 0xFE },
                                t.getBytes(StandardCharsets.UTF_16LE))),
                Arguments.of("gb18030", zh, (Function<String, byte[]>) t -> t.getBytes(Charset.forName("GB18030"))),
                Arguments.of("GB18030", "𠀀 in Extension B, " + zh,
                        (Function<String, byte[]>) t -> t.getBytes(Charset.forName("GB18030"))),
                Arguments.of("ISO-8859-1", fr, (Function<String, byte[]>) t -> t.getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("\"iso-8859-1\"", fr,
                        (Function<String, byte[]>) t -> t.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declaredCharsets")
    void storesPlainTextExactlyInTheDeclaredCharset(String charset, String text, Function<String, byte[]> encode) {
        String sent = text + " (" + UUID.randomUUID() + ")";
        long id = given().contentType("text/plain; charset=" + charset).body(encode.apply(sent))
                .when().post("/api/v1/documents")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().when().get("/api/v1/documents/" + id).then().statusCode(200).body("text", equalTo(sent));
    }

    @ParameterizedTest
    @ValueSource(strings = { "x-no-such-charset", "utf-99", "\u00e9t\u00e9" })
    void refusesPlainTextInAnUnknownCharsetWith415(String charset) {
        given().contentType("text/plain; charset=" + charset)
                .body("Data stays in China.".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/documents")
                .then().statusCode(415).contentType("application/problem+json")
                .body("status", equalTo(415))
                .body("type", equalTo("urn:xborder:problem:unsupported-type")) // as an upload of an unread format
                .body("detail", containsString("charset"));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void titleDefaultsToTheFirstLine() {
        String text = unique("Data rules roundup\nNothing about data location here.");
        Map<String, Object> b = body(text);
        b.remove("title");
        given().contentType(ContentType.JSON).body(b)
                .when().post("/api/v1/documents")
                .then().statusCode(201).body("title", equalTo("Data rules roundup"));
    }

    @Test
    void listsDocumentsNewestFirstWithCounts() {
        long first = create(body(unique(NEWS)));
        long second = create(body(unique(NEWS)));
        given().queryParam("size", 2)
                .when().get("/api/v1/documents")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo((int) second))
                .body("items[1].id", equalTo((int) first))
                .body("items[0].passageCount", greaterThanOrEqualTo(2))
                .body("items[0].findingCount", greaterThanOrEqualTo(1))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("total", greaterThanOrEqualTo(2));
    }

    @Test
    void deletesADocumentWithItsFindings() {
        long id = create(body(unique(NEWS)));
        given().queryParam("documentId", id).when().get("/api/v1/findings")
                .then().statusCode(200).body("total", greaterThan(0));
        given().when().delete("/api/v1/documents/" + id).then().statusCode(204);
        given().when().get("/api/v1/documents/" + id).then().statusCode(404).contentType("application/problem+json");
        given().queryParam("documentId", id).when().get("/api/v1/findings")
                .then().statusCode(200).body("total", equalTo(0));
        given().when().delete("/api/v1/documents/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void missingDocumentIs404() {
        given().when().get("/api/v1/documents/987654321")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("987654321"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "-1", "0", "1.5", "99999999999999999999999" })
    void malformedIdIs400(String id) {
        given().when().get("/api/v1/documents/" + id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        given().when().delete("/api/v1/documents/" + id)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "page=-1", "page=x", "size=0", "size=201", "size=abc", "page=100000&size=200" })
    void badPagingIs400(String query) {
        given().when().get("/api/v1/documents?" + query)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void invalidFieldsAre400() {
        for (Map.Entry<String, String> bad : List.of(
                Map.entry("language", "xx"),
                Map.entry("jurisdiction", "ZZ"),
                Map.entry("publishedAt", "yesterday"),
                Map.entry("sourceUrl", "javascript:alert(1)"),
                Map.entry("title", "t".repeat(501)))) {
            Map<String, Object> b = body(unique(NEWS));
            b.put(bad.getKey(), bad.getValue());
            given().contentType(ContentType.JSON).body(b)
                    .when().post("/api/v1/documents")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(bad.getKey()));
        }
    }

    @Test
    void blankOrMissingTextIs400() {
        given().contentType(ContentType.JSON).body(Map.of("title", "x"))
                .when().post("/api/v1/documents")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body(" \n ")
                .when().post("/api/v1/documents")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{", "[]", "{\"text\": 12}", "{\"text\": {\"a\": 1}}", "{\"publishedAt\": [1]}" })
    void malformedJsonIs400(String json) {
        given().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/documents")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unsupportedMediaTypeIs415() {
        given().contentType("application/xml").body("<doc/>")
                .when().post("/api/v1/documents")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void hugeBodyIs413AndStoresNothing() {
        long before = given().when().get("/api/v1/documents").then().extract().jsonPath().getLong("total");
        given().contentType(ContentType.TEXT).body("word ".repeat(2_300_000))
                .when().post("/api/v1/documents")
                .then().statusCode(413).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("a ".repeat(1_100_000))
                .when().post("/api/v1/documents")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("characters"));
        given().when().get("/api/v1/documents").then().body("total", equalTo((int) before));
    }

    @Test
    void nulCharactersAreDroppedNotAFailure() {
        String text = unique("Banks must store payment data only in India.\u0000");
        given().contentType(ContentType.JSON).body(body(text))
                .when().post("/api/v1/documents")
                .then().statusCode(201)
                .body("text", endsWith("."));
    }
}
