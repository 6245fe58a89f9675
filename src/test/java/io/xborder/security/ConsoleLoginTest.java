package io.xborder.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.xborder.testing.AuthenticatedByDefault;
import io.xborder.testing.TestCredentials;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The console's login: cookie session over the same credentials, roles on pages, logout, headers, CSRF guard. */
@QuarkusTest
class ConsoleLoginTest {

    private static RequestSpecification anonymous() {
        return given().header(AuthenticatedByDefault.ANONYMOUS, "1").redirects().follow(false);
    }

    private static String login(String credential) {
        Response r = anonymous().contentType(ContentType.URLENC)
                .formParams(Map.of("credential", credential, "next", "/overview"))
                .when().post("/login");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).endsWith("/overview");
        String setCookie = r.header("Set-Cookie");
        assertThat(setCookie).contains("xborder_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContain("Secure");
        return r.cookie("xborder_session");
    }

    @Test
    void pagesSendAnonymousVisitorsToTheLoginPage() {
        anonymous().when().get("/overview").then().statusCode(303)
                .header("Location", containsString("/login?next=%2Foverview"));
        anonymous().when().get("/login").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("name=\"credential\""))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Permissions-Policy", containsString("camera=()"));
    }

    @Test
    void aWrongCredentialIsRefusedOnTheLoginPage() {
        anonymous().contentType(ContentType.URLENC).formParams(Map.of("credential", "xb_nope"))
                .when().post("/login").then().statusCode(401).body(containsString("not valid"));
        anonymous().contentType(ContentType.URLENC)
                .formParams(Map.of("credential", TestCredentials.expiredToken("x", "admin")))
                .when().post("/login").then().statusCode(401);
    }

    /**
     * The pages a visitor lands on when they cannot go on: signed out, the sign-in page offers only the product name
     * and the sign-in form (every menu link would lead back to it); the not-found and not-allowed pages say so in plain
     * words, keep their status code and link back to search.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            signed out | /login                            | 200 | Sign in
            viewer     | /add                              | 403 | You do not have access to this page
            viewer     | /documents/99999999               | 404 | Page not found
            viewer     | /jobs/99999999                    | 404 | Page not found
            viewer     | /countries/ZZ                     | 404 | Page not found
            analyst    | /review/passages/999999999/add    | 404 | Page not found
            """)
    void aDeadEndPageSaysWhereTheVisitorIsInPlainWordsAndOffersOnlyWhatTheyCanUse(String who, String path,
            int status, String heading) {
        RequestSpecification request = who.equals("signed out")
                ? anonymous()
                : anonymous().cookie("xborder_session", login(TestCredentials.key(who)));
        String page = request.when().get(path).then().statusCode(status).contentType(ContentType.HTML).extract()
                .asString();
        assertThat(page).as(path).contains("<h1>" + heading + "</h1>").contains("<title>" + heading + " · xborder")
                .doesNotContain(status + " —").doesNotContain("— not");
        if (who.equals("signed out")) {
            assertThat(page).as(path).contains("name=\"credential\"").doesNotContain("aria-label=\"Console\"")
                    .doesNotContain("href=\"/review\"").doesNotContain("href=\"/countries\"")
                    .doesNotContain("href=\"/\"").doesNotContain("Sign out");
        } else {
            assertThat(page).as(path).containsPattern("<a href=\"/[a-z]*\">(Back to|All )")
                    .contains("aria-label=\"Console\"");
        }
    }

    @Test
    void aPageTheRoleDoesNotAllowIsTheConsolesNotAllowedPageAndAnApiCallAProblem() {
        String session = login(TestCredentials.key("viewer"));
        anonymous().cookie("xborder_session", session).when().get("/add").then().statusCode(403)
                .contentType(ContentType.HTML)
                .body(containsString("You do not have access to this page"), containsString("need the analyst role"),
                        containsString("href=\"/console/console.css\""),
                        containsString("<title>You do not have access to this page · xborder"));
        given().header("X-API-Key", TestCredentials.key("viewer")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/documents").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Forbidden"), "detail", equalTo("Your role does not allow this operation."));
    }

    @Test
    void aViewerReadsButCannotAddOrReview() {
        String session = login(TestCredentials.key("viewer"));
        anonymous().cookie("xborder_session", session).when().get("/overview").then().statusCode(200);
        anonymous().cookie("xborder_session", session).when().get("/").then().statusCode(200);
        anonymous().cookie("xborder_session", session).when().get("/add").then().statusCode(403);
        anonymous().cookie("xborder_session", session).contentType(ContentType.URLENC)
                .formParams(Map.of("text", "Data must stay in China.")).when().post("/add").then().statusCode(403);
    }

    @Test
    void anAnalystWithABearerTokenReviewsAsThemselves() {
        long document = given().contentType(ContentType.JSON)
                .body(Map.of("text", "Banks must store payment data only in India. Ref " + UUID.randomUUID() + "."))
                .post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        long finding = given().queryParam("documentId", document).get("/api/v1/findings").jsonPath()
                .getLong("items[0].id");
        String session = login("Bearer " + TestCredentials.token("dora@example.com", "analyst"));
        anonymous().cookie("xborder_session", session).contentType(ContentType.URLENC)
                .formParams(Map.of("status", "CONFIRMED", "etag", "\"v0\"", "comment", "ok"))
                .when().post("/findings/" + finding).then().statusCode(303);
        given().get("/api/v1/findings/" + finding).then().body("reviewedBy", equalTo("dora@example.com"));
    }

    @Test
    void theSessionCookieDoesNotAuthenticateTheApiAndATamperedOneIsIgnored() {
        String session = login(TestCredentials.adminKey());
        anonymous().cookie("xborder_session", session).when().get("/api/v1/taxonomy").then().statusCode(401);
        String tampered = session.substring(0, session.length() - 2) + (session.endsWith("A") ? "BB" : "AA");
        anonymous().cookie("xborder_session", tampered).when().get("/overview").then().statusCode(303);
    }

    @Test
    void logoutClearsTheCookie() {
        String session = login(TestCredentials.key("viewer"));
        Response out = anonymous().cookie("xborder_session", session).when().post("/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Set-Cookie")).contains("xborder_session=;").containsIgnoringCase("Max-Age=0");
    }

    @Test
    void formsFromAnotherSiteAreRefused() {
        String session = login(TestCredentials.key("analyst"));
        anonymous().cookie("xborder_session", session).header("Origin", "https://evil.example")
                .contentType(ContentType.URLENC).formParams(Map.of("text", "Data must stay in China."))
                .when().post("/add").then().statusCode(403).contentType(startsWith("application/problem+json"));
        anonymous().cookie("xborder_session", session).header("Sec-Fetch-Site", "cross-site")
                .contentType(ContentType.URLENC).formParams(Map.of("text", "Data must stay in China."))
                .when().post("/add").then().statusCode(403);
        // a browser's same-origin post under Referrer-Policy: no-referrer: Origin null, Sec-Fetch-Site same-origin
        anonymous().contentType(ContentType.URLENC).header("Origin", "null").header("Sec-Fetch-Site", "same-origin")
                .formParams(Map.of("credential", TestCredentials.key("viewer"))).when().post("/login")
                .then().statusCode(303);
    }

    @Test
    void loginOnlyRedirectsWithinTheSite() {
        assertThat(LoginResource.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(LoginResource.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(LoginResource.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(LoginResource.safeNext("/findings/7?x=1")).isEqualTo("/findings/7?x=1");
    }
}
