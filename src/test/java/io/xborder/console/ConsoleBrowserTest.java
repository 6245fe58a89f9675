package io.xborder.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xborder.ingest.IngestFixtures;
import io.xborder.job.JobWorker;
import io.xborder.job.JobWorkers;
import io.xborder.testing.LocalHttpServer;
import io.xborder.testing.LocalHttpServer.Answer;
import io.xborder.testing.TestCredentials;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium (Debian's chromium and chromium-driver, which the build installs when missing):
 * search, filter, open a document, see its highlights, paste a document, review a finding, export. Screenshots go to
 * {@code target/screenshots/}.
 */
@QuarkusTest
class ConsoleBrowserTest {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();

    static WebDriver driver;
    static Path profile;
    static LocalHttpServer server;

    @Inject
    JobWorkers workers;

    @TestHTTPResource("/")
    URL base;

    private String marker;
    private static boolean signedIn;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "headless Chromium not installed (" + BROWSER + ", " + DRIVER
                        + "); src/test/scripts/ensure-chromium.sh "
                        + "installs it as root with apt-get: skipping the browser tests");
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        profile = Files.createTempDirectory("xborder-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        server = new LocalHttpServer();
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void ingest() {
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
        signIn();
    }

    /** The console needs a session: sign in once with the tests' admin key through the login page. */
    private void signIn() {
        if (signedIn) {
            return;
        }
        open("/");
        waiting().until(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("credential")).sendKeys(TestCredentials.adminKey());
        try {
            screenshot("00-login");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    @Test
    void searchesWithWordsInEnglishAndChinese() throws IOException {
        open("/");
        WebElement q = driver.findElement(By.id("q"));
        assertThat(driver.findElement(By.cssSelector("label[for=q]")).getText()).contains("Words in the passage");
        q.sendKeys(marker + Keys.ENTER);
        waiting().until(d -> d.getCurrentUrl().contains("q=" + marker));
        List<WebElement> hits = driver.findElements(By.cssSelector("ol.hits > li"));
        assertThat(hits).hasSizeGreaterThanOrEqualTo(3);
        assertThat(driver.findElements(By.cssSelector("ol.hits mark"))).isNotEmpty();
        assertThat(driver.getPageSource()).contains("境内存储");
        screenshot("01-search");

        // the URL holds the whole query: opening it again gives the same page
        String url = driver.getCurrentUrl();
        open("/");
        driver.get(url);
        assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo(marker);
        assertThat(driver.findElements(By.cssSelector("ol.hits > li"))).hasSize(hits.size());
    }

    @Test
    void filtersNarrowTheResultsAndStayInTheUrl() throws IOException {
        open("/?q=" + marker);
        new Select(driver.findElement(By.id("category"))).selectByValue("DATA_LOCALIZATION");
        new Select(driver.findElement(By.id("language"))).selectByValue("zh");
        driver.findElement(By.id("jurisdiction")).sendKeys("CN");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("category=DATA_LOCALIZATION"));
        assertThat(driver.getCurrentUrl()).contains("language=zh").contains("jurisdiction=CN");
        List<WebElement> hits = driver.findElements(By.cssSelector("ol.hits > li"));
        assertThat(hits).isNotEmpty();
        for (WebElement hit : hits) {
            assertThat(hit.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Data localization");
            assertThat(hit.findElement(By.cssSelector(".passage")).getAttribute("lang")).isEqualTo("zh");
        }
        screenshot("02-filtered");
    }

    @Test
    void opensADocumentAndSeesItsHighlightsAndFindings() throws IOException {
        open("/?q=" + marker + "&language=en");
        driver.findElement(By.cssSelector("ol.hits .source a")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/documents/"));
        assertThat(driver.findElement(By.id("doc-title")).getText()).isEqualTo("Browser test " + marker);
        List<WebElement> dl = driver.findElements(By.cssSelector(".doc-text .hl.cat-dl"));
        List<WebElement> cbt = driver.findElements(By.cssSelector(".doc-text .hl.cat-cbt"));
        assertThat(dl).isNotEmpty();
        assertThat(cbt).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector(".doc-text em.ev"))).isNotEmpty();
        String dlColour = dl.get(0).getCssValue("background-color");
        String cbtColour = cbt.get(0).getCssValue("background-color");
        assertThat(dlColour).isNotEqualTo(cbtColour);
        assertThat(driver.findElements(By.cssSelector(".legend li"))).hasSize(3);
        // a finding in the side list takes the reader (and the keyboard focus) to its passage
        WebElement jump = driver.findElements(By.cssSelector(".side-list a.jump")).get(1);
        String target = jump.getAttribute("data-passage");
        jump.click();
        waiting().until(d -> d.getCurrentUrl().endsWith("#" + target));
        waiting().until(d -> target.equals(((JavascriptExecutor) d).executeScript("return document.activeElement.id")));
        screenshot("03-document");
    }

    @Test
    void pastesADocumentAndSeesItsFindingsWithHostileTextShownAsText() throws IOException {
        open("/add");
        driver.findElement(By.id("title")).sendKeys("Pasted " + marker + " <script>alert(1)</script>");
        driver.findElement(By.id("text"))
                .sendKeys("All payment system providers shall store payment data only in India. "
                        + "<script>alert(1)</script> <img src=x onerror=alert(1)> " + marker);
        new Select(driver.findElement(By.id("language"))).selectByValue("en");
        driver.findElement(By.id("jurisdiction")).sendKeys("IN");
        driver.findElement(By.id("publishedAt")).sendKeys("04/06/2018");
        screenshot("04-add-form");
        driver.findElement(By.id("add-submit")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/documents/"));
        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).contains("added and classified");
        assertThat(driver.findElements(By.cssSelector(".side-list li"))).isNotEmpty();
        assertThat(driver.findElement(By.id("doc-text")).getText()).contains("<script>alert(1)</script>")
                .contains("<img src=x onerror=alert(1)>");
        assertThat(driver.findElement(By.id("doc-title")).getText()).contains("<script>alert(1)</script>");
        // no element was made from the text, no script ran
        assertThat(driver.findElements(By.tagName("script"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(alertPresent()).isFalse();
        screenshot("05-added-document");

        // an invalid paste shows the form again with the error next to the field
        open("/add");
        driver.findElement(By.id("text")).sendKeys("Some text " + marker);
        driver.findElement(By.id("jurisdiction")).sendKeys("XX");
        driver.findElement(By.id("add-submit")).click();
        waiting().until(d -> !d.findElements(By.id("jurisdiction-error")).isEmpty());
        assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEqualTo("Some text " + marker);
        screenshot("06-add-error");
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
        open("/?q=" + marker + "&language=en");
        driver.findElement(By.cssSelector("ol.hits a.review-link")).click();
        waiting().until(d -> d.getCurrentUrl().matches(".*/findings/\\d+$"));
        String findingUrl = driver.getCurrentUrl();
        long id = Long.parseLong(findingUrl.replaceAll(".*/findings/", ""));
        driver.findElement(By.id("status-rejected")).click();
        driver.findElement(By.id("comment")).sendKeys("A news report, not a rule. 只是新闻。");
        screenshot("07-review-form");
        driver.findElement(By.id("review-submit")).click();
        waiting().until(d -> !d.findElements(By.id("review-notice")).isEmpty());
        assertThat(driver.findElement(By.id("current-status")).getText()).isEqualTo("Rejected");
        screenshot("08-reviewed");

        // another reviewer changes the finding while this page is open
        String etag = given().when().get("/api/v1/findings/" + id).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("status", "CONFIRMED", "comment", "the other reviewer"))
                .when().patch("/api/v1/findings/" + id).then().statusCode(200);
        driver.findElement(By.id("status-confirmed")).click();
        driver.findElement(By.id("review-submit")).click();
        waiting().until(d -> !d.findElements(By.id("review-conflict")).isEmpty());
        assertThat(driver.findElement(By.id("review-conflict")).getText()).contains("NOT saved");
        assertThat(driver.findElement(By.id("current-status")).getText()).isEqualTo("Confirmed");
        screenshot("09-review-conflict");
    }

    @Test
    void exportsTheCurrentSearchAsCsvAndJson() throws IOException {
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            for (Path p : old.toList()) {
                Files.deleteIfExists(p);
            }
        }
        open("/?q=" + marker);
        WebElement csv = driver.findElement(By.id("export-csv"));
        assertThat(csv.getAttribute("href")).contains("/export.csv?q=" + marker);
        assertThat(driver.findElement(By.id("export-json")).getAttribute("href")).contains("/export.json?q=" + marker);
        screenshot("10-export-links");
        csv.click();
        Path file = waiting().until(d -> {
            try (Stream<Path> files = Files.list(DOWNLOADS)) {
                return files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        String content = Files.readString(file);
        assertThat(content).startsWith("\uFEFFid,date").contains(marker).contains("境内存储");
    }

    @Test
    void worksWithTheKeyboardAndAtPhoneWidth() throws IOException {
        open("/?q=" + marker);
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to content");
        focused.sendKeys(Keys.ENTER);
        waiting().until(d -> "main".equals(((JavascriptExecutor) d).executeScript("return document.activeElement.id")));

        driver.manage().window().setSize(new Dimension(390, 844));
        open("/?q=" + marker);
        Object overflow = ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        screenshot("11-search-phone");
        open("/overview");
        assertThat(driver.findElement(By.id("findings-chart")).isDisplayed()).isTrue();
        screenshot("12-overview-phone");
        driver.manage().window().setSize(new Dimension(1280, 900));
        open("/overview");
        screenshot("13-overview");
    }

    @Test
    void uploadsAFileThroughThePageAndSeesItsFindings() throws IOException {
        Path file = Files.createTempDirectory("xborder-upload").resolve("regulation-" + marker + ".html");
        Files.write(file,
                IngestFixtures.newsHtml("Uploaded regulation " + marker + " &lt;script&gt;alert(1)&lt;/script&gt;",
                        IngestFixtures.EN_LOCALIZE, IngestFixtures.EN_TRANSFER + " " + marker));
        open("/add");
        driver.findElement(By.cssSelector(".subnav a[href='/add#upload']")).click();
        assertThat(driver.findElement(By.cssSelector("label[for=upload-file]")).getText()).contains("Files");
        driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("upload-jurisdiction")).sendKeys("CN");
        new Select(driver.findElement(By.id("upload-language"))).selectByValue("en");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('upload').scrollIntoView()");
        screenshot("14-upload-form");
        driver.findElement(By.id("upload-submit")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/documents/"));
        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).contains("added and classified");
        assertThat(driver.findElement(By.id("doc-title")).getText()).contains("Uploaded regulation " + marker)
                .contains("<script>alert(1)</script>");
        assertThat(driver.findElements(By.cssSelector(".side-list li"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(driver.findElements(By.cssSelector(".doc-text .hl.cat-dl"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector(".doc-text .hl.cat-cbt"))).isNotEmpty();
        assertThat(driver.findElement(By.id("original-link")).getText()).contains("regulation-" + marker + ".html");
        assertThat(alertPresent()).isFalse();
        screenshot("15-uploaded-document");

        // a refused URL is explained next to the form
        open("/add#url");
        driver.findElement(By.id("url-urls")).sendKeys("http://169.254.169.254/latest/meta-data");
        driver.findElement(By.id("url-submit")).click();
        waiting().until(d -> !d.findElements(By.id("url-errors")).isEmpty());
        assertThat(driver.findElement(By.id("url-errors")).getText()).contains("400 Bad Request")
                .contains("url-refused");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('url').scrollIntoView()");
        screenshot("16-url-refused");
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
        open("/add#url");
        driver.findElement(By.id("url-urls")).sendKeys(String.join("\n", urls));
        driver.findElement(By.id("url-jurisdiction")).sendKeys("CN");
        driver.findElement(By.id("url-submit")).click();
        waiting().until(d -> d.getCurrentUrl().matches(".*/jobs/\\d+\\?started=urls"));
        WebElement progress = driver.findElement(By.id("job-progress"));
        assertThat(progress.getAttribute("max")).isEqualTo("4");
        assertThat(progress.getAttribute("value")).isEqualTo("0");
        assertThat(driver.findElement(By.id("job-state")).getText()).isEqualTo("Queued");
        screenshot("17-job-queued");

        // the test profile runs no worker: this one works the job off while the page polls
        try (JobWorker worker = workers.newWorker("browser-" + UUID.randomUUID(), 1)) {
            worker.start();
            // the page reloads itself when the job ends: an element read during the reload goes stale
            new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                    .until(d -> {
                        String finished = d.findElement(By.id("job-finished")).getText();
                        return !"0".equals(finished) && !"4".equals(finished);
                    });
            screenshot("18-job-running");
            new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .until(d -> "Done".equals(d.findElement(By.id("job-state")).getText())
                            && !d.findElements(By.id("no-failures")).isEmpty());
        }
        progress = driver.findElement(By.id("job-progress"));
        assertThat(progress.getAttribute("value")).isEqualTo("4");
        assertThat(driver.findElement(By.id("job-progress-text")).getText()).contains("4 of 4").contains("0 failed");
        assertThat(driver.findElements(By.id("job-refresh"))).isEmpty();
        screenshot("19-job-done");
        open("/jobs");
        screenshot("20-jobs");
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
        open("/feeds");
        driver.findElement(By.id("feed-url")).sendKeys(server.url("/browser/" + marker + "/rss.xml"));
        driver.findElement(By.id("feed-intervalMinutes")).sendKeys("120");
        new Select(driver.findElement(By.id("feed-language"))).selectByValue("zh");
        driver.findElement(By.id("feed-submit")).click();
        waiting().until(d -> d.getCurrentUrl().contains("subscribed="));
        String id = driver.getCurrentUrl().replaceAll(".*subscribed=(\\d+).*", "$1");
        driver.findElement(By.id("poll-" + id)).click();
        waiting().until(d -> d.getCurrentUrl().contains("polled=" + id));
        assertThat(driver.findElement(By.id("feeds-notice")).getText()).contains("1 new, 1 added");
        assertThat(driver.findElement(By.id("feed-" + id)).getText()).contains("Browser feed " + marker)
                .contains("120 min");
        screenshot("21-feeds");
        driver.findElement(By.id("delete-" + id)).click();
        waiting().until(d -> d.getCurrentUrl().contains("deleted=" + id));
        assertThat(driver.findElements(By.id("feed-" + id))).isEmpty();
    }
}
