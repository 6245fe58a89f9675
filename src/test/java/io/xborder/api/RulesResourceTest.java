package io.xborder.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RulesResourceTest {

    @Test
    void listsTheActiveRulesPerLanguageAndCategory() {
        given().when().get("/api/v1/rules")
                .then().statusCode(200)
                .body("version", startsWith(given().when().get("/api/v1/rules").jsonPath().getString("rulesetVersion")))
                .body("model.version", startsWith("model-"))
                .body("model.training", hasKey("crossValidation"))
                .body("model.training.crossValidation.all.macroF1", greaterThan(0.8f))
                .body("rules.languages", hasKey("EN"))
                .body("rules.languages", hasKey("ZH"))
                .body("rules.languages.EN.categories.category", hasItem("CROSS_BORDER_TRANSFER"))
                .body("rules.languages.ZH.categories.category", hasItem("DATA_LOCALIZATION"))
                .body("rules.languages.EN.categories[0].rules[0].id", not(emptyString()));
    }

    @Test
    void storedFindingsCarryTheServedVersion() {
        String version = given().when().get("/api/v1/rules").jsonPath().getString("version");
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "Banks must store payment data only in India. Ref " + System.nanoTime() + "."))
                .when().post("/api/v1/documents")
                .then().statusCode(201)
                .body("passages[0].findings[0].rulesetVersion", equalTo(version));
    }

    @Test
    void explanationsSayWhatTheModelWeighedAndWhetherOnlyTheModelFoundIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "Mr. Musk is seeking approval to transfer data collected in China overseas."))
                .queryParam("explain", "true")
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("passages[0].findings[0].explanation.basis", equalTo("RULES_AND_MODEL"))
                .body("passages[0].findings[0].explanation.features.size()", greaterThan(0))
                .body("passages[0].findings[0].explanation.features[0].feature", not(emptyString()));
        // without explain=true there is no explanation at all
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "Mr. Musk is seeking approval to transfer data collected in China overseas."))
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("passages[0].findings[0]", not(hasKey("explanation")));
    }

    @Test
    void explanationsNameRulesThatTheRulesEndpointLists() {
        String rule = given().contentType(ContentType.JSON)
                .body(Map.of("text", "Mr. Musk is seeking approval to transfer data collected in China overseas."))
                .queryParam("explain", "true")
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("passages[0].findings[0].explanation.modelScore", notNullValue())
                .extract().jsonPath().getString("passages[0].findings[0].explanation.rules[0].rule");
        given().when().get("/api/v1/rules").then().body(containsString("\"" + rule + "\""));
    }
}
