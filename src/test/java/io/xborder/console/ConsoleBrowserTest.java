package io.xborder.console;

import static io.restassured.RestAssured.given;
import static io.xborder.testing.HeadlessChromium.DESKTOP;
import static io.xborder.testing.HeadlessChromium.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.document.ReviewStatus;
import io.xborder.ingest.IngestFailure;
import io.xborder.ingest.IngestFixtures;
import io.xborder.job.JobKind;
import io.xborder.job.JobState;
import io.xborder.job.JobWorker;
import io.xborder.job.JobWorkers;
import io.xborder.testing.ConsoleBrowser;
import io.xborder.testing.ConsoleBrowser.Page;
import io.xborder.testing.HeadlessChromium;
import io.xborder.testing.LocalHttpServer;
import io.xborder.testing.LocalHttpServer.Answer;
import io.xborder.testing.TestCredentials;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium (Debian's chromium and chromium-driver, which the build installs when missing):
 * search, filter, open a document, see its highlights, paste a document, review a finding, export. Screenshots go to
 * {@code target/screenshots/}.
 */
@QuarkusTest
class ConsoleBrowserTest {

    static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();

    static ConsoleBrowser browser;
    static WebDriver driver;
    static LocalHttpServer server;

    @Inject
    JobWorkers workers;

    @TestHTTPResource("/")
    URL base;

    private String marker;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(DOWNLOADS);
        browser = ConsoleBrowser.start("xborder-chromium", DOWNLOADS);
        driver = browser.driver();
        server = new LocalHttpServer();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void ingest() throws IOException {
        marker = "b" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of(
                "title", "Browser test " + marker,
                "text", "Mr. Musk (" + marker + ") is seeking approval to transfer data collected in China overseas. "
                        + "Tesla stock has fallen this year.\n\n"
                        + "关键信息基础设施的运营者在境内运营中收集和产生的个人信息和重要数据应当在境内存储" + marker + "。"
                        + "因业务需要，确需向境外提供的，应当按照国家网信部门的办法进行安全评估" + marker + "。",
                "jurisdiction", "CN", "publishedAt", "2024-04-29"))
                .when().post("/api/v1/documents").then().statusCode(201);
        driver.manage().window().setSize(new Dimension(1280, 900));
        // the console needs a session: signed in once, through the login page
        browser.signIn(base, "/", "00-login");
    }

    @Test
    void searchesWithWordsInEnglishAndChinese() throws IOException {
        browser.open("/");
        WebElement q = driver.findElement(By.id("q"));
        assertThat(driver.findElement(By.cssSelector("label[for=q]")).getText()).contains("Words in the passage");
        q.sendKeys(marker + Keys.ENTER);
        browser.waiting().until(d -> d.getCurrentUrl().contains("q=" + marker));
        List<WebElement> hits = driver.findElements(By.cssSelector("ol.hits > li"));
        assertThat(hits).hasSizeGreaterThanOrEqualTo(3);
        assertThat(driver.findElements(By.cssSelector("ol.hits mark"))).isNotEmpty();
        assertThat(driver.getPageSource()).contains("境内存储");
        browser.screenshot("01-search");

        // the URL holds the whole query: opening it again gives the same page
        String url = driver.getCurrentUrl();
        browser.open("/");
        driver.get(url);
        assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo(marker);
        assertThat(driver.findElements(By.cssSelector("ol.hits > li"))).hasSize(hits.size());
    }

    @Test
    void filtersNarrowTheResultsAndStayInTheUrl() throws IOException {
        browser.open("/?q=" + marker);
        new Select(driver.findElement(By.id("category"))).selectByValue("DATA_LOCALIZATION");
        new Select(driver.findElement(By.id("language"))).selectByValue("zh");
        driver.findElement(By.id("jurisdiction")).sendKeys("CN");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("category=DATA_LOCALIZATION"));
        assertThat(driver.getCurrentUrl()).contains("language=zh").contains("jurisdiction=CN");
        List<WebElement> hits = driver.findElements(By.cssSelector("ol.hits > li"));
        assertThat(hits).isNotEmpty();
        for (WebElement hit : hits) {
            assertThat(hit.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Data localization");
            assertThat(hit.findElement(By.cssSelector(".passage")).getAttribute("lang")).isEqualTo("zh");
        }
        browser.screenshot("02-filtered");
    }

    @Test
    void opensADocumentAndSeesItsHighlightsAndFindings() throws IOException {
        browser.open("/?q=" + marker + "&language=en");
        driver.findElement(By.cssSelector("ol.hits .source a")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/documents/"));
        assertThat(driver.findElement(By.id("doc-title")).getText()).isEqualTo("Browser test " + marker);
        List<WebElement> dl = driver.findElements(By.cssSelector(".doc-text .hl.cat-dl"));
        List<WebElement> cbt = driver.findElements(By.cssSelector(".doc-text .hl.cat-cbt"));
        assertThat(dl).isNotEmpty();
        assertThat(cbt).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector(".doc-text em.ev"))).isNotEmpty();
        String dlColour = dl.get(0).getCssValue("background-color");
        String cbtColour = cbt.get(0).getCssValue("background-color");
        assertThat(dlColour).isNotEqualTo(cbtColour);
        assertThat(driver.findElements(By.cssSelector(".legend li"))).hasSize(5);
        // a finding in the side list takes the reader (and the keyboard focus) to its passage
        WebElement jump = driver.findElements(By.cssSelector(".side-list a.jump")).get(1);
        String target = jump.getAttribute("data-passage");
        jump.click();
        browser.waiting().until(d -> d.getCurrentUrl().endsWith("#" + target));
        browser.waiting()
                .until(d -> target.equals(((JavascriptExecutor) d).executeScript("return document.activeElement.id")));
        browser.screenshot("03-document");
    }

    @Test
    void pastesADocumentAndSeesItsFindingsWithHostileTextShownAsText() throws IOException {
        browser.open("/add");
        driver.findElement(By.id("title")).sendKeys("Pasted " + marker + " <script>alert(1)</script>");
        driver.findElement(By.id("text"))
                .sendKeys("All payment system providers shall store payment data only in India. "
                        + "<script>alert(1)</script> <img src=x onerror=alert(1)> " + marker);
        new Select(driver.findElement(By.id("language"))).selectByValue("en");
        driver.findElement(By.id("jurisdiction")).sendKeys("IN");
        driver.findElement(By.id("publishedAt")).sendKeys("04/06/2018");
        browser.screenshot("04-add-form");
        driver.findElement(By.id("add-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/documents/"));
        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).contains("added and classified");
        assertThat(driver.findElements(By.cssSelector(".side-list li"))).isNotEmpty();
        assertThat(driver.findElement(By.id("doc-text")).getText()).contains("<script>alert(1)</script>")
                .contains("<img src=x onerror=alert(1)>");
        assertThat(driver.findElement(By.id("doc-title")).getText()).contains("<script>alert(1)</script>");
        // no element was made from the text, no script ran
        assertThat(driver.findElements(By.tagName("script"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(alertPresent()).isFalse();
        browser.screenshot("05-added-document");

        // an invalid paste shows the form again with the error next to the field
        browser.open("/add");
        driver.findElement(By.id("text")).sendKeys("Some text " + marker);
        driver.findElement(By.id("jurisdiction")).sendKeys("XX");
        driver.findElement(By.id("add-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("jurisdiction-error")).isEmpty());
        assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEqualTo("Some text " + marker);
        browser.screenshot("06-add-error");
    }

    private static boolean alertPresent() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    @Test
    void reviewsAFindingAndSeesAConflictOnAStalePage() throws IOException {
        browser.open("/?q=" + marker + "&language=en");
        driver.findElement(By.cssSelector("ol.hits a.review-link")).click();
        browser.waiting().until(d -> d.getCurrentUrl().matches(".*/findings/\\d+(\\?.*)?$"));
        String findingUrl = driver.getCurrentUrl();
        long id = Long.parseLong(findingUrl.replaceAll(".*/findings/(\\d+).*", "$1"));
        driver.findElement(By.id("status-rejected")).click();
        driver.findElement(By.id("comment")).sendKeys("A news report, not a rule. 只是新闻。");
        browser.screenshot("07-review-form");
        driver.findElement(By.id("review-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("review-notice")).isEmpty());
        assertThat(driver.findElement(By.id("current-status")).getText()).isEqualTo("Rejected");
        browser.screenshot("08-reviewed");

        // another reviewer changes the finding while this page is open
        String etag = given().when().get("/api/v1/findings/" + id).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("status", "CONFIRMED", "comment", "the other reviewer"))
                .when().patch("/api/v1/findings/" + id).then().statusCode(200);
        driver.findElement(By.id("status-confirmed")).click();
        driver.findElement(By.id("review-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("review-conflict")).isEmpty());
        assertThat(driver.findElement(By.id("review-conflict")).getText()).contains("NOT saved");
        assertThat(driver.findElement(By.id("current-status")).getText()).isEqualTo("Confirmed");
        browser.screenshot("09-review-conflict");
    }

    @Test
    void exportsTheCurrentSearchAsCsvAndJson() throws IOException {
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            for (Path p : old.toList()) {
                Files.deleteIfExists(p);
            }
        }
        browser.open("/?q=" + marker);
        WebElement csv = driver.findElement(By.id("export-csv"));
        assertThat(csv.getAttribute("href")).contains("/export.csv?q=" + marker);
        assertThat(driver.findElement(By.id("export-json")).getAttribute("href")).contains("/export.json?q=" + marker);
        browser.screenshot("10-export-links");
        csv.click();
        Path file = browser.waiting().until(d -> {
            try (Stream<Path> files = Files.list(DOWNLOADS)) {
                return files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        String content = Files.readString(file);
        assertThat(content).startsWith("\uFEFFFinding,Published").contains(marker).contains("境内存储")
                // words, not codes: an analyst reads the file in a spreadsheet
                .contains("\"China\"").contains("\"Cross-border transfer\"").doesNotContain("CROSS_BORDER_TRANSFER");
    }

    @Test
    void worksWithTheKeyboardAndAtPhoneWidth() throws IOException {
        browser.open("/?q=" + marker);
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to content");
        focused.sendKeys(Keys.ENTER);
        browser.waiting()
                .until(d -> "main".equals(((JavascriptExecutor) d).executeScript("return document.activeElement.id")));

        driver.manage().window().setSize(new Dimension(390, 844));
        browser.open("/?q=" + marker);
        Object overflow = ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        browser.screenshot("11-search-phone");
        browser.open("/overview");
        assertThat(driver.findElement(By.id("findings-chart")).isDisplayed()).isTrue();
        browser.screenshot("12-overview-phone");
        driver.manage().window().setSize(new Dimension(1280, 900));
        browser.open("/overview");
        browser.screenshot("13-overview");
    }

    @Test
    void uploadsAFileThroughThePageAndSeesItsFindings() throws IOException {
        Path file = Files.createTempDirectory("xborder-upload").resolve("regulation-" + marker + ".html");
        Files.write(file,
                IngestFixtures.newsHtml("Uploaded regulation " + marker + " &lt;script&gt;alert(1)&lt;/script&gt;",
                        IngestFixtures.EN_LOCALIZE, IngestFixtures.EN_TRANSFER + " " + marker));
        browser.open("/add");
        driver.findElement(By.cssSelector(".subnav a[href='/add#upload']")).click();
        assertThat(driver.findElement(By.cssSelector("label[for=upload-file]")).getText()).contains("Files");
        driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("upload-jurisdiction")).sendKeys("CN");
        new Select(driver.findElement(By.id("upload-language"))).selectByValue("en");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('upload').scrollIntoView()");
        browser.screenshot("14-upload-form");
        driver.findElement(By.id("upload-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/documents/"));
        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).contains("added and classified");
        assertThat(driver.findElement(By.id("doc-title")).getText()).contains("Uploaded regulation " + marker)
                .contains("<script>alert(1)</script>");
        assertThat(driver.findElements(By.cssSelector(".side-list li"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(driver.findElements(By.cssSelector(".doc-text .hl.cat-dl"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector(".doc-text .hl.cat-cbt"))).isNotEmpty();
        assertThat(driver.findElement(By.id("original-link")).getText()).contains("regulation-" + marker + ".html");
        assertThat(alertPresent()).isFalse();
        browser.screenshot("15-uploaded-document");

        // a refused URL is explained next to the form
        browser.open("/add#url");
        driver.findElement(By.id("url-urls")).sendKeys("http://169.254.169.254/latest/meta-data");
        driver.findElement(By.id("url-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("url-errors")).isEmpty());
        assertThat(driver.findElement(By.id("url-errors")).getText()).contains("Nothing was fetched")
                .doesNotContain("url-refused").doesNotContain("400");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('url').scrollIntoView()");
        browser.screenshot("16-url-refused");
    }

    @Test
    void startsAUrlJobAndWatchesItsProgressBarReachDone() throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String path = "/browser/" + marker + "/" + i + ".html";
            server.serve(path, Answer.ok("text/html", IngestFixtures.newsHtml("Job page " + i + " " + marker,
                    i % 2 == 0 ? IngestFixtures.EN_LOCALIZE : IngestFixtures.EN_TRANSFER, marker + " " + i))
                    .delayed(800));
            urls.add(server.url(path));
        }
        browser.open("/add#url");
        driver.findElement(By.id("url-urls")).sendKeys(String.join("\n", urls));
        driver.findElement(By.id("url-jurisdiction")).sendKeys("CN");
        driver.findElement(By.id("url-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().matches(".*/jobs/\\d+\\?started=urls"));
        WebElement progress = driver.findElement(By.id("job-progress"));
        assertThat(progress.getAttribute("max")).isEqualTo("4");
        assertThat(progress.getAttribute("value")).isEqualTo("0");
        assertThat(driver.findElement(By.id("job-state")).getText()).isEqualTo("Queued");
        browser.screenshot("17-job-queued");

        // the test profile runs no worker: this one works the job off while the page polls
        try (JobWorker worker = workers.newWorker("browser-" + UUID.randomUUID(), 1)) {
            worker.start();
            // the page reloads itself when the job ends: an element read during the reload goes stale
            new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                    .ignoring(WebDriverException.class)
                    .until(d -> {
                        String finished = d.findElement(By.id("job-finished")).getText();
                        return !"0".equals(finished) && !"4".equals(finished);
                    });
            browser.screenshot("18-job-running");
            new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .ignoring(WebDriverException.class)
                    .until(d -> "Done".equals(d.findElement(By.id("job-state")).getText())
                            && !d.findElements(By.id("no-failures")).isEmpty());
        }
        progress = driver.findElement(By.id("job-progress"));
        assertThat(progress.getAttribute("value")).isEqualTo("4");
        assertThat(driver.findElement(By.id("job-progress-text")).getText()).contains("4 of 4").contains("0 failed");
        assertThat(driver.findElements(By.id("job-refresh"))).isEmpty();
        browser.screenshot("19-job-done");
        browser.open("/jobs");
        browser.screenshot("20-jobs");
    }

    @Test
    void subscribesToAFeedAndPollsIt() throws IOException {
        server.serve("/browser/" + marker + "/item.html", Answer.ok("text/html",
                IngestFixtures.newsHtml("Feed story " + marker, IngestFixtures.ZH_LOCALIZE, marker)));
        server.serve("/browser/" + marker + "/rss.xml", Answer.ok("application/rss+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Browser feed %s</title><link>http://127.0.0.1/</link>
                <description>Test</description>
                <item><guid isPermaLink="false">%s</guid><title>Feed story</title><link>%s</link></item>
                </channel></rss>
                """.formatted(marker, marker, server.url("/browser/" + marker + "/item.html"))));
        browser.open("/feeds");
        driver.findElement(By.id("feed-url")).sendKeys(server.url("/browser/" + marker + "/rss.xml"));
        driver.findElement(By.id("feed-intervalMinutes")).sendKeys("120");
        new Select(driver.findElement(By.id("feed-language"))).selectByValue("zh");
        driver.findElement(By.id("feed-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("subscribed="));
        String id = driver.getCurrentUrl().replaceAll(".*subscribed=(\\d+).*", "$1");
        driver.findElement(By.id("poll-" + id)).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("polled=" + id));
        assertThat(driver.findElement(By.id("feeds-notice")).getText()).contains("1 new, 1 added");
        assertThat(driver.findElement(By.id("feed-" + id)).getText()).contains("Browser feed " + marker)
                .contains("120 min");
        browser.screenshot("21-feeds");
        driver.findElement(By.id("delete-" + id)).click();
        acceptConfirmation(true); // deleting a feed asks first
        browser.waiting().until(d -> d.getCurrentUrl().contains("deleted=" + id));
        assertThat(driver.findElements(By.id("feed-" + id))).isEmpty();
    }

    // --- Console v2 (issue 17): each test reproduces a problem the issue found and checks its fix ------------------

    private static String activeId() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return document.activeElement.id"));
    }

    /** Whether the element is inside the window, top to bottom. */
    private static boolean inView(WebElement e) {
        return (Boolean) ((JavascriptExecutor) driver).executeScript(
                "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
                e);
    }

    private static String path() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return location.pathname"));
    }

    /** Issue 17, item 1: "China" became CH and "Indonesia" IN through maxlength=2; no page showed country names. */
    @Test
    void countryNamesAreReadInEnglishAndChineseAndNeverTruncated() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        for (String page : List.of("/", "/add", "/feeds")) {
            browser.open(page);
            List<WebElement> inputs = driver.findElements(By.cssSelector(".jurisdiction-field input"));
            assertThat(inputs).as(page).isNotEmpty();
            for (WebElement input : inputs) {
                assertThat(input.getAttribute("maxlength")).isNotEqualTo("2");
            }
        }
        // "Indonesia" is stored as Indonesia, not as India
        browser.open("/add");
        driver.findElement(By.id("text"))
                .sendKeys("All payment data shall be stored only in data centres in the country " + marker + ".");
        driver.findElement(By.id("jurisdiction")).sendKeys("Indonesia");
        driver.findElement(By.id("add-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/documents/"));
        assertThat(driver.findElement(By.id("doc-jurisdiction")).getText()).isEqualTo("Indonesia · 印度尼西亚");
        browser.screenshot("v2-01-document-country-name");

        // an unknown name is an error next to the field, focused, with what was typed kept
        browser.open("/add");
        driver.findElement(By.id("text")).sendKeys("Some text " + marker);
        driver.findElement(By.id("jurisdiction")).sendKeys("Chinaa");
        driver.findElement(By.id("add-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("jurisdiction-error")).isEmpty());
        assertThat(driver.findElement(By.id("jurisdiction-error")).getText())
                .contains("“Chinaa” is not a country or region we know");
        assertThat(driver.findElement(By.id("jurisdiction")).getAttribute("value")).isEqualTo("Chinaa");
        assertThat(activeId()).isEqualTo("jurisdiction");
        assertThat(path()).isEqualTo("/add");
        browser.screenshot("v2-02-unknown-country-error");

        // a search by name finds China's findings (not Switzerland's), typed in English or Chinese
        for (String typed : List.of("China", "中国")) {
            browser.open("/?q=" + marker + "&language=zh");
            WebElement field = driver.findElement(By.id("jurisdiction"));
            field.sendKeys(typed);
            driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
            browser.waiting().until(d -> d.getCurrentUrl().contains("jurisdiction="));
            assertThat(driver.findElement(By.id("jurisdiction")).getAttribute("value")).isEqualTo("China (CN)");
            assertThat(driver.findElements(By.id("jurisdiction-error"))).isEmpty();
            List<WebElement> hits = driver.findElements(By.cssSelector("ol.hits > li"));
            assertThat(hits).as(typed).isNotEmpty();
            for (WebElement hit : hits) {
                assertThat(hit.findElement(By.cssSelector(".attributes")).getText()).contains("China")
                        .doesNotContain("CN");
            }
        }
        browser.screenshot("v2-03-search-by-country-name");
        browser.open("/?jurisdiction=Chinaa");
        assertThat(driver.findElement(By.id("jurisdiction-error")).getText()).contains("“Chinaa”");
        assertThat(driver.findElement(By.id("jurisdiction")).getAttribute("value")).isEqualTo("Chinaa");
        driver.manage().window().setSize(PHONE);
        browser.open("/?q=" + marker + "&jurisdiction=中国");
        browser.screenshot("v2-04-search-by-country-name-phone");
    }

    /** Issue 17, item 7: findings that name no jurisdiction could not be reached from any filter or table. */
    @Test
    void findingsWithoutAJurisdictionAreReachableFromTheOverviewAndTheFilter() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        long doc = given().contentType(ContentType.JSON).body(Map.of("title", "No country " + marker, "language", "en",
                "text", "Operators must store all personal data they collect on servers located within the territory "
                        + "and shall not transfer it abroad without approval " + marker + "."))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        List<Integer> withoutCountry = given().queryParam("documentId", doc).when().get("/api/v1/findings").then()
                .extract().jsonPath().getList("items.findAll { it.jurisdictions.size() == 0 }.id");
        assertThat(withoutCountry).as("the classifier names no jurisdiction here").isNotEmpty();
        browser.open("/overview");
        WebElement row = driver.findElement(By.id("unknown-jurisdiction-row"));
        assertThat(row.getText()).startsWith("Unknown jurisdiction");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", row);
        browser.screenshot("v2-05-overview-unknown-jurisdiction");
        row.findElement(By.cssSelector("td:last-child a")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("jurisdiction=unknown"));
        assertThat(driver.findElement(By.id("jurisdiction")).getAttribute("value")).isEqualTo("Unknown jurisdiction");
        browser.open("/?jurisdiction=Unknown+jurisdiction&q=" + marker);
        List<WebElement> hits = driver.findElements(By.cssSelector("ol.hits > li"));
        assertThat(hits).hasSize(withoutCountry.size());
        for (WebElement hit : hits) {
            assertThat(hit.findElement(By.cssSelector(".attributes")).getText()).contains("none named");
        }
    }

    /** Issue 17, item 2: refusals showed far below the top, the address stayed on the POST URL, GET gave JSON 405. */
    @Test
    void aRefusalIsShownAtItsFieldInViewAndTheAddressIsTheFormsPage() throws IOException {
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            driver.manage().window().setSize(size);
            String suffix = size == DESKTOP ? "" : "-phone";
            browser.open("/add");
            driver.findElement(By.id("url-urls")).sendKeys("http://10.0.0.9/secret-" + marker);
            driver.findElement(By.id("url-submit")).click();
            browser.waiting().until(d -> !d.findElements(By.id("url-urls-error")).isEmpty());
            WebElement error = driver.findElement(By.id("url-urls-error"));
            assertThat(error.getText()).startsWith("This address is not fetched").contains("private address")
                    .doesNotContain("xborder.").doesNotContain("urn:");
            assertThat(activeId()).isEqualTo("url-urls");
            assertThat(inView(error)).as("the error is on screen").isTrue();
            assertThat(path()).isEqualTo("/add");
            browser.screenshot("v2-06-url-refused" + suffix);
            // a reload does not send the form again
            driver.navigate().refresh();
            assertThat(alertPresent()).isFalse();
            assertThat(path()).isEqualTo("/add");
            assertThat(driver.findElements(By.id("url-urls-error"))).isEmpty();
        }
        driver.manage().window().setSize(DESKTOP);
        Path png = Files.createTempDirectory("xborder-upload").resolve("picture-" + marker + ".png");
        Files.write(png, IngestFixtures.png());
        browser.open("/add");
        driver.findElement(By.id("upload-file")).sendKeys(png.toAbsolutePath().toString());
        driver.findElement(By.id("upload-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("upload-file-error")).isEmpty());
        WebElement error = driver.findElement(By.id("upload-file-error"));
        assertThat(error.getText()).startsWith("This kind of file cannot be read");
        assertThat(activeId()).isEqualTo("upload-file");
        assertThat(inView(error)).isTrue();
        assertThat(path()).isEqualTo("/add");
        browser.screenshot("v2-07-upload-refused");
        // the form-only addresses opened directly lead to their form, not to a raw 405
        for (String formOnly : List.of("/add/url", "/add/upload", "/jobs/reclassify")) {
            browser.open(formOnly);
            // the page text, not its source: timestamps in the source may hold any digits
            String text = driver.findElement(By.tagName("body")).getText();
            assertThat(text).doesNotContain("Method Not Allowed").doesNotContain("\"status\"");
            assertThat(text).doesNotContainPattern("\\b405\\b");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isIn("Add documents", "Jobs");
        }
    }

    /** Issue 17, item 3: the last comment was prefilled and appended to; the verdict radios were 8 × 13 px. */
    @Test
    void aSecondReviewStartsWithAnEmptyCommentAndTheVerdictsAreLargeTargets() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        browser.open("/?q=" + marker + "&language=en");
        String search = driver.getCurrentUrl();
        driver.findElement(By.cssSelector("ol.hits a.review-link")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/findings/"));
        for (String id : List.of("status-confirmed", "status-rejected")) {
            WebElement radio = driver.findElement(By.id(id));
            assertThat(radio.getSize().getWidth()).isGreaterThanOrEqualTo(24);
            assertThat(radio.getSize().getHeight()).isGreaterThanOrEqualTo(24);
        }
        driver.findElement(By.id("status-confirmed")).click();
        driver.findElement(By.id("comment")).sendKeys("First look: Art. 37");
        driver.findElement(By.id("review-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("review-notice")).isEmpty());
        assertThat(driver.findElement(By.id("comment")).getAttribute("value")).isEmpty();
        assertThat(driver.findElement(By.id("previous-comment")).getText()).isEqualTo("First look: Art. 37");
        // which words made the classifier decide, and what the confidence means (issue 17, item 9)
        driver.findElement(By.cssSelector("#why > summary")).click();
        assertThat(driver.findElements(By.cssSelector("#why li"))).isNotEmpty();
        assertThat(driver.findElement(By.cssSelector("#why a[href='/terms#confidence']")).isDisplayed()).isTrue();
        driver.findElement(By.cssSelector("label[for=status-rejected]")).click();
        driver.findElement(By.id("comment")).sendKeys("Second look: news only");
        driver.findElement(By.id("review-submit")).click();
        browser.waiting().until(d -> "Rejected".equals(d.findElement(By.id("current-status")).getText()));
        assertThat(driver.findElement(By.id("previous-comment")).getText()).isEqualTo("Second look: news only");
        assertThat(driver.findElement(By.id("comment")).getAttribute("value")).isEmpty();
        browser.screenshot("v2-08-review-again");
        // back to the results the review was opened from
        driver.findElement(By.id("back-to-results")).click();
        browser.waiting().until(d -> d.getCurrentUrl().equals(search));
        driver.manage().window().setSize(PHONE);
        driver.findElement(By.cssSelector("ol.hits a.review-link")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/findings/"));
        browser.screenshot("v2-09-review-phone");
        // a jurisdiction typed by name in the review form; an unknown one is refused at the field
        driver.manage().window().setSize(DESKTOP);
        WebElement jurisdictions = driver.findElement(By.id("jurisdictions"));
        jurisdictions.clear();
        jurisdictions.sendKeys("China, 美国, Atlantis");
        driver.findElement(By.id("status-confirmed")).click();
        driver.findElement(By.id("review-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("jurisdictions-error")).isEmpty());
        assertThat(driver.findElement(By.id("jurisdictions-error")).getText()).contains("“Atlantis”");
        assertThat(driver.findElement(By.id("jurisdictions")).getAttribute("value")).isEqualTo("China, 美国, Atlantis");
        jurisdictions = driver.findElement(By.id("jurisdictions"));
        jurisdictions.clear();
        jurisdictions.sendKeys("China, 美国");
        driver.findElement(By.id("status-confirmed")).click();
        driver.findElement(By.id("review-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("review-notice")).isEmpty());
        assertThat(driver.findElement(By.cssSelector(".finding-card .attributes")).getText())
                .contains("China, United States");
    }

    /** Issue 17, item 10: Jobs and Feeds were not in the menu; the focus outline had 2.05:1 contrast. */
    @Test
    void theMenuReachesJobsAndFeedsAndTheFocusOutlineIsVisible() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        browser.open("/");
        List<String> menu = driver.findElements(By.cssSelector(".site-header nav a")).stream().map(WebElement::getText)
                .toList();
        assertThat(menu).contains("Search", "Documents", "Overview", "Add documents", "Feeds", "Jobs", "Alerts");
        WebElement q = driver.findElement(By.id("q"));
        q.click();
        String outline = q.getCssValue("outline-color");
        assertThat(contrast(outline, "rgb(255, 255, 255)")).isGreaterThanOrEqualTo(3.0);
        assertThat(contrast(outline, "rgb(247, 248, 250)")).isGreaterThanOrEqualTo(3.0);
        browser.screenshot("v2-10-focus-outline");
    }

    private static long postDocument(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/documents").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    private static List<Long> findingIds(long document) {
        return given().queryParam("documentId", document).when().get("/api/v1/findings").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
    }

    private void acceptConfirmation(boolean accept) {
        WebDriverWait wait = browser.waiting();
        wait.until(d -> alertPresent());
        if (accept) {
            driver.switchTo().alert().accept();
        } else {
            driver.switchTo().alert().dismiss();
        }
    }

    /**
     * Issue 17, item 4: no document library (/documents was a JSON 404), a document without findings could not be
     * reached again, its details could not be corrected, "Reclassify" reclassified every document, deleting had no
     * page.
     */
    @Test
    void theDocumentLibraryFindsCorrectsReclassifiesAndDeletesOneDocument() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        long plain = postDocument(Map.of("title", "Quarterly results " + marker, "language", "en",
                "text", "Revenue grew by four percent in the quarter " + marker + "."));
        long other = postDocument(Map.of("title", "Other rule " + marker, "language", "en", "jurisdiction", "IN",
                "text", "All payment system providers shall store payment data only in India " + marker + "."));
        for (int i = 1; i <= 26; i++) {
            postDocument(Map.of("title", "Note " + String.format("%02d", i) + " " + marker, "language", "en",
                    "text", "Minutes of meeting " + i + " about the canteen " + marker + "."));
        }
        browser.open("/documents");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Documents");
        // a document without findings is found again
        driver.findElement(By.id("q")).sendKeys("results " + marker);
        new Select(driver.findElement(By.id("findings"))).selectByValue("without");
        driver.findElement(By.cssSelector("#documents-filters button[type=submit]")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("findings=without"));
        List<WebElement> rows = driver.findElements(By.cssSelector("#document-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getAttribute("id")).isEqualTo("document-" + plain);
        assertThat(rows.get(0).getText()).contains("Quarterly results " + marker).contains("unknown")
                .contains("undated").contains("English");
        browser.screenshot("v2-11-library-without-findings");

        // paging with numbers and Previous/Next: 26 notes, 2 more and the test's own = 29 documents, 25 a page
        browser.open("/documents?q=" + marker + "&sort=title");
        assertThat(driver.findElement(By.id("documents-heading")).getText()).isEqualTo("29 documents");
        assertThat(driver.findElements(By.id("documents-previous"))).isEmpty();
        browser.screenshot("v2-12-library");
        driver.findElement(By.id("documents-next")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("page=2"));
        assertThat(driver.findElements(By.cssSelector("#document-table tbody tr"))).hasSize(4);
        assertThat(driver.findElement(By.cssSelector(".pager a[aria-current=page]")).getText()).isEqualTo("2");
        assertThat(driver.findElements(By.cssSelector(".pager li"))).hasSize(2);
        driver.findElement(By.id("documents-previous")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("page=1"));
        driver.manage().window().setSize(PHONE);
        browser.screenshot("v2-13-library-phone");
        driver.manage().window().setSize(DESKTOP);

        // correcting the details: validated at the fields, then saved, audited, and the findings follow
        browser.open("/documents/" + other);
        List<Long> before = findingIds(other);
        assertThat(before).isNotEmpty();
        driver.findElement(By.id("edit-link")).click();
        browser.waiting().until(d -> d.getCurrentUrl().endsWith("/edit"));
        assertThat(driver.findElement(By.id("jurisdiction")).getAttribute("value")).isEqualTo("India (IN)");
        driver.findElement(By.id("title")).clear();
        driver.findElement(By.id("jurisdiction")).clear();
        driver.findElement(By.id("jurisdiction")).sendKeys("Narnia");
        driver.findElement(By.id("edit-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("jurisdiction-error")).isEmpty());
        assertThat(driver.findElement(By.id("title-error")).getText()).isEqualTo("give the document a title");
        assertThat(driver.findElement(By.id("jurisdiction-error")).getText()).contains("“Narnia”");
        assertThat(activeId()).isEqualTo("title");
        browser.screenshot("v2-14-edit-errors");
        driver.findElement(By.id("title")).sendKeys("Payment data rule " + marker);
        driver.findElement(By.id("jurisdiction")).clear();
        driver.findElement(By.id("jurisdiction")).sendKeys("印度尼西亚");
        driver.findElement(By.id("publishedAt")).sendKeys("04/06/2018");
        driver.findElement(By.id("edit-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("edited="));
        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).contains("classified again");
        assertThat(driver.findElement(By.id("doc-title")).getText()).isEqualTo("Payment data rule " + marker);
        assertThat(driver.findElement(By.id("doc-jurisdiction")).getText()).isEqualTo("Indonesia · 印度尼西亚");
        browser.screenshot("v2-15-edited-document");
        // the findings moved to the corrected date: all of them are found on that day
        assertThat(given().queryParam("documentId", other).queryParam("from", "2018-04-06")
                .queryParam("to", "2018-04-06").when().get("/api/v1/findings").then().statusCode(200).extract()
                .jsonPath().getList("items.id", Long.class)).hasSameSizeAs(findingIds(other)).isNotEmpty();
        given().queryParam("action", "document.update").queryParam("targetId", String.valueOf(other))
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("items[0].before.jurisdiction", equalTo("IN"))
                .body("items[0].after.jurisdiction", equalTo("ID"));

        // reclassifying one document replaces its unreviewed findings and leaves every other document alone
        List<Long> otherDocument = findingIds(other);
        browser.open("/?q=" + marker + "&language=zh");
        long first = Long.parseLong(driver.findElement(By.cssSelector("ol.hits .source a")).getAttribute("href")
                .replaceAll(".*/documents/(\\d+).*", "$1"));
        List<Long> firstBefore = findingIds(first);
        browser.open("/documents/" + first);
        driver.findElement(By.id("reclassify-document")).click();
        acceptConfirmation(false); // asked first: dismissing does nothing
        assertThat(findingIds(first)).isEqualTo(firstBefore);
        driver.findElement(By.id("reclassify-document")).click();
        acceptConfirmation(true);
        browser.waiting().until(d -> d.getCurrentUrl().contains("reclassified="));
        assertThat(driver.findElement(By.cssSelector(".notice")).getText())
                .startsWith("The document was classified again");
        assertThat(findingIds(first)).hasSameSizeAs(firstBefore).doesNotContainAnyElementsOf(firstBefore);
        assertThat(findingIds(other)).isEqualTo(otherDocument);
        browser.screenshot("v2-16-reclassified-one-document");

        // deleting asks first, then goes back to the library
        browser.open("/documents/" + plain);
        driver.findElement(By.id("delete-document")).click();
        acceptConfirmation(false);
        assertThat(path()).isEqualTo("/documents/" + plain);
        driver.findElement(By.id("delete-document")).click();
        acceptConfirmation(true);
        browser.waiting().until(d -> d.getCurrentUrl().contains("deleted="));
        assertThat(driver.findElement(By.id("documents-notice")).getText()).contains("Quarterly results " + marker);
        given().when().get("/api/v1/documents/" + plain).then().statusCode(404);
    }

    /**
     * The library could not be narrowed to where documents came from: a site, a feed, or added by hand. The choice is
     * made by its words, stays in the address, and a wrong one is named at the field rather than dropped.
     */
    @Test
    void theDocumentLibraryFiltersBySourceChosenByItsWords() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        long fromSite = postDocument(Map.of("title", "Site rule " + marker, "language", "en",
                "sourceUrl", "https://rules-" + marker + ".example.org/1",
                "text", "Operators shall store personal data within the territory " + marker + "."));
        long byHand = postDocument(Map.of("title", "Hand note " + marker, "language", "en",
                "text", "Minutes of the meeting about the canteen " + marker + "."));
        browser.open("/documents?q=" + marker);
        Select source = new Select(driver.findElement(By.id("source")));
        assertThat(source.getFirstSelectedOption().getText()).isEqualTo("Any source");
        source.selectByVisibleText("rules-" + marker + ".example.org");
        driver.findElement(By.cssSelector("#documents-filters button[type=submit]")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("source=site"));
        assertThat(driver.findElements(By.cssSelector("#document-table tbody tr")).stream()
                .map(r -> r.getAttribute("id")).toList()).containsExactly("document-" + fromSite);
        assertThat(new Select(driver.findElement(By.id("source"))).getFirstSelectedOption().getText())
                .isEqualTo("rules-" + marker + ".example.org");
        browser.screenshot("v2-40-library-by-site");

        new Select(driver.findElement(By.id("source"))).selectByVisibleText("Added by hand (pasted or uploaded)");
        driver.findElement(By.cssSelector("#documents-filters button[type=submit]")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("source=hand"));
        List<String> rows = driver.findElements(By.cssSelector("#document-table tbody tr")).stream()
                .map(r -> r.getAttribute("id")).toList();
        assertThat(rows).contains("document-" + byHand).doesNotContain("document-" + fromSite);
        driver.navigate().refresh(); // the address alone keeps the choice
        assertThat(new Select(driver.findElement(By.id("source"))).getFirstSelectedOption().getText())
                .isEqualTo("Added by hand (pasted or uploaded)");

        browser.open("/documents?q=" + marker + "&source=somewhere");
        WebElement error = driver.findElement(By.id("source-error"));
        assertThat(error.getText()).startsWith("“somewhere” is not a source");
        assertThat(error.findElement(By.xpath("..")).findElement(By.id("source")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(new Select(driver.findElement(By.id("source"))).getFirstSelectedOption().getText())
                .isEqualTo("“somewhere” (not a source)");
        assertThat(error.isDisplayed()).isTrue();
        browser.screenshot("v2-41-library-wrong-source");
    }

    /** Issue 17, item 4: a finished multi-file job did not name its files, link its documents or say duplicates. */
    @Test
    void aFileJobNamesItsFilesLinksTheirDocumentsAndSaysWhichWereStoredBefore() throws Exception {
        driver.manage().window().setSize(DESKTOP);
        Path dir = Files.createTempDirectory("xborder-job");
        Path a = dir.resolve("localisation-" + marker + ".txt");
        Path b = dir.resolve("transfer-" + marker + ".txt");
        Path again = dir.resolve("same-as-before-" + marker + ".txt");
        Files.write(a, IngestFixtures.text(IngestFixtures.EN_LOCALIZE, marker + " a"));
        Files.write(b, IngestFixtures.text(IngestFixtures.EN_TRANSFER, marker + " b"));
        Files.write(again, IngestFixtures.text(IngestFixtures.EN_LOCALIZE, marker + " a"));
        browser.open("/add");
        driver.findElement(By.id("upload-file")).sendKeys(a.toAbsolutePath() + "\n" + b.toAbsolutePath() + "\n"
                + again.toAbsolutePath());
        driver.findElement(By.id("upload-jurisdiction")).sendKeys("United States");
        driver.findElement(By.id("upload-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().matches(".*/jobs/\\d+\\?started=files"));
        try (JobWorker worker = workers.newWorker("browser-" + UUID.randomUUID(), 1)) {
            worker.start();
            new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .ignoring(WebDriverException.class)
                    .until(d -> "Done".equals(d.findElement(By.id("job-state")).getText())
                            && !d.findElements(By.id("job-items")).isEmpty());
        }
        List<WebElement> items = driver.findElements(By.cssSelector("#job-items tbody tr"));
        assertThat(items).hasSize(3);
        assertThat(items.get(0).getText()).contains(a.getFileName().toString()).contains("Added as");
        assertThat(items.get(1).getText()).contains(b.getFileName().toString()).contains("Added as");
        assertThat(items.get(2).getText()).contains(again.getFileName().toString()).contains("Already stored as");
        assertThat(driver.findElement(By.id("job-duplicates")).getText()).startsWith("1 of them");
        assertThat(driver.findElement(By.id("job-progress-text")).getText()).contains("2 new documents");
        String firstDoc = items.get(0).findElement(By.tagName("a")).getAttribute("href");
        assertThat(items.get(2).findElement(By.tagName("a")).getAttribute("href")).isEqualTo(firstDoc);
        browser.screenshot("v2-17-file-job-items");
        items.get(1).findElement(By.tagName("a")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/documents/"));
        assertThat(driver.findElement(By.id("doc-jurisdiction")).getText()).isEqualTo("United States · 美国");
    }

    private List<String> searchHits(String q) {
        browser.open("/?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        return driver.findElements(By.cssSelector("ol.hits > li .passage")).stream().map(WebElement::getText)
                .toList();
    }

    /**
     * Issue 17, item 5: the words were one exact string, were not highlighted, an empty result gave no hint, an
     * invalid filter was cleared, and after "Next page" the page numbers vanished with no "Previous".
     */
    @Test
    void searchWordsMatchInAnyOrderAreHighlightedAndPagesKeepTheirNumbers() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        assertThat(searchHits(marker + " overseas Musk")).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("Musk").contains("overseas"));
        List<String> marks = driver.findElements(By.cssSelector("ol.hits mark.q")).stream().map(WebElement::getText)
                .toList();
        assertThat(marks).contains("Musk", "overseas", marker);
        browser.screenshot("v2-18-search-words-highlighted");
        assertThat(searchHits(marker + " transfers")).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("to transfer data"));
        assertThat(searchHits("\"collected in China\" " + marker)).isNotEmpty();
        assertThat(searchHits("\"China collected\" " + marker)).isEmpty();
        assertThat(driver.findElement(By.id("no-results")).getText()).contains("Every word must be in the passage")
                .contains("clear all filters");
        browser.screenshot("v2-19-search-empty-hint");
        assertThat(searchHits("境外 安全评估 " + marker)).isNotEmpty().allSatisfy(p -> assertThat(p).contains("安全评估"));
        assertThat(searchHits("境内存储 " + marker)).isNotEmpty();

        // an invalid filter stays in its field with a message in plain words
        browser.open("/?q=" + marker + "&minConfidence=7");
        assertThat(driver.findElement(By.id("minConfidence")).getAttribute("value")).isEqualTo("7");
        assertThat(driver.findElement(By.id("minConfidence-error")).getText()).isEqualTo("must be between 0.0 and 1.0");
        assertThat(driver.findElement(By.cssSelector(".errors")).getText()).contains("Minimum confidence")
                .doesNotContain("minConfidence");

        // numbered pages with Previous and Next, also after "Next"
        browser.open("/?q=" + marker + "&size=1");
        assertThat(driver.findElements(By.cssSelector(".pager li"))).hasSize(3);
        assertThat(driver.findElements(By.id("previous-page"))).isEmpty();
        driver.findElement(By.id("next-page")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("page=1"));
        assertThat(driver.findElements(By.cssSelector(".pager li"))).hasSize(3);
        assertThat(driver.findElement(By.cssSelector(".pager a[aria-current=page]")).getText()).isEqualTo("2");
        assertThat(driver.findElement(By.id("previous-page")).isDisplayed()).isTrue();
        browser.screenshot("v2-20-search-page-2");
        driver.findElement(By.id("previous-page")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("page=0"));
        assertThat(driver.findElement(By.cssSelector(".pager a[aria-current=page]")).getText()).isEqualTo("1");
    }

    /**
     * Issue 17, item 6: undated documents were counted in the month they were added, 105 monthly bars were 105 tab
     * stops, the legend's colours differed from the bars', amber bars had 2.0:1 contrast, a phone opened on the
     * oldest years.
     */
    @Test
    void theChartLeavesOutUndatedDocumentsStaysShortAndItsColoursMatchTheLegend() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        postDocument(Map.of("title", "Undated " + marker, "language", "en",
                "text", "All payment system providers shall store payment data only in India " + marker + "."));
        postDocument(Map.of("title", "Old " + marker, "language", "en", "publishedAt", "2001-02-03",
                "text", "Banks shall keep customer records on servers in Russia " + marker + "."));
        browser.open("/overview");
        assertThat(driver.findElement(By.id("undated-note")).getText()).contains("undated documents")
                .contains("not in the chart");
        // 2001 to 2024: drawn per year, one link per year
        List<WebElement> bars = driver.findElements(By.cssSelector("#findings-chart a"));
        assertThat(bars.size()).isLessThanOrEqualTo(36);
        assertThat(driver.findElement(By.id("chart-heading")).getText()).contains("per year");
        assertThat(driver.findElements(By.cssSelector("#chart-table tbody tr"))).hasSameSizeAs(bars);
        // the current month holds no undated document's findings
        String thisMonth = YearMonth.now(ZoneOffset.UTC).toString();
        assertThat(driver.findElements(By.cssSelector("#findings-chart a[href*='from=" + thisMonth + "']")))
                .isEmpty();
        for (String category : List.of("dl", "cbt")) {
            WebElement bar = driver.findElement(By.cssSelector("#findings-chart .bar.cat-" + category));
            WebElement swatch = driver.findElement(By.cssSelector(".swatch.chart-" + category));
            String fill = bar.getCssValue("fill");
            assertThat(rgb(fill)).isEqualTo(rgb(swatch.getCssValue("background-color")));
            assertThat(contrast(fill, "rgb(255, 255, 255)")).isGreaterThanOrEqualTo(3.0);
        }
        browser.screenshot("v2-21-overview");
        driver.manage().window().setSize(PHONE);
        browser.open("/overview");
        Object scrolled = ((JavascriptExecutor) driver).executeScript(
                "var c = document.getElementById('chart-scroll'); return c.scrollWidth <= c.clientWidth"
                        + " || c.scrollLeft + c.clientWidth >= c.scrollWidth - 1;");
        assertThat(scrolled).isEqualTo(true);
        browser.screenshot("v2-22-overview-phone");
    }

    /**
     * Issue 17, item 9: a passage with both categories got half-amber, half-blue lines and merged underlines, so which
     * words triggered which category could not be told.
     */
    @Test
    void aPassageWithBothCategoriesMarksEachCategorysEvidenceApart() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        long id = postDocument(Map.of("title", "Both " + marker, "language", "zh", "jurisdiction", "CN",
                "text", "关键信息基础设施的运营者在境内运营中收集和产生的个人信息和重要数据应当在境内存储；因业务需要，"
                        + "确需向境外提供的，应当按照国家网信部门会同国务院有关部门制定的办法进行安全评估" + marker + "。"));
        browser.open("/documents/" + id);
        List<WebElement> both = driver.findElements(By.cssSelector(".doc-text .hl.cat-dl.cat-cbt"));
        assertThat(both).as("the classifier finds both categories in this passage").isNotEmpty();
        WebElement passage = both.get(0);
        assertThat(passage.getCssValue("background-image")).isEqualTo("none");
        List<WebElement> dl = passage.findElements(By.cssSelector("em.ev-dl"));
        List<WebElement> cbt = passage.findElements(By.cssSelector("em.ev-cbt"));
        assertThat(dl).isNotEmpty();
        assertThat(cbt).isNotEmpty();
        assertThat(dl.get(0).getCssValue("text-decoration-style"))
                .isNotEqualTo(cbt.get(cbt.size() - 1).getCssValue("text-decoration-style"));
        for (WebElement evidence : driver.findElements(By.cssSelector(".side-evidence"))) {
            List<String> parts = List.of(evidence.getText().split(" … "));
            assertThat(parts).doesNotHaveDuplicates();
        }
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", passage);
        browser.screenshot("v2-23-both-categories");
    }

    /** Issue 17, beyond: a page per jurisdiction, reachable from a picker, the overview and search results. */
    @Test
    void aCountryPageShowsItsLawsFindingsAndNews() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        long law = postDocument(Map.of("title", "Payment data rule " + marker, "language", "en", "jurisdiction", "IN",
                "publishedAt", "2018-04-06",
                "text", "All payment system providers shall store payment data only in India " + marker + "."));
        browser.open("/countries");
        driver.findElement(By.id("jurisdiction")).sendKeys("印度");
        driver.findElement(By.id("country-open")).click();
        browser.waiting().until(d -> d.getCurrentUrl().endsWith("/countries/IN"));
        assertThat(driver.findElement(By.id("country-name")).getText()).isEqualTo("India 印度");
        assertThat(driver.findElement(By.id("country-laws")).getText()).contains("Payment data rule " + marker);
        assertThat(driver.findElement(By.id("country-summary")).getText()).contains("on data localization");
        assertThat(driver.findElements(By.cssSelector("#country-laws a[href='/documents/" + law + "']")))
                .hasSize(1);
        browser.screenshot("v2-24-country-page");
        driver.manage().window().setSize(PHONE);
        driver.navigate().refresh();
        browser.screenshot("v2-25-country-page-phone");
        driver.manage().window().setSize(DESKTOP);
        // an unknown name stays in the picker with its message
        browser.open("/countries?jurisdiction=Narnia");
        assertThat(driver.findElement(By.id("jurisdiction-error")).getText()).contains("“Narnia”");
        // from the overview and from a search hit
        browser.open("/overview");
        driver.findElement(By.cssSelector("#jurisdiction-matrix a[href='/countries/CN']")).click();
        browser.waiting().until(d -> d.getCurrentUrl().endsWith("/countries/CN"));
        assertThat(driver.findElement(By.id("country-name")).getText()).isEqualTo("China 中国");
        browser.open("/?q=" + marker + "&language=zh");
        driver.findElement(By.cssSelector("ol.hits .attributes a[href='/countries/CN']")).click();
        browser.waiting().until(d -> d.getCurrentUrl().endsWith("/countries/CN"));
    }

    /** Issue 17, item 10: on a phone the eleven filters filled two screens before the first result. */
    @Test
    void onAPhoneTheFiltersFoldAwayAndTheFirstResultIsOnTheFirstScreen() throws IOException {
        driver.manage().window().setSize(PHONE);
        browser.open("/?q=" + marker);
        assertThat(driver.findElement(By.id("more-filters")).getAttribute("open")).isNull();
        Object top = ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector('ol.hits > li').getBoundingClientRect().top < window.innerHeight");
        assertThat(top).isEqualTo(true);
        browser.screenshot("v2-26-search-phone");
        driver.findElement(By.cssSelector("#more-filters > summary")).click();
        assertThat(driver.findElement(By.id("category")).isDisplayed()).isTrue();
        browser.screenshot("v2-27-search-phone-filters-open");
        // a filter that is set keeps them open
        browser.open("/?q=" + marker + "&category=DATA_LOCALIZATION");
        assertThat(driver.findElement(By.id("more-filters")).getAttribute("open")).isNotNull();
        driver.manage().window().setSize(DESKTOP);
        browser.open("/?q=" + marker);
        assertThat(driver.findElement(By.id("more-filters")).getAttribute("open")).isNotNull();
    }

    /** A CSS colour as "r,g,b" (rgb() and opaque rgba() alike). */
    static String rgb(String css) {
        String[] parts = css.replaceAll("[^0-9,.]", "").split(",");
        return parts[0] + "," + parts[1] + "," + parts[2];
    }

    /**
     * Every page fits a phone's width: nothing makes the page scroll sideways, not even a document whose title is one
     * long unbroken word (a file name, a URL), shown in search results and on its own page.
     */
    @Test
    void everyPageFitsAPhonesWidth() throws IOException {
        String unbroken = "w" + UUID.randomUUID().toString().substring(0, 8);
        long titled = given().contentType(ContentType.JSON).body(Map.of(
                "title", "scan_" + "0123456789".repeat(30) + "_" + unbroken + ".pdf",
                "text", "Payment system operators must store all payment data (" + unbroken + ") only in India.",
                "jurisdiction", "IN")).when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        driver.manage().window().setSize(PHONE);
        for (String page : List.of("/", "/?q=" + marker, "/?q=" + unbroken, "/documents/" + titled, "/add",
                "/documents",
                "/countries", "/countries/CN", "/countries/IN",
                "/overview", "/feeds", "/jobs", "/terms")) {
            browser.open(page);
            assertThat(HeadlessChromium.widerThanTheWindow(driver)).as(page).isEmpty();
        }
        browser.open("/add");
        browser.screenshot("v2-28-add-phone");
    }

    /**
     * What an analyst must not have to read on any page, with what it is: the table the visible text of every main
     * page is checked against.
     */
    static final Map<String, Pattern> DEVELOPER_STRINGS = developerStrings();

    private static Map<String, Pattern> developerStrings() {
        Map<String, Pattern> table = new LinkedHashMap<>();
        table.put("a property name", Pattern.compile("\\bxborder\\.[a-z]"));
        table.put("a problem type", Pattern.compile("urn:xborder"));
        table.put("an HTTP method and path", Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE) /"));
        table.put("an API path", Pattern.compile("/api/v1|/q/(openapi|health|metrics)"));
        table.put("a protocol status", Pattern.compile("\\bHTTP \\d{3}\\b"));
        table.put("a key's principal name", Pattern.compile("\\bkey:[a-z0-9-]+"));
        table.put("a raw timestamp", Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}|\\d{2}:\\d{2}:\\d{2}\\.\\d+"));
        table.put("a singular count with a plural noun", Pattern.compile(
                "(?<![\\d.,])\\b1 (new |more )?(documents|findings|items|files|passages|errors|failures|countries|"
                        + "addresses|verdicts|reviews|laws|words|searches|webhooks|versions)\\b"));
        List<String> codes = new ArrayList<>();
        for (Enum<?>[] values : List.<Enum<?>[]>of(Category.values(), Mechanism.values(), Modality.values(),
                DataCategory.values(), JobState.values(), JobKind.values(), ReviewStatus.values(),
                IngestFailure.Kind.values())) {
            for (Enum<?> v : values) {
                codes.add(v.name());
            }
        }
        table.put("an enum code", Pattern.compile("\\b(" + String.join("|", codes) + ")\\b"));
        return table;
    }

    /**
     * Issue 17, item 8: pages showed property names, problem types, "POST /api/v1/keys", principal names, raw
     * timestamps, enum codes and "1 new documents". Every main page's visible text, with data on it (a document with
     * findings, a feed that failed, a finished job with a failure, a review), is checked against the table above.
     */
    @Test
    void noPageShowsDeveloperStringsToAnAnalyst() throws Exception {
        driver.manage().window().setSize(DESKTOP);
        long document = given().queryParam("q", marker).when().get("/api/v1/findings").then().extract().jsonPath()
                .getLong("items[0].document.id");
        long finding = findingIds(document).get(0);
        // a review with a comment, so that the finding page shows who reviewed it and when
        browser.open("/findings/" + finding);
        driver.findElement(By.id("status-confirmed")).click();
        driver.findElement(By.id("review-submit")).click();
        browser.waiting().until(d -> !d.findElements(By.id("review-notice")).isEmpty());
        failedFeed();
        String job = jobWithAFailure();

        List<String> problems = new ArrayList<>();
        for (String p : List.of("/", "/?q=" + marker, "/?q=" + marker + "&category=CROSS_BORDER_TRANSFER", "/review",
                "/countries", "/countries/CN", "/overview", "/documents", "/documents/" + document,
                "/documents/" + document + "/edit", "/findings/" + finding, "/add", "/feeds", "/jobs", job, "/terms",
                "/alerts", "/models", "/login")) {
            browser.open(p);
            String text = driver.findElement(By.tagName("body")).getText();
            DEVELOPER_STRINGS.forEach((what, pattern) -> {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    int from = Math.max(0, m.start() - 40);
                    problems.add(p + ": " + what + " in “" + text.substring(from, Math.min(text.length(), m.end() + 20))
                            .replace('\n', ' ') + "”");
                }
            });
        }
        browser.open(job);
        assertThat(driver.findElement(By.id("job-failures")).getText())
                .contains("was not found: the site answered 404");
        browser.screenshot("v2-42-job-in-words");
        browser.open("/feeds");
        browser.screenshot("v2-43-feeds-in-words");
        assertThat(problems).isEmpty();
    }

    /** A feed whose poll failed, so that the feeds page shows why; its id. */
    private String failedFeed() {
        String feedUrl = server.url("/strings/" + marker + "-missing.xml");
        String feed = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("url", feedUrl)
                .when().post("/feeds").then().statusCode(303).extract().header("Location")
                .replaceAll(".*subscribed=(\\d+).*", "$1");
        given().redirects().follow(false).when().post("/feeds/" + feed + "/poll").then().statusCode(303);
        return feed;
    }

    /** A finished job of one address added and one that could not be reached, started from the add page; its path. */
    private String jobWithAFailure() {
        String page = "/strings/" + marker + "/1.html";
        server.serve(page, Answer.ok("text/html", IngestFixtures.newsHtml("Strings page " + marker,
                IngestFixtures.EN_TRANSFER, marker)));
        browser.open("/add#url");
        driver.findElement(By.id("url-urls")).sendKeys(server.url(page) + "\n"
                + server.url("/strings/" + marker + "/missing.html"));
        driver.findElement(By.id("url-submit")).click();
        browser.waiting().until(d -> d.getCurrentUrl().matches(".*/jobs/\\d+\\?started=urls"));
        String job = path();
        try (JobWorker worker = workers.newWorker("strings-" + UUID.randomUUID(), 1)) {
            worker.start();
            new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .ignoring(WebDriverException.class)
                    .until(d -> !d.findElement(By.id("job-state")).getText().matches("Queued|Running"));
        }
        return job;
    }

    /** The table catches what it is meant to: a test of the test, so that a pattern that matches nothing fails. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a property name | set xborder.fetch.allow to fetch it",
            "a problem type | urn:xborder:problem:url-refused",
            "an HTTP method and path | create one with POST /api/v1/keys",
            "an API path | see /api/v1/keys",
            "a protocol status | http://example.org/x answered HTTP 404",
            "a key's principal name | by key:bootstrap-admin",
            "a raw timestamp | on 2026-12-07T04:28:39.123Z",
            "a singular count with a plural noun | 1 new documents",
            "an enum code | CROSS_BORDER_TRANSFER, REQUIREMENT" })
    void theDeveloperStringsTableCatchesEachKind(String what, String sample) {
        assertThat(DEVELOPER_STRINGS.get(what).matcher(sample).find()).isTrue();
        assertThat(DEVELOPER_STRINGS.values().stream().anyMatch(p -> p.matcher("1 new document, 2 new documents; "
                + "Transfer abroad, Requirement; 7 December 2026, 04:28 UTC; was not found: the site answered 404")
                .find()))
                .isFalse();
    }

    /**
     * Issue 17, done when 2 (keyboard-only use reaches every action): on every console page this class checks (the
     * same table as the axe check; the sign-in page signed out, the not-allowed page as a viewer), Tab from the top
     * reaches every visible link, button, field and verdict, and each one shows a focus style it does not have
     * unfocused; see {@link ConsoleBrowser#checkKeyboard}. The review, alerts and models pages are walked where their
     * data is made.
     */
    @Test
    void theKeyboardReachesEveryActionOfEveryPageWithAVisibleFocus() throws IOException {
        long finding = findingIds(given().queryParam("q", marker).when().get("/api/v1/findings").then().extract()
                .jsonPath().getLong("items[0].document.id")).get(0);
        List<String> problems = new ArrayList<>(browser.checkKeyboard(everyPage()));
        browser.inSession(null, () -> problems.addAll(browser.checkKeyboard(List.of(new Page("sign-in", "/login")))));
        browser.inSession(TestCredentials.key("viewer"),
                () -> problems.addAll(browser.checkKeyboard(List.of(new Page("not-allowed", "/add")))));
        // the review form's verdicts are among what the walk covered: a radio of the group, and the submit button
        driver.manage().window().setSize(DESKTOP);
        browser.open("/findings/" + finding);
        assertThat(driver.findElements(By.id("status-confirmed"))).hasSize(1);
        assertThat(driver.findElements(By.id("review-submit"))).hasSize(1);
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        for (int i = 0; i < 40 && !"radio".equals(driver.switchTo().activeElement().getAttribute("type")); i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        assertThat(driver.switchTo().activeElement().getAttribute("type")).isEqualTo("radio");
        browser.screenshot("v2-44-verdict-focused-by-keyboard");
        assertThat(problems).isEmpty();
    }

    /**
     * Issue 17, done when 2 and 4: every page passes axe-core in the browser with no serious or critical violation,
     * fits a phone's width, and is screenshotted whole at desktop and phone size ({@code page-desktop-search.png},
     * {@code page-phone-search.png}), with data on it: a document with findings, a feed whose poll failed, a finished
     * job with a failure. The sign-in page is seen signed out, the "not allowed" page as a viewer. The alerts, models
     * and review pages are checked where their data is made: AlertConsoleBrowserTest, ModelConsoleBrowserTest,
     * ReviewBrowserTest.
     */
    @Test
    void everyPageHasNoSeriousOrCriticalAccessibilityViolation() throws IOException {
        List<String> problems = new ArrayList<>(browser.checkPages(everyPage()));
        browser.inSession(null, () -> problems.addAll(browser.checkPages(List.of(new Page("sign-in", "/login")))));
        browser.inSession(TestCredentials.key("viewer"),
                () -> problems.addAll(browser.checkPages(List.of(new Page("not-allowed", "/add")))));
        assertThat(problems).isEmpty();
    }

    /**
     * The console pages this class checks, seen signed in as the tests' admin, with data on them: a document with
     * findings, a feed whose poll failed, a finished job with a failure.
     */
    private List<Page> everyPage() {
        long document = given().queryParam("q", marker).when().get("/api/v1/findings").then().extract().jsonPath()
                .getLong("items[0].document.id");
        long finding = findingIds(document).get(0);
        failedFeed();
        String job = jobWithAFailure();
        return List.of(
                new Page("search", "/"),
                new Page("search-results", "/?q=" + marker),
                new Page("search-refused-country", "/?jurisdiction=Chinaa"),
                new Page("add", "/add"),
                new Page("documents", "/documents"),
                new Page("document", "/documents/" + document),
                new Page("document-edit", "/documents/" + document + "/edit"),
                new Page("finding", "/findings/" + finding),
                new Page("countries", "/countries"),
                new Page("countries-CN", "/countries/CN"),
                new Page("overview", "/overview"),
                new Page("feeds", "/feeds"),
                new Page("jobs", "/jobs"),
                new Page("job", job),
                new Page("terms", "/terms"),
                new Page("not-found", "/documents/999999999"));
    }

    /** WCAG contrast ratio of two CSS rgb() colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String rgb) {
        String[] parts = rgb.replaceAll("[^0-9,.]", "").split(",");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Double.parseDouble(parts[i]) / 255;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
