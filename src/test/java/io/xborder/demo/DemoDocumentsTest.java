package io.xborder.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.xborder.document.DocumentService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemoDocumentsTest {

    record Settings(String enabled, boolean embedded) implements DemoConfig {
    }

    @Inject
    DemoDocuments demo;

    @Inject
    DocumentService documents;

    @Test
    void startupLoadSkipsADatabaseThatHoldsDocuments() {
        demo.load();
        long before = given().when().get("/api/v1/documents").then().extract().jsonPath().getLong("total");
        new DemoDocuments(documents, new Settings("true", false)).onStart(null);
        given().when().get("/api/v1/documents").then().body("total", equalTo((int) before));
    }

    @Test
    void demoDocumentsLoadAndYieldChineseAndEnglishFindings() {
        assertThat(DemoDocuments.read()).hasSizeGreaterThanOrEqualTo(6)
                .extracting(DemoDocuments.Entry::language).contains("en", "zh");
        assertThat(demo.load()).isGreaterThanOrEqualTo(8);
        given().queryParam("jurisdiction", "CN").queryParam("size", 200)
                .when().get("/api/v1/findings")
                .then().statusCode(200)
                .body("total", greaterThanOrEqualTo(4))
                .body("items.jurisdictions", everyItem(hasItem("CN")))
                .body("items.language", hasItem("zh"))
                .body("items.language", hasItem("en"));
        given().queryParam("jurisdiction", "VN").when().get("/api/v1/findings")
                .then().statusCode(200).body("items.category", hasItem("DATA_LOCALIZATION"));
        given().queryParam("jurisdiction", "IN").when().get("/api/v1/findings")
                .then().statusCode(200).body("items.category", hasItem("DATA_LOCALIZATION"));
    }
}
