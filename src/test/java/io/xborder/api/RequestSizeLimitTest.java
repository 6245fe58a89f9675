package io.xborder.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies sent without a length (streamed, so the client sends them chunked) meet the same limit as bodies with
 * one: 413 problem+json once they pass it, nothing stored; under it they are handled as usual.
 */
@QuarkusTest
class RequestSizeLimitTest {

    /** quarkus.http.limits.max-body-size (10M). */
    private static final int LIMIT = 10 * 1024 * 1024;

    static Stream<Arguments> streamedBodies() {
        return Stream.of(
                Arguments.of("JSON to /classify", "/api/v1/classify", 200,
                        (Function<String, RequestSpecification>) text -> streamedJson()
                                .body(stream("{\"text\":\"" + text + "\"}"))),
                Arguments.of("text to /documents", "/api/v1/documents", 201,
                        (Function<String, RequestSpecification>) text -> given().contentType("text/plain")
                                .body(stream(text))),
                Arguments.of("JSON to /documents", "/api/v1/documents", 201,
                        (Function<String, RequestSpecification>) text -> streamedJson()
                                .body(stream("{\"text\":\"" + text + "\"}"))),
                Arguments.of("file upload to /documents", "/api/v1/documents", 201,
                        (Function<String, RequestSpecification>) text -> given()
                                .multiPart("file", "law.txt", stream(text), "text/plain")),
                Arguments.of("file upload to /jobs", "/api/v1/jobs", 202,
                        (Function<String, RequestSpecification>) text -> given()
                                .multiPart("file", "law.txt", stream(text), "text/plain")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamedBodies")
    void aStreamedBodyOverTheLimitIs413AndStoresNothing(String name, String path, int okStatus,
            Function<String, RequestSpecification> request) {
        long documents = documentCount();
        String over = "data ".repeat(LIMIT / 5 + 1000);
        request.apply(over).when().post(path)
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", containsString("over the limit of " + LIMIT + " bytes"));
        assertThat(documentCount()).isEqualTo(documents);

        String under = "Banks must store payment data only in India. Ref " + UUID.randomUUID() + ".";
        request.apply(under).when().post(path).then().statusCode(okStatus);
    }

    /** JSON sent as a stream (REST Assured would read a JSON stream into memory and send its length). */
    private static RequestSpecification streamedJson() {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().encodeContentTypeAs("application/json", ContentType.TEXT)))
                .contentType("application/json");
    }

    private static long documentCount() {
        return given().when().get("/api/v1/documents").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    /**
     * The text as a stream of unknown length, so that the client sends it chunked (REST Assured sends a
     * ByteArrayInputStream with its Content-Length).
     */
    private static InputStream stream(String text) {
        return new BufferedInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
