package io.xborder.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The framework reads and checks path, query and form parameters and JSON fields by their types; a value it cannot
 * read is a 400 problem naming the parameter or field, never the 404 the framework answers a path or query parameter
 * it cannot convert with, nor a 500.
 */
@QuarkusTest
class ParametersTest {

    static final String[] BAD_IDS = { "abc", "0", "-1", "1.5", "99999999999999999999999", "%20" };

    /** Every API endpoint with an id in its path. */
    static Stream<Arguments> idEndpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/documents/{id}"),
                Arguments.of("DELETE", "/api/v1/documents/{id}"),
                Arguments.of("GET", "/api/v1/documents/{id}/original"),
                Arguments.of("GET", "/api/v1/findings/{id}"),
                Arguments.of("PATCH", "/api/v1/findings/{id}"),
                Arguments.of("GET", "/api/v1/jobs/{id}"),
                Arguments.of("GET", "/api/v1/feeds/{id}"),
                Arguments.of("PUT", "/api/v1/feeds/{id}"),
                Arguments.of("DELETE", "/api/v1/feeds/{id}"),
                Arguments.of("POST", "/api/v1/feeds/{id}/poll"),
                Arguments.of("DELETE", "/api/v1/keys/{id}"))
                .flatMap(a -> Stream.of(BAD_IDS).map(id -> Arguments.of(a.get()[0], a.get()[1], id)));
    }

    @ParameterizedTest(name = "{0} {1} with id {2}")
    @MethodSource("idEndpoints")
    void anIdThatIsNotAPositiveIntegerIs400NamingIt(String method, String path, String id) {
        var request = given().urlEncodingEnabled(false);
        if (method.equals("PATCH")) {
            request = request.contentType("application/merge-patch+json").header("If-Match", "\"v0\"")
                    .body("{\"status\":\"CONFIRMED\"}");
        } else if (method.equals("PUT")) {
            request = request.contentType(ContentType.JSON).body("{\"url\":\"https://example.org/feed.xml\"}");
        }
        request.when().request(method, path.replace("{id}", id))
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("id"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "maybe", "2" })
    void aFlagThatIsNeitherTrueNorFalseIs400NamingIt(String value) {
        given().contentType(ContentType.JSON).body("{\"text\":\"Data shall be stored in China.\"}")
                .queryParam("explain", value)
                .when().post("/api/v1/classify")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("explain"))
                .body("errors[0].message", containsString("must be true or false"));
        given().queryParam("includeRevoked", value)
                .when().get("/api/v1/keys")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("includeRevoked"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/documents", "/api/v1/jobs", "/api/v1/feeds", "/api/v1/audit",
            "/api/v1/findings" })
    void everyListNamesTheBadPagingParameter(String list) {
        given().queryParam("size", "x").when().get(list)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("size"));
        given().queryParam("size", 201).when().get(list)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("size"));
        given().queryParam("page", -1).when().get(list)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("page"));
        given().queryParam("page", 100_000).queryParam("size", 200).when().get(list)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("page"))
                .body("errors[0].message", containsString("use the cursor"));
        given().queryParam("page", "").queryParam("size", "").when().get(list).then().statusCode(200);
    }

    @Test
    void jsonBodiesReadLanguagesJurisdictionsAndDatesAsParametersDo() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "Payment data shall be stored only in India.", "language", "EN",
                        "jurisdiction", " in "))
                .when().post("/api/v1/classify")
                .then().statusCode(200).body("language", equalTo("en"));
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "Payment data shall be stored only in India. " + UUID.randomUUID(),
                        "jurisdiction", "in", "publishedAt", "2018-04-06T23:30:00+05:30"))
                .when().post("/api/v1/documents")
                .then().statusCode(201).body("jurisdiction", equalTo("IN")).body("publishedAt", equalTo("2018-04-06"));
        for (Map.Entry<String, String> bad : List.of(Map.entry("language", "fr"), Map.entry("jurisdiction", "XX"),
                Map.entry("publishedAt", "2024-13-01"))) {
            given().contentType(ContentType.JSON).body(Map.of("kind", "URLS", "urls", List.of("http://a.example/"),
                    bad.getKey(), bad.getValue()))
                    .when().post("/api/v1/jobs")
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("errors[0].field", equalTo(bad.getKey()))
                    .body("detail", startsWith(bad.getKey() + ": must be "));
        }
        given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"language\": 1}")
                .when().post("/api/v1/classify")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("language"));
    }

    @Test
    void uploadFieldsAndTheMetadataPartNameTheBadValue() {
        byte[] text = ("Payment data shall be stored only in India. " + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8);
        given().multiPart("file", "a.txt", text, "text/plain").multiPart("publishedAt", "yesterday")
                .when().post("/api/v1/documents")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("publishedAt"));
        given().multiPart("file", "a.txt", text, "text/plain")
                .multiPart("metadata", "{\"a.txt\": {\"jurisdiction\": \"XX\"}}", "application/json")
                .when().post("/api/v1/documents")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("metadata"))
                .body("errors[0].message", startsWith("a.txt.jurisdiction must be an ISO 3166-1 alpha-2 code"));
        given().multiPart("file", "a.txt", text, "text/plain").multiPart("language", "fr")
                .when().post("/api/v1/jobs")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("language"));
    }
}
