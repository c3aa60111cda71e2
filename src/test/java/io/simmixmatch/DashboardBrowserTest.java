package io.simmixmatch;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import io.simmixmatch.data.Archives;
import io.simmixmatch.data.SyntheticImages;
import io.simmixmatch.training.TrainedCheckpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver, which
 * {@code .ci/run} installs; {@code CHROMIUM} and {@code CHROMEDRIVER} name others)
 * against the whole service with API keys on: refused without a key, then with one:
 * launch a run, watch its curve grow (the event stream takes the key as a parameter),
 * promote it, classify an image. Screenshots of each page go to
 * {@code target/screenshots} (and to {@code -Dscreenshots.dir}, for the docs).
 */
@Timeout(600)
class DashboardBrowserTest {

	private static final Optional<Path> CHROMEDRIVER = program("CHROMEDRIVER", "chromedriver");

	private static final Optional<Path> CHROMIUM = program("CHROMIUM", "chromium");

	private static final int EPOCHS = 6;

	private static final String API_KEY = "an-admin-key-for-the-dashboard-test-0123456789";

	private static ServiceUnderTest service;

	private static WebDriver browser;

	private static Path images;

	@BeforeAll
	static void start(@TempDir Path directory) throws Exception {
		Prerequisites.require(CHROMEDRIVER.isPresent() && CHROMIUM.isPresent(),
				"needs Debian's chromium and chromium-driver (.ci/run installs them)");
		images = directory.resolve("synthetic");
		SyntheticImages.writeIdx(images, 40, 10);
		service = ServiceUnderTest.start("--simmixmatch.role=both", "--simmixmatch.workers.slots=cpu",
				"--simmixmatch.data-dir=" + directory, "--simmixmatch.workers.progress-interval=200ms",
				"--simmixmatch.security.mode=api-keys", "--simmixmatch.security.admin-key=" + API_KEY);
		service.registerIdxDataset("synthetic", images, SyntheticImages.CLASSES);
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.get().toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
		browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.get().toFile()).build(), options);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (service != null) {
			service.close();
		}
	}

	@BeforeEach
	void forgetTheApiKey() {
		browser.get(service.uri("/").toString());
		((JavascriptExecutor) browser).executeScript("localStorage.clear()");
	}

	@Test
	void launchAWatchItsCurveGrowPromoteItAndClassifyAnImage(@TempDir Path directory) throws Exception {
		browser.get(service.uri("/").toString());
		browser.findElement(By.cssSelector("#launch button[type=submit]")).click();
		await().until(ExpectedConditions.textMatches(By.id("launch-error"), Pattern.compile("Set an API key")));
		((JavascriptExecutor) browser).executeScript("localStorage.setItem('simmixmatch.apiKey', arguments[0])",
				API_KEY);
		browser.navigate().refresh();
		assertThat(browser.findElement(By.id("api-key")).getText()).isEqualTo("API key ✓");

		WebElement form = browser.findElement(By.id("launch"));
		await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#datasets option[value=synthetic]")));
		new Select(form.findElement(By.name("algorithm"))).selectByVisibleText("SUPERVISED");
		new Select(form.findElement(By.name("datasetId"))).selectByValue("synthetic");
		form.findElement(By.name("name")).sendKeys("browser test");
		WebElement overrides = form.findElement(By.name("hyperparameters"));
		overrides.clear();
		// Long enough that the page, once open, sees epochs arrive.
		overrides.sendKeys("{\"epochs\": " + EPOCHS + ", \"stepsPerEpoch\": 40, \"batchSize\": 8,"
				+ " \"labelsPerClass\": 4, \"validationPerClass\": 4, \"emaDecay\": 0.9}");
		form.findElement(By.cssSelector("button[type=submit]")).click();

		await().until(ExpectedConditions.urlContains("/run.html?id="));
		By topOne = By.cssSelector("data[data-series='top-1']");
		await().until(ExpectedConditions.presenceOfElementLocated(topOne));
		int first = await().until((driver) -> points(topOne));
		await().until((driver) -> points(topOne) > first);
		await().until(ExpectedConditions.textToBe(By.id("status"), "SUCCEEDED"));
		await().until((driver) -> points(topOne) == EPOCHS);
		await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-kind=BEST]")));
		assertThat(browser.findElement(By.cssSelector("tr[data-kind=BEST] a.onnx")).getAttribute("href"))
			.matches(".*/api/v1/runs/\\d+/checkpoints/\\d+/model\\.onnx");
		screenshot("dashboard-run.png");

		// The best checkpoint's classes: a heat map of one row and one column per class
		WebElement classes = browser.findElement(By.id("classes"));
		await().until(ExpectedConditions.visibilityOf(classes));
		List<String> rows = browser.findElements(By.cssSelector("#confusion tbody tr"))
			.stream()
			.map((row) -> row.getAttribute("data-class"))
			.toList();
		assertThat(rows).containsExactlyElementsOf(SyntheticImages.CLASSES);
		assertThat(browser.findElements(By.cssSelector("#confusion tbody tr:first-child td")))
			.hasSize(SyntheticImages.CLASSES.size() + 1);
		assertThat(browser.findElement(By.id("balanced")).getText()).endsWith("%");
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", classes);
		screenshot("dashboard-classes.png");

		browser.findElement(By.cssSelector("#promote button")).click();
		await().until(ExpectedConditions.textMatches(By.id("promoted"), Pattern.compile("production v1")));

		Path image = directory.resolve("shoe.png");
		BufferedImage gray = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
		gray.getRaster().setDataElements(0, 0, 28, 28, TrainedCheckpoints.image(7));
		ImageIO.write(gray, "png", image.toFile());
		browser.get(service.uri("/predict.html?model=production").toString());
		browser.findElement(By.id("image")).sendKeys(image.toAbsolutePath().toString());
		await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#bars .bar"), 5));
		List<String> labels = browser.findElements(By.cssSelector("#bars .bar"))
			.stream()
			.map((bar) -> bar.getAttribute("data-label"))
			.toList();
		assertThat(SyntheticImages.CLASSES).containsAll(labels);
		assertThat(browser.findElement(By.id("served")).getText()).startsWith("production v1");
		screenshot("dashboard-predict.png");

		browser.get(service.uri("/").toString());
		await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("runs"), "SUCCEEDED"));
		screenshot("dashboard-runs.png");
	}

	@Test
	void launchAStudyWatchItsTableAndCurvesThenCompareTwoOfItsRuns() throws Exception {
		browser.get(service.uri("/studies.html").toString());
		((JavascriptExecutor) browser).executeScript("localStorage.setItem('simmixmatch.apiKey', arguments[0])",
				API_KEY);
		browser.navigate().refresh();
		WebElement study = browser.findElement(By.name("study"));
		study.clear();
		study.sendKeys("""
				{"name": "browser study", "datasetId": "synthetic",
				 "base": {"hyperparameters": {"epochs": 3, "stepsPerEpoch": 5, "batchSize": 8,
				   "labelsPerClass": 4, "validationPerClass": 4, "emaDecay": 0.9}},
				 "grid": {"algorithm": ["SUPERVISED", "MIXMATCH"]}, "seeds": [0, 1],
				 "baseline": {"algorithm": "SUPERVISED"}}""");
		browser.findElement(By.cssSelector("#launch button[type=submit]")).click();

		await().until(ExpectedConditions.urlContains("/study.html?id="));
		await().until(ExpectedConditions.textToBe(By.id("status"), "ENDED"));
		await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#configurations tr"), 2));
		await().until((driver) -> driver.findElements(By.cssSelector("#charts data[data-series]")).size() == 4
				&& driver.findElements(By.cssSelector("#charts data[data-series]"))
					.stream()
					.allMatch((count) -> "3".equals(count.getAttribute("value"))));
		assertThat(browser.findElement(By.cssSelector("tr[data-configuration='0']")).getText())
			.startsWith("SUPERVISED (baseline)");
		assertThat(browser.findElement(By.cssSelector("tr[data-configuration='1']")).getText()).contains("MIXMATCH",
				"(2 seeds)");
		screenshot("dashboard-study.png");

		browser.get(service.uri("/").toString());
		await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("runs"), "browser study"));
		List<WebElement> boxes = browser.findElements(By.cssSelector("#runs input[type=checkbox]"));
		boxes.get(0).click();
		boxes.get(1).click();
		browser.findElement(By.id("compare")).click();
		await().until(ExpectedConditions.urlContains("/compare.html?runs="));
		await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#runs tr"), 2));
		await()
			.until((driver) -> driver.findElements(By.cssSelector("figure[data-title='Validation top-1 (EMA)'] data"))
				.stream()
				.filter((count) -> "3".equals(count.getAttribute("value")))
				.count() == 2);
		screenshot("dashboard-compare.png");
	}

	@Test
	void uploadADataSetWatchItImportAndSeeItsClasses(@TempDir Path directory) throws Exception {
		Path archive = Archives.shopLike(6, 3, 5).zip(directory.resolve("shop.zip"));
		browser.get(service.uri("/datasets.html").toString());
		((JavascriptExecutor) browser).executeScript("localStorage.setItem('simmixmatch.apiKey', arguments[0])",
				API_KEY);
		browser.navigate().refresh();

		WebElement form = browser.findElement(By.id("upload"));
		form.findElement(By.name("name")).sendKeys("Browser Shop");
		form.findElement(By.id("archive")).sendKeys(archive.toAbsolutePath().toString());
		form.findElement(By.cssSelector("button[type=submit]")).click();

		By row = By.cssSelector("tr[data-dataset=browser-shop]");
		await().until(ExpectedConditions.textToBePresentInElementLocated(row, "READY"));
		assertThat(browser.findElement(row).getText()).contains("12 / 6 / 0 / 18", "3 x 32 x 32");
		await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#histogram .bar"), 6));
		browser.findElement(By.cssSelector("#histogram .bar[data-label=item-003]")).click();
		await().until(ExpectedConditions.visibilityOfElementLocated(By.id("samples")));
		await().until((driver) -> ((Number) ((JavascriptExecutor) driver)
			.executeScript("return document.getElementById('samples').naturalWidth")).intValue() == 2 * 32 + 2);
		assertThat(browser.findElement(By.id("samples-class")).getText()).isEqualTo("item-003");
		screenshot("dashboard-datasets.png");

		browser.get(service.uri("/").toString());
		await()
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#datasets option[value=browser-shop]")));
	}

	// CHROMIUM or CHROMEDRIVER if set, else the program on PATH, as .ci/run finds it.
	private static Optional<Path> program(String variable, String name) {
		String chosen = System.getenv(variable);
		return (chosen != null) ? Optional.of(Path.of(chosen)).filter(Files::isExecutable) : Prerequisites.onPath(name);
	}

	private static int points(By series) {
		return Integer.parseInt(browser.findElement(series).getAttribute("value"));
	}

	private static WebDriverWait await() {
		// The chart is drawn anew with every event: an element found may be gone a moment
		// later.
		return (WebDriverWait) new WebDriverWait(browser, Duration.ofMinutes(2))
			.ignoring(StaleElementReferenceException.class);
	}

	private static void screenshot(String name) throws Exception {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", "screenshots");
		Files.createDirectories(target);
		Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
		String docs = System.getProperty("screenshots.dir");
		if (docs != null) {
			Files.copy(shot.toPath(), Path.of(docs).resolve(name), StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
