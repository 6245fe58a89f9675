package io.xborder.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Documents with findings to review, made through the API as the tests' admin. */
final class ReviewFixtures {

    private static final String[] COUNTRIES = { "India", "Vietnam", "Indonesia", "Nigeria", "Russia", "Turkey",
            "Kenya", "Egypt", "Pakistan", "Brazil", "Mexico", "Chile", "Peru", "Ghana", "Rwanda" };

    private ReviewFixtures() {
    }

    /** A document of {@code n} paragraphs (n ≤ 15), each a localisation rule of another country; its id. */
    static long rules(int n, String marker) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append("Operators must store the personal data of users in ").append(COUNTRIES[i])
                    .append(" on servers located within ").append(COUNTRIES[i]).append(". Rule ").append(marker)
                    .append('-').append(i).append(".\n\n");
        }
        return document("Rules " + marker, text.toString());
    }

    static long document(String title, String text) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("title", title, "text", text, "publishedAt", "2025-03-01"))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The ids of the document's findings, newest first (search order). */
    static List<Long> findings(long document) {
        List<Long> out = new ArrayList<>();
        JsonPath page = given().queryParam("documentId", document).queryParam("size", 200)
                .when().get("/api/v1/findings").then().statusCode(200).extract().jsonPath();
        for (Object id : page.getList("items.id")) {
            out.add(((Number) id).longValue());
        }
        return out;
    }

    /** The document's passages: id and text, in order. */
    static List<Map<String, Object>> passages(long document) {
        return given().when().get("/api/v1/documents/" + document).then().statusCode(200).extract().jsonPath()
                .getList("passages");
    }

    static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static void assertAtLeast(List<?> items, int n) {
        assertThat(items).hasSizeGreaterThanOrEqualTo(n);
    }
}
