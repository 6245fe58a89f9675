package io.xborder.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Taxonomy, OpenAPI, Swagger UI, health and metrics. */
@QuarkusTest
class ServiceSurfaceTest {

    @Test
    void taxonomyListsEveryValueSetWithDescriptions() {
        given().when().get("/api/v1/taxonomy")
                .then().statusCode(200)
                .body("categories.value", equalTo(List.of("DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER")))
                .body("mechanisms", hasSize(8))
                .body("mechanisms.value",
                        hasItems("SECURITY_ASSESSMENT", "STANDARD_CONTRACT", "CERTIFICATION", "ADEQUACY",
                                "CONSENT", "BINDING_CORPORATE_RULES", "GOVERNMENT_ACCESS", "EXEMPTION"))
                .body("modalities.value", hasItems("REQUIREMENT", "PROHIBITION", "PERMISSION", "REPORT"))
                .body("dataCategories", hasSize(9))
                .body("jurisdictions.value", hasItems("CN", "US", "EU", "HK", "GB"))
                .body("jurisdictions.size()", equalTo(250))
                .body("categories[0].description", notNullValue());
    }

    @Test
    void openApiDocumentsEveryEndpointWithErrorsAndExamples() {
        given().accept(ContentType.JSON).when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/classify"))
                .body("paths", hasKey("/api/v1/documents"))
                .body("paths", hasKey("/api/v1/documents/{id}"))
                .body("paths", hasKey("/api/v1/findings"))
                .body("paths", hasKey("/api/v1/taxonomy"))
                .body("paths", hasKey("/api/v1/rules"))
                .body("paths.'/api/v1/classify'.post.parameters.name", hasItem("explain"))
                .body("paths.'/api/v1/classify'.post.responses", hasKey("400"))
                .body("paths.'/api/v1/classify'.post.responses", hasKey("413"))
                .body("paths.'/api/v1/classify'.post.responses", hasKey("415"))
                .body("paths.'/api/v1/classify'.post.responses.'400'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/classify'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/api/v1/documents'.post.responses", hasKey("201"))
                .body("paths.'/api/v1/documents/{id}'.get.responses", hasKey("404"))
                .body("paths.'/api/v1/documents/{id}'.delete.responses", hasKey("204"))
                .body("paths.'/api/v1/findings'.get.parameters.name",
                        hasItems("category", "jurisdiction", "mechanism", "modality", "dataCategory", "language",
                                "minConfidence", "documentId", "q", "from", "to", "page", "size", "cursor"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", hasKey("ClassifyResponse"))
                .body("info.title", equalTo("xborder API"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void healthIsUpWithTheDatabaseCheck() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem("classifier"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void onceTheClassifierHasClassifiedReadinessSaysItIsReadyWithItsRules() {
        given().contentType(ContentType.JSON).body(Map.of("text", "Banks must store payment data only in India."))
                .when().post("/api/v1/classify").then().statusCode(200);
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'classifier' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'classifier' }.data.classifier", equalTo("ready"))
                .body("checks.find { it.name == 'classifier' }.data.rules", not(emptyOrNullString()));
    }

    @Test
    void metricsCountDocumentsFindingsClassifyLatencyAndJitTime() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "Banks must store payment data only in India. Ref " + System.nanoTime() + "."))
                .when().post("/api/v1/documents").then().statusCode(201);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("xborder_documents_ingested_total"))
                .body(containsString("xborder_findings_total{category=\"DATA_LOCALIZATION\""))
                .body(containsString("xborder_classify_seconds_count"))
                .body(containsString("jvm_compilation_time_ms_total"));
    }
}
