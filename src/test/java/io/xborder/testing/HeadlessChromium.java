package io.xborder.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;

/**
 * Debian's headless Chromium for the console's browser tests (installed by src/test/scripts/ensure-chromium.sh):
 * the driver with the flags that work on these machines, screenshots in {@code target/screenshots/}, the axe-core
 * check and the phone-width check the console's pages are held to. {@link ConsoleBrowser} signs it in to the console.
 */
public final class HeadlessChromium {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final Dimension DESKTOP = new Dimension(1366, 850);
    public static final Dimension PHONE = new Dimension(390, 844);
    private static final int TALLEST = 12_000;

    private HeadlessChromium() {
    }

    /** Whether the browser and its driver are installed (the tests skip, saying why, when not). */
    public static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** Skips the calling test class, saying why, when the browser or its driver is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(installed(), "headless Chromium not installed (" + BROWSER + ", " + DRIVER
                + "); src/test/scripts/ensure-chromium.sh installs it as root with apt-get: skipping the browser tests");
    }

    /** A new browser with a fresh profile in {@code profile}. */
    public static WebDriver start(Path profile) throws IOException {
        return start(profile, null);
    }

    /** A new browser with a fresh profile in {@code profile} that saves downloads in {@code downloads} unasked. */
    public static WebDriver start(Path profile, Path downloads) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,850", "--lang=en-US",
                // a phone's scrollbars take no width: the page is laid out 390 pixels wide, as on the phone
                "--hide-scrollbars");
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    public static void screenshot(WebDriver driver, String name) throws IOException {
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The whole page at the window's width, not only what the window shows, as {@code target/screenshots/<name>.png}
     * (cut at {@value #TALLEST} pixels). A page that scrolls sideways is shown as wide as it scrolls.
     */
    public static void wholePageScreenshot(WebDriver driver, String name) throws IOException {
        HasCdp chrome = (HasCdp) driver;
        Map<?, ?> content = (Map<?, ?>) chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                .get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", ((Number) content.get("width")).doubleValue(),
                "height", Math.min(((Number) content.get("height")).doubleValue(), TALLEST));
        Object png = chrome.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) png));
    }

    /** The serious and critical axe-core violations of the page in the browser, one line each. */
    public static List<String> seriousAccessibilityViolations(WebDriver driver) throws IOException {
        String axe;
        try (InputStream in = HeadlessChromium.class.getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ((JavascriptExecutor) driver).executeScript(axe);
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
                  done(r.violations.filter(function (v) {
                    return v.impact === 'serious' || v.impact === 'critical';
                  }).map(function (v) {
                    return v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(function (n) {
                      return n.target.join(' ');
                    }).join(', ');
                  }));
                }).catch(function (e) { done(['axe failed: ' + e]); });""");
        return ((List<?>) result).stream().map(String::valueOf).toList();
    }

    /**
     * The tables wider than their box, whose last columns are out of sight until the box is scrolled sideways; empty
     * when every table shown fits.
     */
    public static String tablesWiderThanTheirBox(WebDriver driver) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("""
                var out = [];
                document.querySelectorAll('.table-scroll').forEach(function (box) {
                  if (box.checkVisibility() && box.scrollWidth > box.clientWidth + 1) {
                    var t = box.querySelector('table');
                    out.push((t ? 'table#' + t.id : 'a box') + ' ' + box.scrollWidth + ' px in ' + box.clientWidth);
                  }
                });
                return out.join('; ');"""));
    }

    /**
     * What makes the page scroll sideways, and by how much: what sticks out of the window outside the scrolling tables
     * and charts or, when nothing does, what escapes from one of them; empty when the page does not scroll sideways.
     */
    public static String widerThanTheWindow(WebDriver driver) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
                """
                        var w = document.documentElement.clientWidth, outside = [], inside = [];
                        document.querySelectorAll('body *').forEach(function (e) {
                          var r = e.getBoundingClientRect();
                          if (r.right > w + 1) {
                            (e.closest('.table-scroll, .chart-scroll') ? inside : outside)
                              .push(e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(r.right));
                          }
                        });
                        // inside a scrolling box only what escapes it (placed against an outer block) widens the page
                        var over = document.documentElement.scrollWidth - w;
                        return over > 0 ? over + ' px: ' + (outside.length ? outside : inside).slice(0, 5).join('; ') : '';"""));
    }
}
