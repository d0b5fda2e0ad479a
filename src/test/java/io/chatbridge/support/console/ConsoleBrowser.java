package io.chatbridge.support.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real, headless Debian chromium driven through the system chromedriver, for the console's browser
 * tests. Both executables are given explicitly, so Selenium Manager never tries to download anything;
 * when they are missing the test fails with the command that installs them (it never skips).
 *
 * <p>Screenshots go to {@code target/screenshots/<name>.png}; look at them before resolving a change.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Path CHROMIUM = Path.of(System.getProperty("chatbridge.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("chatbridge.chromedriver", "/usr/bin/chromedriver"));

    private final WebDriver driver;
    private final String baseUrl;
    private final Path profile;

    private ConsoleBrowser(WebDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    /** A fresh browser (own profile, no cookies) for the instance on {@code port}, 1280 x 900. */
    public static ConsoleBrowser open(int port) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The console's browser tests need Debian's chromium and chromedriver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver, or run .ci/run");
        }
        try {
            Path profile = Files.createTempDirectory("chatbridge-chromium");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM.toFile())
                    .addArguments(
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--window-size=1280,900",
                            "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            WebDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new ConsoleBrowser(driver, "http://localhost:" + port, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the instance ({@code /console/search?q=x}). */
    public ConsoleBrowser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /** Signs in through the form; the browser then holds the session cookie. */
    public ConsoleBrowser signIn(String username, String password) {
        go("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("signin")).click();
        return this;
    }

    /** Forgets the session (all cookies of the instance), so the next test starts signed out. */
    public ConsoleBrowser forget() {
        driver.manage().deleteAllCookies();
        return this;
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Waits (up to 10 s) until an element is visible, e.g. after an htmx swap. */
    public WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits (up to 10 s) until an element's text contains {@code text}. */
    public void awaitText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** The viewport size, e.g. 390 wide for a phone. */
    public ConsoleBrowser resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    /** Saves what the browser shows to {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
