package io.xborder.testing;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in {@link HeadlessChromium}, for one browser test class: started in {@code @BeforeAll} (the class is
 * skipped, saying why, when Chromium is not installed), signed in once with the tests' admin key through the login
 * page, its pages opened by path, waits and screenshots, every page checked at desktop and phone size; closed in
 * {@code @AfterAll}.
 */
public final class ConsoleBrowser implements AutoCloseable {

    /** The sizes every page is checked and screenshotted at, by the name its screenshots carry. */
    public static final Map<String, Dimension> SIZES = sizes();

    /**
     * A console page to check: the name of its screenshots ({@code countries-CN}), its address, and what is done on
     * it before it is checked (a folded form opened), if anything.
     */
    public record Page(String name, String path, Consumer<WebDriver> first) {

        public Page(String name, String path) {
            this(name, path, d -> {
            });
        }
    }

    /** What is seen in another session; see {@link #inSession}. */
    @FunctionalInterface
    public interface Seen {

        void run() throws IOException;
    }

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
        submitLogin(null);
    }

    /** Sends the open login form, with {@code credential} typed in first unless it is null. */
    private void submitLogin(String credential) {
        if (credential != null) {
            driver.findElement(By.id("credential")).sendKeys(credential);
        }
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waiting().until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private static Map<String, Dimension> sizes() {
        Map<String, Dimension> sizes = new LinkedHashMap<>();
        sizes.put("desktop", HeadlessChromium.DESKTOP);
        sizes.put("phone", HeadlessChromium.PHONE);
        return Collections.unmodifiableMap(sizes);
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

    /**
     * Issue 17, done when 2 and 4: opens each page at desktop and at phone size ({@link #SIZES}), screenshots it whole
     * as {@code target/screenshots/page-<size>-<name>.png}, and says what is wrong with it, one line each ("phone
     * /review: ..."): its serious and critical axe-core violations and, at phone size, what makes it scroll sideways
     * and the tables that do not fit (their last columns out of sight).
     * The window is given back its size.
     */
    public List<String> checkPages(List<Page> pages) throws IOException {
        List<String> problems = new ArrayList<>();
        Dimension before = driver.manage().window().getSize();
        try {
            for (Map.Entry<String, Dimension> size : SIZES.entrySet()) {
                driver.manage().window().setSize(size.getValue());
                for (Page page : pages) {
                    open(page.path());
                    page.first().accept(driver);
                    String at = size.getKey() + " " + page.path() + ": ";
                    HeadlessChromium.seriousAccessibilityViolations(driver).forEach(v -> problems.add(at + v));
                    if (size.getValue().equals(HeadlessChromium.PHONE)) {
                        String wide = HeadlessChromium.widerThanTheWindow(driver);
                        if (!wide.isEmpty()) {
                            problems.add(at + "wider than the window: " + wide);
                        }
                        String cut = HeadlessChromium.tablesWiderThanTheirBox(driver);
                        if (!cut.isEmpty()) {
                            problems.add(at + "a table does not fit: " + cut);
                        }
                    }
                    HeadlessChromium.wholePageScreenshot(driver, "page-" + size.getKey() + "-" + page.name());
                }
            }
        } finally {
            driver.manage().window().setSize(before);
        }
        return problems;
    }

    /**
     * Issue 17, done when 2 (keyboard-only use reaches every action): opens each page at desktop size, tabs through it
     * from the top, and says what is wrong, one line each ("/review: a#queue-next “Next j”: not reached with Tab"):
     * each visible link, button, field and {@code summary} that Tab does not reach (a radio group counts as reached by
     * one of its radios, as browsers do), and each one that shows no focus style it does not have unfocused (an
     * outline or a shadow on it or on its label). The window is given back its size.
     */
    public List<String> checkKeyboard(List<Page> pages) {
        List<String> problems = new ArrayList<>();
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(HeadlessChromium.DESKTOP);
            for (Page page : pages) {
                open(page.path());
                page.first().accept(driver);
                problems.addAll(keyboardProblems(page.path()));
            }
        } finally {
            driver.manage().window().setSize(before);
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private List<String> keyboardProblems(String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // every visible action, numbered, with how it looks unfocused
        List<Map<String, Object>> actions = (List<Map<String, Object>>) js.executeScript(
                """
                        function look(e) {
                          var s = getComputedStyle(e), l = e.closest('label') || (e.id && document.querySelector('label[for="' + e.id + '"]'));
                          var ls = l ? getComputedStyle(l) : null;
                          return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
                                  ls ? ls.outlineStyle + ' ' + ls.outlineWidth + ' ' + ls.boxShadow + ' ' + ls.borderColor : ''].join('|');
                        }
                        window.kbLook = look;
                        // a field focused on load (autofocus on a refused one) is looked at unfocused too
                        if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
                        var out = [];
                        document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')
                          .forEach(function (e, i) {
                            // checkVisibility: not in a closed <details> nor otherwise unrendered
                            if (e.disabled || !e.checkVisibility({ visibilityProperty: true })) return;
                            e.setAttribute('data-kb', i);
                            var name = (e.getAttribute('aria-label') || e.innerText || e.value || e.id || e.name || e.outerHTML).trim().slice(0, 60);
                            out.push({ i: String(i), what: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' “' + name + '”',
                                       group: e.type === 'radio' ? 'radio:' + e.name : '', look: look(e) });
                          });
                        return out;""");
        List<String> problems = new ArrayList<>();
        if (actions.isEmpty()) {
            problems.add(page + ": no link, button or field found to tab to");
            return problems;
        }
        Map<String, String> reachedLook = new LinkedHashMap<>();
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        for (int step = 0; step < actions.size() * 3 + 20; step++) {
            List<Object> now = (List<Object>) js.executeScript(
                    """
                            var e = document.activeElement;
                            if (!e || e === document.body || !e.hasAttribute('data-kb')) return [null, null, null];
                            return [e.getAttribute('data-kb'), window.kbLook(e), e.type === 'radio' ? 'radio:' + e.name : ''];""");
            if (now.get(0) != null) {
                reachedLook.putIfAbsent((String) now.get(0), (String) now.get(1));
                if (!((String) now.get(2)).isEmpty()) {
                    reachedLook.putIfAbsent((String) now.get(2), (String) now.get(1));
                }
            }
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        for (Map<String, Object> a : actions) {
            String group = (String) a.get("group");
            String key = group.isEmpty() ? (String) a.get("i") : group;
            String focused = reachedLook.get(key);
            if (focused == null) {
                problems.add(page + ": " + a.get("what") + ": not reached with Tab");
            } else if (group.isEmpty() || reachedLook.containsKey(a.get("i"))) {
                String[] f = focused.split("\\|", -1);
                boolean outline = !"none".equals(f[0]) && !"0px".equals(f[1]);
                boolean shadow = !"none".equals(f[3]);
                if (focused.equals(a.get("look")) || !(outline || shadow || !f[4].isEmpty())) {
                    problems.add(page + ": " + a.get("what") + ": no visible focus style (" + focused + ")");
                }
            }
        }
        return problems;
    }

    /**
     * Runs {@code seen} in another session: signed in through the login page with {@code credential}, or signed out
     * when it is null; then the tests' admin session is back.
     */
    public void inSession(String credential, Seen seen) throws IOException {
        Set<Cookie> admin = driver.manage().getCookies();
        driver.manage().deleteAllCookies();
        try {
            if (credential != null) {
                open("/login");
                submitLogin(credential);
            }
            seen.run();
        } finally {
            driver.manage().deleteAllCookies();
            admin.forEach(driver.manage()::addCookie);
        }
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
