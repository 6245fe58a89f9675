package io.xborder.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.xborder.testing.TestCredentials;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review pages in headless Chromium: ten findings reviewed with the keyboard alone, a bulk rejection of a
 * filtered queue, a verdict on a stale version refused and said so on the page, and a missed finding added by
 * selecting words of its passage. Screenshots go to {@code target/screenshots/}.
 */
@QuarkusTest
class ReviewBrowserTest {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static WebDriver driver;
    static Path profile;
    private static boolean signedIn;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "headless Chromium not installed (" + BROWSER + ", " + DRIVER
                        + "); src/test/scripts/ensure-chromium.sh "
                        + "installs it as root with apt-get: skipping the browser tests");
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("xborder-chromium-review");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void signIn() {
        if (signedIn) {
            return;
        }
        open("/review");
        waiting().until(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("credential")).sendKeys(TestCredentials.adminKey());
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waiting().until(d -> !d.getCurrentUrl().contains("/login"));
        signedIn = true;
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private static void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
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
        open("/review?documentId=" + document);
        assertThat(driver.findElement(By.id("shortcuts")).getText()).contains("confirm").contains("reject")
                .contains("next").contains("previous").contains("comment");
        screenshot("review-01-queue");

        // j and k move without a verdict
        long first = current();
        press("j");
        waiting().until(d -> current() != first);
        press("k");
        waiting().until(d -> current() == first);

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
            waiting().until(d -> d.findElements(By.id("queue-notice")).size() == 1
                    && d.findElement(By.id("queue-notice")).getText().contains("Finding " + shown + " was"));
            if (i == 0) {
                screenshot("review-02-after-a-verdict");
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
        screenshot("review-03-ten-reviewed");
    }

    @Test
    void aFilteredQueueIsRejectedInBulkWithASummary() throws IOException {
        long document = ReviewFixtures.rules(5, ReviewFixtures.marker());
        List<Long> ids = ReviewFixtures.findings(document);
        open("/review?documentId=" + document + "&order=NEWEST");
        driver.findElement(By.id("bulk-reject-all")).click();
        waiting().until(d -> {
            try {
                d.switchTo().alert().accept();
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
            }
        });
        waiting().until(d -> !d.findElements(By.id("bulk-summary")).isEmpty());
        assertThat(driver.findElement(By.id("bulk-summary")).getText())
                .contains(ids.size() + " of " + ids.size() + " findings rejected");
        assertThat(driver.findElements(By.id("queue-empty"))).hasSize(1);
        screenshot("review-04-bulk-rejected");
        given().queryParam("documentId", document).queryParam("reviewStatus", "REJECTED").when()
                .get("/api/v1/findings").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(ids.size()));
    }

    @Test
    void aVerdictOnAStaleVersionIsRefusedAndThePageSaysSo() throws IOException {
        long document = ReviewFixtures.rules(2, ReviewFixtures.marker());
        open("/review?documentId=" + document);
        long shown = current();
        // another reviewer confirms it while this page is open
        String etag = given().when().get("/api/v1/findings/" + shown).then().extract().header("ETag");
        given().header("X-API-Key", TestCredentials.key("analyst")).contentType("application/merge-patch+json")
                .header("If-Match", etag).body(Map.of("status", "CONFIRMED")).when()
                .patch("/api/v1/findings/" + shown).then().statusCode(200);
        driver.findElement(By.id("verdict-reject")).click();
        waiting().until(d -> !d.findElements(By.id("review-conflict")).isEmpty());
        String conflict = driver.findElement(By.id("review-conflict")).getText();
        assertThat(conflict).contains("NOT saved").contains("finding " + shown).contains("confirmed");
        screenshot("review-05-stale-conflict");
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
        open("/documents/" + document);
        driver.findElement(By.cssSelector("a.add-missed[href^='/review/passages/" + passage.get("id") + "/add']"))
                .click();
        waiting().until(d -> d.getCurrentUrl().contains("/review/passages/"));

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
        screenshot("review-06-missed-selected");
        driver.findElement(By.id("missed-submit")).click();
        waiting().until(d -> d.getCurrentUrl().contains("review=added"));
        assertThat(driver.findElement(By.id("origin")).getText()).contains("Added by a reviewer");
        assertThat(driver.findElement(By.id("review-history")).getText()).contains("Added");
        screenshot("review-07-missed-added");

        JsonPath added = given().queryParam("documentId", document).queryParam("category", "DATA_LOCALIZATION")
                .when().get("/api/v1/findings").then().statusCode(200).extract().jsonPath();
        assertThat(added.getString("items[0].origin")).isEqualTo("REVIEWER");
        assertThat(added.getString("items[0].evidence[0].text")).isEqualTo(words);
        assertThat(added.getList("items[0].jurisdictions")).containsExactly("VN");
        open("/?q=" + marker);
        assertThat(driver.findElement(By.cssSelector("ol.hits .badge-reviewer")).getText())
                .isEqualTo("Added by a reviewer");
        screenshot("review-08-search-shows-reviewer-finding");
    }

    @Test
    void wordsThatAreNotInThePassageAreRefusedAtTheirField() throws IOException {
        long document = ReviewFixtures.document("Missed " + ReviewFixtures.marker(),
                "Weather reports were published today.");
        Object passage = ReviewFixtures.passages(document).get(0).get("id");
        open("/review/passages/" + passage + "/add");
        driver.findElement(By.id("words")).sendKeys("stored in Vietnam");
        new Select(driver.findElement(By.id("category"))).selectByValue("CROSS_BORDER_TRANSFER");
        driver.findElement(By.id("missed-submit")).click();
        waiting().until(d -> !d.findElements(By.id("words-error")).isEmpty());
        assertThat(driver.findElement(By.id("words-error")).getText()).contains("is not in the passage");
        assertThat(driver.findElement(By.id("words")).getAttribute("value")).isEqualTo("stored in Vietnam");
        screenshot("review-09-missed-refused");
    }
}
