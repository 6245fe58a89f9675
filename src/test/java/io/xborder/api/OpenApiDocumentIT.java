package io.xborder.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged app holds the build-time OpenAPI document where Quarkus does not look for it at start (so that a start
 * does not parse it and write it again), and /q/openapi serves it byte for byte in both formats.
 */
@QuarkusIntegrationTest
class OpenApiDocumentIT {

    private static final Path GENERATED = Path.of("target", "quarkus-app", "quarkus", "generated-bytecode.jar");

    @Test
    void theDocumentIsOutOfQuarkusSightAndServedByteForByte() throws IOException {
        try (ZipFile jar = new ZipFile(GENERATED.toFile())) {
            assertThat(jar.getEntry(OpenApiDocument.RESOURCE + "JSON")).isNull();
            assertThat(jar.getEntry(OpenApiDocument.RESOURCE + "YAML")).isNull();
            byte[] json = given().accept(ContentType.JSON).when().get("/q/openapi")
                    .then().statusCode(200).contentType(startsWith("application/json")).extract().asByteArray();
            byte[] yaml = given().when().get("/q/openapi.yaml")
                    .then().statusCode(200).contentType(startsWith("application/yaml")).extract().asByteArray();
            assertThat(json).isEqualTo(bytes(jar, OpenApiDocument.PACKAGED + "JSON"));
            assertThat(yaml).isEqualTo(bytes(jar, OpenApiDocument.PACKAGED + "YAML"));
            assertThat(new String(json, StandardCharsets.UTF_8)).contains("/api/v1/classify");
        }
    }

    private static byte[] bytes(ZipFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
