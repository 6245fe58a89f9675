package io.xborder.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * /q/openapi serves the whole document exactly as the build made it (not a copy Quarkus wrote again at start), in
 * the format Quarkus would choose: JSON for a .json path, Accept: application/json or ?format=json, YAML otherwise.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void theDocumentIsTheBuildsFileByteForByteInBothFormats() throws IOException {
        byte[] json = given().accept(ContentType.JSON).when().get("/q/openapi")
                .then().statusCode(200).contentType(startsWith("application/json")).extract().asByteArray();
        byte[] yaml = given().when().get("/q/openapi")
                .then().statusCode(200).contentType(startsWith("application/yaml")).extract().asByteArray();
        assertThat(json).isEqualTo(buildTime("JSON"));
        assertThat(yaml).isEqualTo(buildTime("YAML"));
    }

    @Test
    void theServedDocumentIsTheFullApi() {
        given().when().get("/q/openapi.json")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/classify"))
                .body("paths", hasKey("/api/v1/documents"))
                .body("paths", hasKey("/api/v1/findings"))
                .body("paths", hasKey("/api/v1/taxonomy"))
                .body("paths", hasKey("/api/v1/models"))
                .body("paths.'/api/v1/classify'.post.responses", hasKey("413"))
                .body("components.securitySchemes", hasKey("apiKey"))
                .body("info.title", org.hamcrest.Matchers.equalTo("xborder API"));
        given().when().get("/q/openapi.yaml")
                .then().statusCode(200).body(containsString("/api/v1/classify:"));
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).contentType(startsWith("application/json"));
        given().when().get("/q/openapi.yml")
                .then().statusCode(200).contentType(startsWith("application/yaml"));
    }

    @Test
    void theFormatIsChosenAsQuarkusChoosesIt() {
        assertThat(OpenApiDocument.wantsJson("/q/openapi.json", null, null)).isTrue();
        assertThat(OpenApiDocument.wantsJson("/q/openapi.yaml", "application/json", "json")).isFalse();
        assertThat(OpenApiDocument.wantsJson("/q/openapi", "application/json, */*", null)).isTrue();
        assertThat(OpenApiDocument.wantsJson("/q/openapi", null, "JSON")).isTrue();
        assertThat(OpenApiDocument.wantsJson("/q/openapi", "*/*", null)).isFalse();
    }

    private static byte[] buildTime(String format) throws IOException {
        try (InputStream in = OpenApiDocument.class.getClassLoader()
                .getResourceAsStream(OpenApiDocument.RESOURCE + format)) {
            assertThat(in).as("the build-time document %s", format).isNotNull();
            return in.readAllBytes();
        }
    }
}
