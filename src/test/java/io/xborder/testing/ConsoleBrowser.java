package io.xborder.testing;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in {@link HeadlessChromium}, for one browser test class: started in {@code @BeforeAll} (the class is
 * skipped, saying why, when Chromium is not installed), signed in once with the tests' admin key through the login
 * page, its pages opened by path, waits and screenshots; closed in {@code @AfterAll}.
 */
public final class ConsoleBrowser implements AutoCloseable {

    private final WebDriver driver;
    private String base;

    private ConsoleBrowser(WebDriver driver) {
        this.driver = driver;
    }

    /**
     * A browser with a fresh profile (a temporary directory named after {@code profile}).
     *
     * @param downloads where it saves downloads without asking, or null
     */
    public static ConsoleBrowser start(String profile, Path downloads) throws IOException {
        HeadlessChromium.assumeInstalled();
        return new ConsoleBrowser(HeadlessChromium.start(Files.createTempDirectory(profile), downloads));
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Signs in, the first time only: opens {@code path}, a console page, which leads to the login form, and sends it
     * with the tests' admin key.
     *
     * @param base the test's base URL ({@code @TestHTTPResource("/")}), under which pages are opened from then on
     * @param formScreenshot names a screenshot of the filled-in form, or null
     */
    public void signIn(URL base, String path, String formScreenshot) throws IOException {
        if (this.base != null) {
            return;
        }
        this.base = base.toString().replaceAll("/$", "");
        open(path);
        waiting().until(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("credential")).sendKeys(TestCredentials.adminKey());
        if (formScreenshot != null) {
            screenshot(formScreenshot);
        }
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waiting().until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Opens the console page at {@code path} ("/alerts?saved=1"). */
    public void open(String path) {
        driver.get(url(path));
    }

    /** The address of the console page at {@code path}. */
    public String url(String path) {
        return base + path;
    }

    /** Waits up to 20 seconds. */
    public WebDriverWait waiting() {
        // a condition that reads an element while a form submit reloads the page retries on the new page
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** A screenshot of the window, as {@code target/screenshots/<name>.png}. */
    public void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(driver, name);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
