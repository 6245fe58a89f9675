package io.xborder.learning;

import static io.restassured.RestAssured.given;
import static io.xborder.testing.HeadlessChromium.DESKTOP;
import static io.xborder.testing.HeadlessChromium.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xborder.analysis.AnalysisService;
import io.xborder.job.JobWorker;
import io.xborder.job.JobWorkers;
import io.xborder.testing.ConsoleBrowser;
import io.xborder.testing.ConsoleBrowser.Page;
import io.xborder.testing.HeadlessChromium;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Models pages in headless Chromium, as an admin uses them: start a training from the page with the keyboard,
 * watch its progress move without reloading, see the page turn into the comparison by itself when the training
 * ends, have the activation refused with the reasons beside the button, force it with a reason and a confirmation,
 * and roll back with a confirmation; every page passes axe-core and fits a phone. The training runs on a worker of
 * the test's own over {@link SmallTrainingData}. Screenshots in {@code target/screenshots/models-*.png}, at desktop
 * and phone widths, the long pages whole.
 */
@QuarkusTest
class ModelConsoleBrowserTest {

    static ConsoleBrowser browser;
    static WebDriver driver;

    @Inject
    ModelVersions versions;
    @Inject
    AnalysisService analysis;
    @Inject
    ObjectMapper json;
    @Inject
    JobWorkers workers;

    @TestHTTPResource("/")
    URL base;

    long previous;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = ConsoleBrowser.start("xborder-chromium-models", null);
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void start() throws IOException {
        SmallTrainingData.install(versions, analysis, json);
        previous = given().get("/api/v1/models/active").then().statusCode(200).extract().jsonPath().getLong("id");
        driver.manage().window().setSize(DESKTOP);
        browser.signIn(base, "/models", null);
    }

    @AfterEach
    void restoreTheActiveVersion() {
        long now = given().get("/api/v1/models/active").then().extract().jsonPath().getLong("id");
        if (now != previous) {
            given().contentType(ContentType.JSON).body(Map.of("reason", "restored after a test"))
                    .post("/api/v1/models/" + previous + "/rollback").then().statusCode(200);
        }
    }

    static void open(String path) {
        browser.open(path);
    }

    static WebDriverWait waiting() {
        return browser.waiting();
    }

    static String text(String id) {
        List<WebElement> found = driver.findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    static void screenshot(String name) throws IOException {
        HeadlessChromium.wholePageScreenshot(driver, name);
    }

    static void confirming(WebElement button) {
        button.click();
        waiting().until(ExpectedConditions.alertIsPresent());
        driver.switchTo().alert().accept();
    }

    @Test
    void anAdminTrainsWatchesComparesIsRefusedForcesAndRollsBack() throws Exception {
        SmallTrainingData.reviewSome();
        open("/models");
        assertThat(text("train-available")).contains("reviewed passage");
        assertThat(text("train-waiting")).contains("for a verdict on another finding");
        assertThat(driver.findElement(By.cssSelector("nav a[href='/models']")).getAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(text("in-use-version")).contains("Version " + previous);
        screenshot("models-01-list");

        // start a training with the keyboard: the weight, then Enter on the button
        WebElement weight = driver.findElement(By.id("train-weight"));
        weight.sendKeys("3");
        assertThat(new Select(weight).getFirstSelectedOption().getAttribute("value")).isEqualTo("3");
        driver.findElement(By.id("train-submit")).sendKeys(Keys.ENTER);
        waiting().until(d -> d.getCurrentUrl().matches(".*/models/\\d+\\?done=started"));
        long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/models/(\\d+).*", "$1"));
        assertThat(text("version-notice")).contains("Training started");
        assertThat(text("version-state")).isEqualTo("Being trained");
        assertThat(text("model-stage")).isEqualTo("Waiting to start");

        // a worker takes it; the page shows the progress move without being reloaded
        ((JavascriptExecutor) driver).executeScript("document.body.dataset.sameLoad = 'yes';");
        Set<String> stages = new TreeSet<>();
        Set<Integer> percents = new TreeSet<>();
        try (JobWorker worker = workers.newWorker("models-browser-" + UUID.randomUUID(), 1)) {
            worker.start();
            boolean shot = false;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                if (!driver.findElements(By.cssSelector("body[data-same-load]")).isEmpty()
                        && !driver.findElements(By.id("model-training")).isEmpty()) {
                    stages.add(text("model-stage"));
                    String percent = text("model-percent");
                    if (!percent.isEmpty()) {
                        percents.add(Integer.parseInt(percent));
                    }
                    if (!shot && percents.stream().anyMatch(p -> p > 0)) {
                        screenshot("models-02-training");
                        shot = true;
                    }
                } else if (text("version-state").equals("Ready to activate")) {
                    break;
                }
                Thread.sleep(300);
            }
        }
        assertThat(text("version-state")).as("the page turned into the comparison by itself; stages seen " + stages)
                .isEqualTo("Ready to activate");
        assertThat(driver.getCurrentUrl()).endsWith("/models/" + id);
        assertThat(percents).as("progress seen on the page").hasSizeGreaterThanOrEqualTo(2);
        assertThat(stages).as("stages seen on the page").hasSizeGreaterThanOrEqualTo(2);

        // the comparison beside the version in use, per category and attribute, in words
        String comparison = text("comparison");
        assertThat(comparison).contains("Beside version " + previous).contains("Overall score")
                .contains("Data localization: overall").contains("Cross-border transfer: found of those it should find")
                .contains("Mechanisms named right").contains("Countries named right")
                .contains("Data categories named right").contains("Modality right")
                .contains("Look-alike passages wrongly reported").contains("Confidence off by")
                .doesNotContain("DATA_LOCALIZATION").doesNotContain("F1");
        assertThat(text("provenance-from")).contains("each counted 3 times").contains("added by reviewers");
        assertThat(text("reviewed-note")).contains("your reviewers settled");
        assertThat(driver.findElements(By.id("compare-reviewed"))).hasSize(1);
        assertThat(text("activate-warning")).contains("Activation will be refused");
        screenshot("models-03-comparison");

        // activate: refused, the reasons beside the button
        driver.findElement(By.id("activate-submit")).click();
        waiting().until(d -> !d.findElements(By.id("activate-refused")).isEmpty());
        assertThat(text("activate-refused")).contains("Not activated").contains("worse than version " + previous);
        assertThat(driver.findElements(By.cssSelector("#activate-refused li"))).isNotEmpty();
        assertThat(driver.getCurrentUrl()).as("the address bar is the page's own again").endsWith("/models/" + id);
        screenshot("models-04-refused");

        // force: without the tick it is refused beside the box; with a reason and the tick, confirmed, it is in use
        String reason = "Browser test: the reviewed phrasing matters more here";
        driver.findElement(By.id("force-reason")).sendKeys(reason);
        confirming(driver.findElement(By.id("force-submit")));
        waiting().until(d -> !d.findElements(By.id("force-confirm-error")).isEmpty());
        assertThat(driver.findElement(By.id("force-reason")).getAttribute("value")).isEqualTo(reason);
        driver.findElement(By.id("force-confirm")).sendKeys(Keys.SPACE);
        assertThat(driver.findElement(By.id("force-confirm")).isSelected()).isTrue();
        confirming(driver.findElement(By.id("force-submit")));
        waiting().until(d -> text("version-state").equals("In use"));
        assertThat(text("version-notice")).contains("is now in use although it is worse");
        assertThat(text("provenance-activated")).contains(reason);
        given().get("/api/v1/models/active").then().body("id", org.hamcrest.Matchers.equalTo((int) id));
        screenshot("models-05-forced");

        // roll back to the earlier version, confirmed
        open("/models/" + previous);
        assertThat(text("version-state")).isEqualTo("Was in use");
        driver.findElement(By.id("rollback-reason")).sendKeys("back to the shipped model after the test");
        confirming(driver.findElement(By.id("rollback-submit")));
        waiting().until(d -> text("version-state").equals("In use"));
        assertThat(text("version-notice")).contains("is in use again");
        given().get("/api/v1/models/active").then().body("id", org.hamcrest.Matchers.equalTo((int) previous));

        // every page: no serious accessibility problem, and nothing wider than a phone
        List<Page> pages = List.of(
                new Page("models", "/models"),
                new Page("models-version", "/models/" + id),
                new Page("models-version-in-use", "/models/" + previous),
                new Page("models-not-found", "/models/999999999"));
        List<String> problems = new ArrayList<>(browser.checkPages(pages));
        // done when 2: the keyboard reaches every action of each, with a visible focus
        problems.addAll(browser.checkKeyboard(pages));
        driver.manage().window().setSize(PHONE);
        open("/models");
        screenshot("models-06-phone-list");
        open("/models/" + id);
        screenshot("models-07-phone-retired-comparison");
        // a reason longer than the box allows (its limit taken away, as an old browser would) is refused beside it
        ((JavascriptExecutor) driver).executeScript("document.getElementById('rollback-reason')"
                + ".removeAttribute('maxlength');");
        driver.findElement(By.id("rollback-reason")).sendKeys("x".repeat(501));
        confirming(driver.findElement(By.id("rollback-submit")));
        waiting().until(d -> !d.findElements(By.id("rollback-reason-error")).isEmpty());
        HeadlessChromium.seriousAccessibilityViolations(driver).forEach(v -> problems.add("refused rollback: " + v));
        assertThat(HeadlessChromium.widerThanTheWindow(driver)).isEmpty();
        screenshot("models-08-phone-refused-rollback");
        assertThat(problems).isEmpty();
    }
}
