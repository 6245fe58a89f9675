package io.xborder.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.xborder.testing.AuthenticatedByDefault;
import io.xborder.testing.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint × every kind of caller: anonymous, viewer, analyst and admin (API keys and bearer tokens), and
 * tokens that must not count (expired, wrongly signed, foreign issuer) or keys in the wrong place. The table of
 * endpoints is checked against the OpenAPI document, so a new endpoint without a row fails {@link
 * #everyApiOperationIsInTheTable}.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** Who calls: how the request is authenticated, and the role that should count (null = not authenticated). */
    record Caller(String name, String role, Function<RequestSpecification, RequestSpecification> credential) {

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One operation: its least role (null: no credential but a token of its own, which the call sends), the statuses
     * an allowed caller may get, and how to call it.
     */
    record Endpoint(String method, String path, String leastRole, Set<Integer> allowed,
            Function<RequestSpecification, Response> call) {
    }

    static Stream<Caller> callers() {
        return Stream.of(
                new Caller("anonymous", null, r -> r.header(AuthenticatedByDefault.ANONYMOUS, "1")),
                new Caller("viewer key", "viewer", r -> r.header("X-API-Key", TestCredentials.key("viewer"))),
                new Caller("analyst key", "analyst", r -> r.header("X-API-Key", TestCredentials.key("analyst"))),
                new Caller("admin key", "admin", r -> r.header("X-API-Key", TestCredentials.adminKey())),
                new Caller("viewer token", "viewer",
                        r -> r.header("Authorization", "Bearer " + TestCredentials.token("vera", "viewer"))),
                new Caller("analyst token", "analyst",
                        r -> r.header("Authorization", "Bearer " + TestCredentials.token("anna", "analyst"))),
                new Caller("admin token", "admin",
                        r -> r.header("Authorization", "Bearer " + TestCredentials.token("adam", "admin"))),
                new Caller("token without roles", "none",
                        r -> r.header("Authorization", "Bearer " + TestCredentials.token("nora"))),
                new Caller("expired admin token", null,
                        r -> r.header("Authorization", "Bearer " + TestCredentials.expiredToken("adam", "admin"))),
                new Caller("wrongly signed admin token", null,
                        r -> r.header("Authorization",
                                "Bearer " + TestCredentials.wronglySignedToken("adam", "admin"))),
                new Caller("admin token of another issuer", null,
                        r -> r.header("Authorization",
                                "Bearer " + TestCredentials.foreignIssuerToken("adam", "admin"))),
                new Caller("unknown API key", null, r -> r.header("X-API-Key", "xb_" + UUID.randomUUID())),
                new Caller("admin key in the query string", null, r -> r.header(AuthenticatedByDefault.ANONYMOUS, "1")
                        .queryParam("api_key", TestCredentials.adminKey())
                        .queryParam("access_token", TestCredentials.token("adam", "admin"))));
    }

    private static int rank(String role) {
        return role == null ? -1 : List.of("viewer", "analyst", "admin").indexOf(role);
    }

    // --- fixtures, made as admin --------------------------------------------------------------------------------

    private static long newDocument() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("title", "Matrix", "text", "Banks must store payment data only in India. Ref "
                        + UUID.randomUUID() + "."))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long findingOf(long document) {
        return given().queryParam("documentId", document).when().get("/api/v1/findings")
                .then().statusCode(200).extract().jsonPath().getLong("items[0].id");
    }

    /** A passage of a new document on which the classifier found nothing. */
    private static long passageWithoutFindings() {
        long document = given().contentType(ContentType.JSON)
                .body(Map.of("title", "Matrix", "text", "The weather was mild. Ref " + UUID.randomUUID() + "."))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        return given().when().get("/api/v1/documents/" + document).then().statusCode(200).extract().jsonPath()
                .getLong("passages[0].id");
    }

    private static String etag(long finding) {
        return given().when().get("/api/v1/findings/" + finding).then().statusCode(200).extract().header("ETag");
    }

    private static long newKey() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "matrix-" + UUID.randomUUID(), "role", "viewer"))
                .when().post("/api/v1/keys").then().statusCode(201).extract().jsonPath().getLong("details.id");
    }

    private static long newJob() {
        return given().contentType(ContentType.JSON).body(Map.of("kind", "RECLASSIFY"))
                .when().post("/api/v1/jobs").then().statusCode(202).extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> feed() {
        return Map.of("url", "http://127.0.0.1:9/feed-" + UUID.randomUUID() + ".xml", "intervalMinutes", 60);
    }

    private static long newFeed() {
        return given().contentType(ContentType.JSON).body(feed())
                .when().post("/api/v1/feeds").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static String text() {
        return "Personal data must be stored in Vietnam. Ref " + UUID.randomUUID() + ".";
    }

    /** A saved search of the admin's, shared with the team (others may read it, not change it). */
    private static long newSavedSearch() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "matrix-" + UUID.randomUUID(), "shared", true,
                        "criteria", Map.of("jurisdiction", "IN")))
                .when().post("/api/v1/saved-searches").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static String feedToken(long search) {
        return given().when().post("/api/v1/saved-searches/" + search + "/feed-token").then().statusCode(201)
                .extract().jsonPath().getString("token");
    }

    private static Map<String, Object> webhook(long search) {
        return Map.of("searchId", search, "url", "http://127.0.0.1:9/hook-" + UUID.randomUUID(), "active", false);
    }

    /** An inactive webhook of the admin's (nothing is sent to it). */
    private static long newWebhook() {
        return given().contentType(ContentType.JSON).body(webhook(newSavedSearch()))
                .when().post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath().getLong("webhook.id");
    }

    static List<Endpoint> endpoints() {
        Supplier<Long> document = AuthorizationMatrixTest::newDocument;
        List<Endpoint> alerts = List.of(
                new Endpoint("POST", "/api/v1/saved-searches", "viewer", Set.of(201),
                        r -> r.contentType(ContentType.JSON)
                                .body(Map.of("name", "mine", "criteria", Map.of("category", "DATA_LOCALIZATION")))
                                .post("/api/v1/saved-searches")),
                new Endpoint("GET", "/api/v1/saved-searches", "viewer", Set.of(200),
                        r -> r.get("/api/v1/saved-searches")),
                new Endpoint("GET", "/api/v1/saved-searches/{id}", "viewer", Set.of(200),
                        r -> r.get("/api/v1/saved-searches/" + newSavedSearch())),
                // another's search: a viewer or analyst may read it (shared) but only its owner or an admin change it
                new Endpoint("PUT", "/api/v1/saved-searches/{id}", "viewer", Set.of(200, 403),
                        r -> r.contentType(ContentType.JSON).body(Map.of("name", "renamed", "shared", true))
                                .put("/api/v1/saved-searches/" + newSavedSearch())),
                new Endpoint("DELETE", "/api/v1/saved-searches/{id}", "viewer", Set.of(204, 403),
                        r -> r.delete("/api/v1/saved-searches/" + newSavedSearch())),
                new Endpoint("GET", "/api/v1/saved-searches/{id}/findings", "viewer", Set.of(200),
                        r -> r.get("/api/v1/saved-searches/" + newSavedSearch() + "/findings")),
                new Endpoint("POST", "/api/v1/saved-searches/{id}/feed-token", "viewer", Set.of(201, 403),
                        r -> r.post("/api/v1/saved-searches/" + newSavedSearch() + "/feed-token")),
                new Endpoint("DELETE", "/api/v1/saved-searches/{id}/feed-token", "viewer", Set.of(204, 403), r -> {
                    long search = newSavedSearch();
                    feedToken(search);
                    return r.delete("/api/v1/saved-searches/" + search + "/feed-token");
                }),
                new Endpoint("GET", "/api/v1/saved-searches/{id}/feed.atom", null, Set.of(200), r -> {
                    long search = newSavedSearch();
                    return r.queryParam("token", feedToken(search))
                            .get("/api/v1/saved-searches/" + search + "/feed.atom");
                }),
                new Endpoint("GET", "/api/v1/saved-searches/{id}/feed.json", null, Set.of(200), r -> {
                    long search = newSavedSearch();
                    return r.queryParam("token", feedToken(search))
                            .get("/api/v1/saved-searches/" + search + "/feed.json");
                }),
                new Endpoint("POST", "/api/v1/webhooks", "analyst", Set.of(201), r -> r.contentType(ContentType.JSON)
                        .body(webhook(newSavedSearch())).post("/api/v1/webhooks")),
                new Endpoint("GET", "/api/v1/webhooks", "analyst", Set.of(200), r -> r.get("/api/v1/webhooks")),
                new Endpoint("GET", "/api/v1/webhooks/{id}", "analyst", Set.of(200),
                        r -> r.get("/api/v1/webhooks/" + newWebhook())),
                // another's webhook: only its creator or an admin may change it
                new Endpoint("PUT", "/api/v1/webhooks/{id}", "analyst", Set.of(200, 403),
                        r -> r.contentType(ContentType.JSON)
                                .body(Map.of("url", "http://127.0.0.1:9/moved", "active", false))
                                .put("/api/v1/webhooks/" + newWebhook())),
                new Endpoint("DELETE", "/api/v1/webhooks/{id}", "analyst", Set.of(204, 403),
                        r -> r.delete("/api/v1/webhooks/" + newWebhook())),
                new Endpoint("GET", "/api/v1/webhooks/{id}/deliveries", "analyst", Set.of(200),
                        r -> r.get("/api/v1/webhooks/" + newWebhook() + "/deliveries")),
                new Endpoint("POST", "/api/v1/webhooks/{id}/replay", "admin", Set.of(200),
                        r -> r.contentType(ContentType.JSON)
                                .body(Map.of("from", "2026-01-01T00:00:00Z", "to", "2027-01-01T00:00:00Z"))
                                .post("/api/v1/webhooks/" + newWebhook() + "/replay")));
        List<Endpoint> all = new ArrayList<>(alerts);
        all.addAll(List.of(
                new Endpoint("POST", "/api/v1/classify", "viewer", Set.of(200), r -> r.contentType(ContentType.JSON)
                        .body(Map.of("text", "Data must stay in China.")).post("/api/v1/classify")),
                new Endpoint("GET", "/api/v1/taxonomy", "viewer", Set.of(200), r -> r.get("/api/v1/taxonomy")),
                new Endpoint("GET", "/api/v1/rules", "viewer", Set.of(200), r -> r.get("/api/v1/rules")),
                new Endpoint("POST", "/api/v1/documents", "analyst", Set.of(201), r -> r.contentType(ContentType.JSON)
                        .body(Map.of("text", text())).post("/api/v1/documents")),
                new Endpoint("POST", "/api/v1/documents", "analyst", Set.of(201), r -> r.contentType(ContentType.TEXT)
                        .body(text()).post("/api/v1/documents")),
                new Endpoint("POST", "/api/v1/documents", "analyst", Set.of(201), r -> r
                        .multiPart("file", "note.txt", text().getBytes(StandardCharsets.UTF_8), "text/plain")
                        .post("/api/v1/documents")),
                new Endpoint("POST", "/api/v1/documents/fetch", "analyst", Set.of(400),
                        r -> r.contentType(ContentType.JSON)
                                .body(Map.of("url", "ftp://example.com/x")).post("/api/v1/documents/fetch")),
                new Endpoint("GET", "/api/v1/documents", "viewer", Set.of(200), r -> r.get("/api/v1/documents")),
                new Endpoint("GET", "/api/v1/documents/{id}", "viewer", Set.of(200),
                        r -> r.get("/api/v1/documents/" + document.get())),
                new Endpoint("GET", "/api/v1/documents/{id}/original", "viewer", Set.of(404),
                        r -> r.get("/api/v1/documents/" + document.get() + "/original")),
                new Endpoint("DELETE", "/api/v1/documents/{id}", "admin", Set.of(204),
                        r -> r.delete("/api/v1/documents/" + document.get())),
                new Endpoint("GET", "/api/v1/findings", "viewer", Set.of(200), r -> r.get("/api/v1/findings")),
                new Endpoint("GET", "/api/v1/findings/{id}", "viewer", Set.of(200),
                        r -> r.get("/api/v1/findings/" + findingOf(document.get()))),
                new Endpoint("PATCH", "/api/v1/findings/{id}", "analyst", Set.of(200), r -> {
                    long finding = findingOf(document.get());
                    return r.contentType("application/merge-patch+json").header("If-Match", etag(finding))
                            .body(Map.of("status", "CONFIRMED")).patch("/api/v1/findings/" + finding);
                }),
                new Endpoint("GET", "/api/v1/findings/{id}/reviews", "viewer", Set.of(200),
                        r -> r.get("/api/v1/findings/" + findingOf(document.get()) + "/reviews")),
                new Endpoint("GET", "/api/v1/reviews/queue", "viewer", Set.of(200),
                        r -> r.queryParam("documentId", document.get()).get("/api/v1/reviews/queue")),
                new Endpoint("POST", "/api/v1/reviews/bulk", "analyst", Set.of(200), r -> {
                    long finding = findingOf(document.get());
                    return r.contentType(ContentType.JSON).body(Map.of("status", "REJECTED", "scope", "SELECTION",
                            "findings", List.of(Map.of("id", finding, "version", 0)))).post("/api/v1/reviews/bulk");
                }),
                new Endpoint("GET", "/api/v1/reviews/export", "analyst", Set.of(200),
                        r -> r.get("/api/v1/reviews/export")),
                new Endpoint("POST", "/api/v1/passages/{id}/findings", "analyst", Set.of(201), r -> {
                    long passage = passageWithoutFindings();
                    return r.contentType(ContentType.JSON).body(Map.of("category", "DATA_LOCALIZATION",
                            "modality", "REQUIREMENT", "evidence", List.of(Map.of("start", 0, "end", 3))))
                            .post("/api/v1/passages/" + passage + "/findings");
                }),
                new Endpoint("POST", "/api/v1/jobs", "analyst", Set.of(202), r -> r.contentType(ContentType.JSON)
                        .body(Map.of("kind", "RECLASSIFY")).post("/api/v1/jobs")),
                new Endpoint("POST", "/api/v1/jobs", "analyst", Set.of(202), r -> r
                        .multiPart("file", "note.txt", text().getBytes(StandardCharsets.UTF_8), "text/plain")
                        .post("/api/v1/jobs")),
                new Endpoint("GET", "/api/v1/jobs", "viewer", Set.of(200), r -> r.get("/api/v1/jobs")),
                new Endpoint("GET", "/api/v1/jobs/{id}", "viewer", Set.of(200), r -> r.get("/api/v1/jobs/" + newJob())),
                new Endpoint("POST", "/api/v1/keys", "admin", Set.of(201), r -> r.contentType(ContentType.JSON)
                        .body(Map.of("name", "m-" + UUID.randomUUID(), "role", "viewer")).post("/api/v1/keys")),
                new Endpoint("GET", "/api/v1/keys", "admin", Set.of(200), r -> r.get("/api/v1/keys")),
                new Endpoint("DELETE", "/api/v1/keys/{id}", "admin", Set.of(200),
                        r -> r.delete("/api/v1/keys/" + newKey())),
                new Endpoint("GET", "/api/v1/audit", "admin", Set.of(200), r -> r.get("/api/v1/audit")),
                new Endpoint("POST", "/api/v1/feeds", "admin", Set.of(201), r -> r.contentType(ContentType.JSON)
                        .body(feed()).post("/api/v1/feeds")),
                new Endpoint("GET", "/api/v1/feeds", "viewer", Set.of(200), r -> r.get("/api/v1/feeds")),
                new Endpoint("GET", "/api/v1/feeds/{id}", "viewer", Set.of(200),
                        r -> r.get("/api/v1/feeds/" + newFeed())),
                new Endpoint("PUT", "/api/v1/feeds/{id}", "admin", Set.of(200), r -> r.contentType(ContentType.JSON)
                        .body(feed()).put("/api/v1/feeds/" + newFeed())),
                new Endpoint("DELETE", "/api/v1/feeds/{id}", "admin", Set.of(204),
                        r -> r.delete("/api/v1/feeds/" + newFeed())),
                new Endpoint("POST", "/api/v1/feeds/{id}/poll", "analyst", Set.of(200),
                        r -> r.post("/api/v1/feeds/" + newFeed() + "/poll")),
                new Endpoint("GET", "/api/v1/models", "viewer", Set.of(200), r -> r.get("/api/v1/models")),
                new Endpoint("GET", "/api/v1/models/active", "viewer", Set.of(200),
                        r -> r.get("/api/v1/models/active")),
                new Endpoint("GET", "/api/v1/models/{id}", "viewer", Set.of(200), r -> r.get("/api/v1/models/1")),
                // a weight out of range: the role is checked before the body, and no training starts
                new Endpoint("POST", "/api/v1/models/training", "admin", Set.of(400),
                        r -> r.contentType(ContentType.JSON).body(Map.of("reviewWeight", 0))
                                .post("/api/v1/models/training")),
                new Endpoint("POST", "/api/v1/models/{id}/activation", "admin", Set.of(404),
                        r -> r.contentType(ContentType.JSON).body(Map.of())
                                .post("/api/v1/models/4000000000000/activation")),
                new Endpoint("POST", "/api/v1/models/{id}/rollback", "admin", Set.of(404),
                        r -> r.contentType(ContentType.JSON).body(Map.of())
                                .post("/api/v1/models/4000000000000/rollback"))));
        return all;
    }

    @Test
    void everyApiOperationIsInTheTable() {
        Map<String, Map<String, Object>> paths = given().accept(ContentType.JSON).when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> documented.add(m.toUpperCase() + " " + path)));
        Set<String> tested = new TreeSet<>();
        endpoints().forEach(e -> tested.add(e.method() + " " + e.path()));
        assertThat(tested).as("rows of the authorisation matrix vs. operations in /q/openapi")
                .containsExactlyElementsOf(documented);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void everyEndpointAnswersTheCallerAsItsRoleAllows(Caller caller) {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            Response response = e.call().apply(caller.credential().apply(given()));
            int status = response.statusCode();
            String row = e.method() + " " + e.path() + " as " + caller.name() + ": " + status;
            if (e.leastRole() == null) {
                if (!e.allowed().contains(status)) {
                    wrong.add(row + " (expected " + e.allowed() + " with its own token, whatever the credential)");
                }
            } else if (caller.role() == null) {
                if (status != 401 || !response.contentType().startsWith("application/problem+json")
                        || response.header("WWW-Authenticate") == null) {
                    wrong.add(row + " (expected 401 problem+json with WWW-Authenticate)");
                }
            } else if (rank(caller.role()) < rank(e.leastRole())) {
                if (status != 403 || !response.contentType().startsWith("application/problem+json")) {
                    wrong.add(row + " (expected 403 problem+json; needs " + e.leastRole() + ")");
                }
            } else if (!e.allowed().contains(status)) {
                wrong.add(row + " (expected " + e.allowed() + "): " + response.asString());
            }
        }
        assertThat(wrong).as("endpoints answering " + caller.name() + " wrongly").isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesBothSchemesAndEachOperationsRolesAnd401And403() {
        JsonPath doc = given().accept(ContentType.JSON).when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        assertThat(doc.getString("components.securitySchemes.bearerJwt.scheme")).isEqualTo("bearer");
        assertThat(doc.getString("components.securitySchemes.apiKey.name")).isEqualTo("X-API-Key");
        for (Endpoint e : endpoints()) {
            String op = "paths.'" + e.path() + "'." + e.method().toLowerCase();
            if (e.leastRole() == null) {
                assertThat(doc.getMap(op + ".responses")).as(op).containsKey("401").doesNotContainKey("403");
                assertThat(doc.getList(op + ".security[0].queryToken")).as(op).isEmpty();
                continue;
            }
            assertThat(doc.getMap(op + ".responses")).as(op).containsKeys("401", "403");
            List<String> scopes = doc.getList(op + ".security[0].bearerJwt");
            assertThat(scopes).as(op + " roles").contains(e.leastRole());
            assertThat(doc.getList(op + ".security[1].apiKey")).as(op).isEqualTo(scopes);
        }
    }

    @Test
    void healthOpenApiSwaggerAndMetricsStayOpen() {
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/openapi", "/q/swagger-ui/", "/q/metrics")) {
            assertThat(given().header(AuthenticatedByDefault.ANONYMOUS, "1").when().get(path).statusCode())
                    .as(path).isEqualTo(200);
        }
    }
}
