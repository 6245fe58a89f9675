package io.xborder.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.xborder.testing.ConsoleBrowser;
import io.xborder.testing.ConsoleBrowser.Page;
import io.xborder.testing.TestCredentials;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The review pages in headless Chromium: ten findings reviewed with the keyboard alone, a bulk rejection of a
 * filtered queue, a verdict on a stale version refused and said so on the page, and a missed finding added by
 * selecting words of its passage; every review page passes axe-core and fits a phone. Screenshots go to
 * {@code target/screenshots/}.
 */
@QuarkusTest
class ReviewBrowserTest {

    static ConsoleBrowser browser;
    static WebDriver driver;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = ConsoleBrowser.start("xborder-chromium-review", null);
        driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1280, 1000)); // tall enough for a finding and its passage
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signIn() throws IOException {
        browser.signIn(base, "/review", null);
    }

    private static void press(String key) {
        new Actions(driver).sendKeys(key).perform();
    }

    private static long current() {
        return Long.parseLong(driver.findElement(By.id("current-finding")).getAttribute("data-finding"));
    }

    @Test
    void tenFindingsAreReviewedWithTheKeyboardAlone() throws IOException {
        long document = ReviewFixtures.rules(12, ReviewFixtures.marker());
        List<Long> ids = ReviewFixtures.findings(document);
        ReviewFixtures.assertAtLeast(ids, 11);
        browser.open("/review?documentId=" + document);
        assertThat(driver.findElement(By.id("shortcuts")).getText()).contains("confirm").contains("reject")
                .contains("next").contains("previous").contains("comment");
        browser.screenshot("review-01-queue");

        // j and k move without a verdict
        long first = current();
        press("j");
        browser.waiting().until(d -> current() != first);
        press("k");
        browser.waiting().until(d -> current() == first);

        for (int i = 0; i < 10; i++) {
            long shown = current();
            if (i == 3) {
                // m writes a comment, Esc leaves the box, and the verdict keeps it
                press("m");
                assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("comment");
                press("A stock-market story.");
                new Actions(driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
            }
            String verdict = i % 2 == 0 ? "c" : "r";
            press(verdict);
            browser.waiting().until(d -> d.findElements(By.id("queue-notice")).size() == 1
                    && d.findElement(By.id("queue-notice")).getText().contains("Finding " + shown + " was"));
            if (i == 0) {
                browser.screenshot("review-02-after-a-verdict");
            }
        }
        JsonPath reviewed = given().queryParam("documentId", document).queryParam("size", 50)
                .queryParam("reviewStatus", "CONFIRMED").when().get("/api/v1/findings").then().statusCode(200)
                .extract().jsonPath();
        JsonPath rejected = given().queryParam("documentId", document).queryParam("size", 50)
                .queryParam("reviewStatus", "REJECTED").when().get("/api/v1/findings").then().statusCode(200)
                .extract().jsonPath();
        assertThat(reviewed.getInt("total")).isEqualTo(5);
        assertThat(rejected.getInt("total")).isEqualTo(5);
        assertThat(rejected.getList("items.reviewComment")).contains("A stock-market story.");
        assertThat(driver.findElement(By.cssSelector(".lead")).getText()).startsWith((ids.size() - 10) + " finding");
        browser.screenshot("review-03-ten-reviewed");
    }

    @Test
    void aFilteredQueueIsRejectedInBulkWithASummary() throws IOException {
        long document = ReviewFixtures.rules(5, ReviewFixtures.marker());
        List<Long> ids = ReviewFixtures.findings(document);
        browser.open("/review?documentId=" + document + "&order=NEWEST");
        driver.findElement(By.id("bulk-reject-all")).click();
        browser.waiting().until(d -> {
            try {
                d.switchTo().alert().accept();
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
            }
        });
        browser.waiting().until(d -> !d.findElements(By.id("bulk-summary")).isEmpty());
        assertThat(driver.findElement(By.id("bulk-summary")).getText())
                .contains(ids.size() + " of " + ids.size() + " findings rejected");
        assertThat(driver.findElements(By.id("queue-empty"))).hasSize(1);
        browser.screenshot("review-04-bulk-rejected");
        given().queryParam("documentId", document).queryParam("reviewStatus", "REJECTED").when()
                .get("/api/v1/findings").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(ids.size()));
    }

    @Test
    void aVerdictOnAStaleVersionIsRefusedAndThePageSaysSo() throws IOException {
        long document = ReviewFixtures.rules(2, ReviewFixtures.marker());
        browser.open("/review?documentId=" + document);
        long shown = current();
        // another reviewer confirms it while this page is open
        String etag = given().when().get("/api/v1/findings/" + shown).then().extract().header("ETag");
        given().header("X-API-Key", TestCredentials.key("analyst")).contentType("application/merge-patch+json")
                .header("If-Match", etag).body(Map.of("status", "CONFIRMED")).when()
                .patch("/api/v1/findings/" + shown).then().statusCode(200);
        driver.findElement(By.id("verdict-reject")).click();
        browser.waiting().until(d -> !d.findElements(By.id("review-conflict")).isEmpty());
        String conflict = driver.findElement(By.id("review-conflict")).getText();
        assertThat(conflict).contains("NOT saved").contains("finding " + shown).contains("confirmed");
        browser.screenshot("review-05-stale-conflict");
        // the other reviewer's verdict stands
        given().when().get("/api/v1/findings/" + shown).then().body("reviewStatus",
                org.hamcrest.Matchers.equalTo("CONFIRMED"));
        given().when().get("/api/v1/findings/" + shown + "/reviews").then().body("size()",
                org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aMissedFindingIsAddedBySelectingWordsOfThePassage() throws IOException {
        String marker = ReviewFixtures.marker();
        long document = given().contentType(ContentType.JSON).body(Map.of("title", "Missed " + marker,
                "text", "Weather reports from Hanoi were published today by the ministry " + marker + ".",
                "jurisdiction", "VN"))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, Object> passage = ReviewFixtures.passages(document).get(0);
        String text = (String) passage.get("text");
        browser.open("/documents/" + document);
        driver.findElement(By.cssSelector("a.add-missed[href^='/review/passages/" + passage.get("id") + "/add']"))
                .click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/review/passages/"));

        // select "Weather reports from Hanoi" by dragging the mouse from inside its first letter to inside its last
        WebElement p = driver.findElement(By.id("missed-passage"));
        int last = text.indexOf("Hanoi") + "Hanoi".length() - 1;
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                var node = arguments[0].firstChild, r = document.createRange();
                r.setStart(node, 0); r.setEnd(node, 1); var a = r.getBoundingClientRect();
                r.setStart(node, arguments[1]); r.setEnd(node, arguments[1] + 1); var b = r.getBoundingClientRect();
                return [a.left + 1, a.top + a.height / 2, b.right - 1, b.top + b.height / 2];""", p, last);
        new Actions(driver).moveToLocation(box.get(0).intValue(), box.get(1).intValue()).clickAndHold()
                .moveToLocation(box.get(2).intValue(), box.get(3).intValue()).release().perform();
        String words = driver.findElement(By.id("words")).getAttribute("value");
        assertThat(words).isEqualTo("Weather reports from Hanoi");
        assertThat(words).doesNotEndWith(" ");
        assertThat(driver.findElement(By.id("start")).getAttribute("value")).isEqualTo("0");
        new Select(driver.findElement(By.id("category"))).selectByValue("DATA_LOCALIZATION");
        driver.findElement(By.cssSelector("input[name=dataCategories][value=PERSONAL_INFORMATION]")).click();
        browser.screenshot("review-06-missed-selected");
        driver.findElement(By.id("missed-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("review=added"));
        assertThat(driver.findElement(By.id("origin")).getText()).contains("Added by a reviewer");
        assertThat(driver.findElement(By.id("review-history")).getText()).contains("Added");
        browser.screenshot("review-07-missed-added");

        JsonPath added = given().queryParam("documentId", document).queryParam("category", "DATA_LOCALIZATION")
                .when().get("/api/v1/findings").then().statusCode(200).extract().jsonPath();
        assertThat(added.getString("items[0].origin")).isEqualTo("REVIEWER");
        assertThat(added.getString("items[0].evidence[0].text")).isEqualTo(words);
        assertThat(added.getList("items[0].jurisdictions")).containsExactly("VN");
        browser.open("/?q=" + marker);
        assertThat(driver.findElement(By.cssSelector("ol.hits .badge-reviewer")).getText())
                .isEqualTo("Added by a reviewer");
        browser.screenshot("review-08-search-shows-reviewer-finding");
    }

    @Test
    void wordsThatAreNotInThePassageAreRefusedAtTheirField() throws IOException {
        long document = ReviewFixtures.document("Missed " + ReviewFixtures.marker(),
                "Weather reports were published today.");
        Object passage = ReviewFixtures.passages(document).get(0).get("id");
        browser.open("/review/passages/" + passage + "/add");
        driver.findElement(By.id("words")).sendKeys("stored in Vietnam");
        new Select(driver.findElement(By.id("category"))).selectByValue("CROSS_BORDER_TRANSFER");
        driver.findElement(By.id("missed-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("words-error")).isEmpty());
        assertThat(driver.findElement(By.id("words-error")).getText()).contains("is not in the passage");
        assertThat(driver.findElement(By.id("words")).getAttribute("value")).isEqualTo("stored in Vietnam");
        browser.screenshot("review-09-missed-refused");
    }

    /**
     * Issue 17, done when 2 and 4: the review pages (a queue, an empty one, the form for a missed finding and the page
     * for a passage that does not exist) pass axe-core and fit a phone, screenshotted at desktop and phone size; and
     * Tab reaches every action on them with a visible focus.
     */
    @Test
    void everyReviewPagePassesAxeAndFitsAPhone() throws IOException {
        String marker = ReviewFixtures.marker();
        long document = ReviewFixtures.rules(3, marker);
        long nothing = ReviewFixtures.document("Nothing to review " + marker,
                "Weather reports were published today (" + marker + ").");
        Object passage = ReviewFixtures.passages(document).get(0).get("id");
        List<Page> pages = List.of(
                new Page("review", "/review?documentId=" + document),
                new Page("review-empty", "/review?documentId=" + nothing),
                new Page("review-missed", "/review/passages/" + passage + "/add"),
                new Page("review-not-found", "/review/passages/999999999/add"));
        assertThat(browser.checkPages(pages)).isEmpty();
        // done when 2: the keyboard reaches every action of each, with a visible focus
        assertThat(browser.checkKeyboard(pages)).isEmpty();
    }
}
