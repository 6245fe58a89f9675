package io.xborder.alert;

import static io.restassured.RestAssured.given;
import static io.xborder.testing.HeadlessChromium.DESKTOP;
import static io.xborder.testing.HeadlessChromium.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xborder.testing.ConsoleBrowser;
import io.xborder.testing.ConsoleBrowser.Page;
import io.xborder.testing.HeadlessChromium;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The alerts console in headless Chromium, as an analyst uses it: save a search from the search page (a refused
 * country at its field), open it (its new-findings count starts again), make and revoke its feed links, create a
 * webhook (the secret once), watch it stop after failures and say why, resume it, send a delivery again, delete with
 * confirmation; every alerts page passes axe-core and fits a phone, screenshotted at desktop and phone size.
 * Screenshots in {@code target/screenshots/}.
 */
@QuarkusTest
class AlertConsoleBrowserTest {

    static ConsoleBrowser browser;
    static WebDriver driver;

    @Inject
    DeliveryWorkers delivery;

    @TestHTTPResource("/")
    URL base;

    WebhookReceiver receiver;
    final List<DeliveryWorker> workers = new ArrayList<>();
    String marker;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = ConsoleBrowser.start("xborder-chromium-alerts", null);
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
        receiver = new WebhookReceiver();
        marker = "al" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ingest();
        driver.manage().window().setSize(DESKTOP);
        browser.signIn(base, "/alerts", null);
    }

    @AfterEach
    void stop() {
        workers.forEach(DeliveryWorker::close);
        receiver.close();
    }

    long ingest() {
        return given().contentType(ContentType.JSON).body(Map.of("title", "Alert test " + marker, "text",
                "Under circular " + marker + " all payment system providers shall store payment data only in "
                        + "India.\n\nReference " + UUID.randomUUID() + ".",
                "jurisdiction", "IN"))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Submits a form that asks first, answering the question. */
    static void confirming(WebElement button, boolean yes) {
        button.click();
        browser.waiting().until(ExpectedConditions.alertIsPresent());
        if (yes) {
            driver.switchTo().alert().accept();
        } else {
            driver.switchTo().alert().dismiss();
        }
    }

    long searchIdFromUrl() {
        return Long.parseLong(driver.getCurrentUrl().replaceAll(".*saved=(\\d+).*", "$1"));
    }

    String newCount(long search) {
        return driver.findElement(By.cssSelector("#search-" + search + " .new-count")).getText();
    }

    @Test
    void savesASearchFromTheSearchPageOpensItAndManagesItsFeedAndWebhook() throws Exception {
        // save the current search from the search page
        browser.open("/?q=" + marker + "&jurisdiction=India");
        driver.findElement(By.cssSelector("#save-search > summary")).click();
        driver.findElement(By.id("save-name")).sendKeys("India payments " + marker);
        driver.findElement(By.id("save-shared")).click();
        browser.screenshot("alerts-01-save-from-search");
        driver.findElement(By.id("save-search-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/alerts?saved="));
        long search = searchIdFromUrl();
        WebElement row = driver.findElement(By.id("search-" + search));
        assertThat(row.getText()).contains("India payments " + marker).contains("shared")
                .contains("Words: " + marker).contains("Jurisdiction: India");
        assertThat(newCount(search)).as("never opened: every match is new").isEqualTo("1");
        assertThat(driver.findElement(By.id("alerts-notice")).getText()).contains("saved");
        browser.screenshot("alerts-02-saved");

        // change its filter: a country that does not exist is refused at its field, with what was typed kept
        driver.findElement(By.id("edit-search-" + search)).click();
        WebElement jurisdiction = driver.findElement(By.id("saved-jurisdiction"));
        jurisdiction.clear();
        jurisdiction.sendKeys("Indiaa");
        driver.findElement(By.id("saved-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("saved-jurisdiction-error")).isEmpty());
        assertThat(driver.findElement(By.id("saved-jurisdiction")).getAttribute("value")).isEqualTo("Indiaa");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("saved-jurisdiction");
        assertThat(driver.getCurrentUrl()).as("the address is the form's page").endsWith("/edit");
        browser.screenshot("alerts-03-refused-country");
        jurisdiction = driver.findElement(By.id("saved-jurisdiction"));
        jurisdiction.clear();
        jurisdiction.sendKeys("印度");
        WebElement name = driver.findElement(By.id("saved-name"));
        name.clear();
        name.sendKeys("India: payment data " + marker);
        driver.findElement(By.id("saved-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/alerts?changed="));
        assertThat(driver.findElement(By.id("search-" + search)).getText()).contains("India: payment data " + marker)
                .contains("Jurisdiction: India");

        // open it: the search page with its filters; back on the Alerts page nothing is new any more
        driver.findElement(By.cssSelector("#search-" + search + " a.open-search")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("q=" + marker));
        assertThat(driver.getCurrentUrl()).contains("jurisdiction=IN");
        assertThat(driver.findElements(By.cssSelector("ol.hits > li"))).hasSize(1);
        browser.open("/alerts");
        assertThat(newCount(search)).isEqualTo("0");
        ingest();
        browser.open("/alerts");
        assertThat(newCount(search)).as("a document stored after the look").isEqualTo("1");

        // feed links: shown once, then revoked (asked first)
        driver.findElement(By.id("edit-search-" + search)).click();
        driver.findElement(By.id("make-feed")).click();
        browser.waiting().until(d -> !d.findElements(By.id("feed-atom")).isEmpty());
        String atom = driver.findElement(By.id("feed-atom")).getAttribute("value");
        assertThat(atom).contains("/feed.atom?token=xbf_");
        browser.waiting().until(d -> d.getCurrentUrl().endsWith("/alerts/searches/" + search + "/edit"));
        browser.screenshot("alerts-04-feed-links-once");
        given().header("X-Test-Anonymous", "1").get(atom).then().statusCode(200);
        browser.open("/alerts/searches/" + search + "/edit");
        assertThat(driver.findElements(By.id("feed-atom"))).as("shown only once").isEmpty();
        confirming(driver.findElement(By.id("revoke-feed")), true);
        browser.waiting().until(d -> d.getCurrentUrl().contains("revoked=1"));
        given().header("X-Test-Anonymous", "1").get(atom).then().statusCode(401);

        // a webhook whose receiver fails: the secret once, then stopped after the run of failures, in words
        receiver.answer("/console", () -> 500);
        browser.open("/alerts");
        new Select(driver.findElement(By.id("webhook-searchId"))).selectByValue(Long.toString(search));
        driver.findElement(By.id("webhook-url")).sendKeys(receiver.url("/console"));
        driver.findElement(By.id("webhook-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("webhook-secret")).isEmpty());
        String secret = driver.findElement(By.id("webhook-secret")).getAttribute("value");
        assertThat(secret).startsWith("whsec_");
        receiver.secret("/console", secret);
        browser.waiting().until(d -> d.getCurrentUrl().matches(".*/alerts/webhooks/\\d+$"));
        String webhookPage = driver.getCurrentUrl();
        browser.screenshot("alerts-05-webhook-secret-once");
        ingest();
        DeliveryWorker worker = delivery.newWorker("browser-" + marker, delivery.settings(1));
        workers.add(worker);
        worker.start();
        WebhookDeliveryTest.await("the webhook stopped", Duration.ofSeconds(30),
                () -> receiver.received("/console").size() >= 5);
        Thread.sleep(500);
        driver.get(webhookPage);
        assertThat(driver.findElements(By.id("webhook-secret"))).isEmpty();
        assertThat(driver.findElement(By.id("webhook-state")).getText()).contains("Stopped");
        assertThat(driver.findElement(By.id("webhook-disabled-reason")).getText())
                .isEqualTo("Stopped after 5 failed deliveries in a row. The last time the receiver answered with an "
                        + "error (500 Internal server error). Fix the receiver, then resume the webhook: what "
                        + "waited is sent then.");
        browser.screenshot("alerts-06-webhook-stopped");

        // fixed: resume sends what waited; an admin sends it again
        receiver.answer("/console", () -> 200);
        driver.findElement(By.id("resume")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("resumed=1"));
        WebhookDeliveryTest.await("delivered after resuming", Duration.ofSeconds(20),
                () -> receiver.received("/console").stream().anyMatch(r -> r.answered() == 200));
        driver.get(webhookPage);
        browser.waiting().until(d -> d.findElement(By.cssSelector(".event-log > li")).getText().contains("Delivered"));
        String eventId = receiver.received("/console").get(0).id();
        driver.findElement(By.id("replay-" + eventId)).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("replayed=1"));
        WebhookDeliveryTest.await("sent again", Duration.ofSeconds(20),
                () -> receiver.received("/console").stream().filter(r -> r.answered() == 200).count() == 2);
        assertThat(receiver.received("/console")).allMatch(WebhookReceiver.Received::verified)
                .allMatch(r -> r.id().equals(eventId));
        driver.get(webhookPage);
        browser.screenshot("alerts-07-webhook-log");

        // a period sent again: a wrong time is named next to its field, then the count is asked about before sending
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        driver.findElement(By.id("replay-from")).sendKeys("yesterday morning");
        driver.findElement(By.id("replay-to")).sendKeys(today);
        driver.findElement(By.id("replay-range-check")).click();
        browser.waiting().until(d -> !d.findElements(By.id("replay-from-error")).isEmpty());
        assertThat(driver.findElement(By.id("replay-from-error")).getText()).contains("is not a date and time");
        assertThat(driver.findElement(By.id("replay-from")).getAttribute("aria-invalid")).isEqualTo("true");
        WebElement from = driver.findElement(By.id("replay-from"));
        from.clear();
        from.sendKeys(today);
        driver.findElement(By.id("replay-range-check")).click();
        browser.waiting().until(d -> !d.findElements(By.id("replay-range-confirm")).isEmpty());
        String asked = driver.findElement(By.id("replay-range-confirm")).getText();
        assertThat(asked).matches("(?s)\\d+ messages? made from " + today + " 00:00 to " + today
                + " 23:59 UTC will be sent again.*");
        int count = Integer.parseInt(asked.replaceAll("(?s)^(\\d+) .*", "$1"));
        long deliveredBefore = receiver.received("/console").stream().filter(r -> r.answered() == 200).count();
        driver.findElement(By.id("replay-range-send")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("replayedRange=" + count));
        assertThat(driver.findElement(By.id("webhook-notice")).getText())
                .startsWith(count + (count == 1 ? " message was queued" : " messages were queued"));
        WebhookDeliveryTest.await("the period sent again", Duration.ofSeconds(20), () -> receiver.received("/console")
                .stream().filter(r -> r.answered() == 200).count() >= deliveredBefore + count);
        driver.get(webhookPage);

        // delete: asked first; "no" keeps it
        confirming(driver.findElement(By.id("delete-webhook")), false);
        assertThat(driver.getCurrentUrl()).isEqualTo(webhookPage);
        confirming(driver.findElement(By.id("delete-webhook")), true);
        browser.waiting().until(d -> d.getCurrentUrl().contains("webhookDeleted="));
        confirming(driver.findElement(By.id("delete-search-" + search)), true);
        browser.waiting().until(d -> d.getCurrentUrl().contains("deleted="));
        assertThat(driver.findElements(By.id("search-" + search))).isEmpty();
    }

    @Test
    void everyAlertsPagePassesAxeAndFitsAPhone() throws Exception {
        long search = given().contentType(ContentType.JSON).body(Map.of("name", "Axe " + marker, "criteria",
                Map.of("q", marker, "jurisdiction", "IN"))).post("/api/v1/saved-searches").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        receiver.answer("/axe", () -> 503);
        long webhook = given().contentType(ContentType.JSON).body(Map.of("searchId", search, "url",
                receiver.url("/axe"))).post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath()
                .getLong("webhook.id");
        given().contentType(ContentType.JSON).body(Map.of("searchId", search, "url", receiver.url("/axe-digest"),
                "delivery", "DAILY_DIGEST", "digestHour", 6)).post("/api/v1/webhooks").then().statusCode(201);
        ingest();
        DeliveryWorker worker = delivery.newWorker("axe-" + marker, delivery.settings(1));
        workers.add(worker);
        worker.start();
        WebhookDeliveryTest.await("a failed attempt", Duration.ofSeconds(20),
                () -> !receiver.received("/axe").isEmpty());
        List<Page> pages = List.of(
                new Page("alerts", "/alerts"),
                new Page("alerts-search-new", "/alerts/searches/new?q=" + marker),
                new Page("alerts-search-edit", "/alerts/searches/" + search + "/edit"),
                new Page("alerts-webhook", "/alerts/webhooks/" + webhook),
                new Page("search-save", "/?q=" + marker,
                        d -> d.findElement(By.cssSelector("#save-search > summary")).click()),
                new Page("alerts-not-found", "/alerts/webhooks/999999999"));
        List<String> problems = new ArrayList<>(browser.checkPages(pages));
        // done when 2: the keyboard reaches every action of each, with a visible focus
        problems.addAll(browser.checkKeyboard(pages));
        // a refused form, with its errors
        driver.manage().window().setSize(PHONE);
        browser.open("/alerts");
        driver.findElement(By.id("webhook-url")).sendKeys("http://10.0.0.1/hook");
        driver.findElement(By.id("webhook-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("webhook-url-error")).isEmpty());
        HeadlessChromium.seriousAccessibilityViolations(driver).forEach(v -> problems.add("refused webhook: " + v));
        assertThat(HeadlessChromium.widerThanTheWindow(driver)).isEmpty();
        browser.screenshot("alerts-08-phone-refused-webhook");
        browser.open("/alerts");
        browser.screenshot("alerts-09-phone-alerts");
        browser.open("/alerts/webhooks/" + webhook);
        browser.screenshot("alerts-10-phone-webhook");
        assertThat(problems).isEmpty();
    }
}
