package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through chromedriver, for the explorer's browser tests: Debian's {@code
 * chromium} and {@code chromium-driver} found on the PATH (no download: Selenium Manager is never
 * asked), a fresh profile in a temporary directory, and helpers to open a view of the page and wait
 * until it is drawn. Start-up takes a second or two, so a test class shares one.
 */
final class Browser implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String[] CHROMIUM = {"chromium", "chromium-browser", "google-chrome"};

  private final ChromeDriver driver;
  private final Path profile;
  private final Path downloads;

  private Browser(ChromeDriver driver, Path profile, Path downloads) {
    this.driver = driver;
    this.profile = profile;
    this.downloads = downloads;
  }

  /**
   * Starts the browser. When Chromium or chromedriver is missing and the tests run as root where
   * apt-get is (a clean CI machine), installs Debian's {@code chromium} and {@code chromium-driver}
   * first, so that the README's test command needs nothing installed by hand; otherwise fails
   * (never skips) with how to install them.
   */
  static Browser start() throws IOException {
    Path chromedriver = onPath("chromedriver");
    Path chromium = onPath(CHROMIUM);
    if ((chromedriver == null || chromium == null) && installWithAptGet()) {
      chromedriver = onPath("chromedriver");
      chromium = onPath(CHROMIUM);
    }
    if (chromedriver == null || chromium == null) {
      fail(
          "The explorer's browser tests need Chromium and chromedriver on the PATH (found"
              + " chromedriver: %s, chromium: %s). Install them, on Debian or Ubuntu with"
              + " 'apt-get install -y chromium chromium-driver' (the tests do this themselves"
              + " when they run as root).",
          chromedriver, chromium);
    }
    Path profile = Files.createTempDirectory("wuffie-chromium-");
    Path downloads = Files.createDirectories(profile.resolve("downloads"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile.resolve("profile"));
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    return new Browser(driver, profile, downloads);
  }

  /**
   * Installs Chromium and chromedriver with apt-get when running as root and apt-get is on the
   * PATH; returns whether it ran and succeeded. Its output goes to this JVM's standard error.
   */
  private static boolean installWithAptGet() {
    if (onPath("apt-get") == null || !"root".equals(System.getProperty("user.name"))) {
      return false;
    }
    System.err.println("Browser tests: installing Debian's chromium and chromium-driver");
    try {
      Process install =
          new ProcessBuilder(
                  "sh",
                  "-c",
                  "apt-get update -qq && DEBIAN_FRONTEND=noninteractive"
                      + " apt-get install -y -qq chromium chromium-driver")
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      return install.waitFor() == 0;
    } catch (IOException e) {
      System.err.println("Browser tests: apt-get did not start: " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path onPath(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Where downloads land. */
  Path downloads() {
    return downloads;
  }

  /**
   * Loads the page at {@code base} afresh with {@code hash} (such as {@code /member/alice}) and
   * waits until view {@code view} is drawn or has shown an error; returns the final state, "ready"
   * or "error".
   */
  String open(URI base, String hash, String view) {
    driver.get("about:blank");
    driver.get(base.resolve("/") + "#" + hash);
    return awaitView(view);
  }

  /** Marks the page before a click that changes the view, so that the next wait sees the change. */
  void navigating() {
    driver.executeScript("document.body.dataset.state = 'navigating';");
  }

  /** Waits until view {@code view} is drawn or has shown an error; returns that state. */
  String awaitView(String view) {
    return new WebDriverWait(driver, WAIT)
        .withMessage(() -> "view " + view + " was not drawn; the page shows: " + pageText())
        .until(
            d -> {
              WebElement body = d.findElement(By.tagName("body"));
              String state = body.getAttribute("data-state");
              boolean done = "ready".equals(state) || "error".equals(state);
              return done && view.equals(body.getAttribute("data-view")) ? state : null;
            });
  }

  /** Waits until {@code body[data-NAME]} has one of {@code values}; returns it. */
  String awaitBodyData(String name, String... values) {
    return new WebDriverWait(driver, WAIT)
        .withMessage(() -> "body data-" + name + " never became one of " + List.of(values))
        .until(
            d -> {
              String value = d.findElement(By.tagName("body")).getAttribute("data-" + name);
              return List.of(values).contains(value) ? value : null;
            });
  }

  /** The text of the message area, or null when it is hidden. */
  String message() {
    WebElement box = driver.findElement(By.id("message"));
    return box.isDisplayed() ? box.getText() : null;
  }

  private String pageText() {
    try {
      return driver.findElement(By.tagName("body")).getText();
    } catch (RuntimeException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** The values of attribute {@code attribute} of the elements {@code css} selects, in order. */
  List<String> attributes(String css, String attribute) {
    List<String> values = new ArrayList<>();
    for (WebElement e : driver.findElements(By.cssSelector(css))) {
      values.add(e.getAttribute(attribute));
    }
    return values;
  }

  /** Shows the page at a phone's width (360 CSS pixels), or back at the desktop size. */
  void phone(boolean phone) {
    if (phone) {
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
    } else {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  /** Whether the page is wider than the window, so that it scrolls sideways. */
  boolean scrollsSideways() {
    Object wider =
        driver.executeScript(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
    return Boolean.TRUE.equals(wider);
  }

  /** Saves the whole page (up to 5,000 pixels high) as {@code target/screenshots/NAME.png}. */
  void screenshot(String name) {
    Number width = (Number) driver.executeScript("return document.documentElement.clientWidth;");
    Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of(
                    "x", 0,
                    "y", 0,
                    "width", width.intValue(),
                    "height", Math.min(5000, height.intValue()),
                    "scale", 1)));
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(
          SCREENSHOTS.resolve(name + ".png"),
          Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
