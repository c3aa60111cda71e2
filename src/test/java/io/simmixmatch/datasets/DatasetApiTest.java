package io.simmixmatch.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.simmixmatch.data.Archives;
import io.simmixmatch.data.DatasetImport;
import io.simmixmatch.storage.BlobStore;
import io.simmixmatch.storage.StoredBlob;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.simmixmatch.data.Archives.encode;
import static io.simmixmatch.data.Archives.rgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Uploading data sets on a real PostgreSQL: the import's life, a run on its layout, and
 * bad uploads, each a 4xx with nothing written and nothing left on disk.
 */
@SpringBootTest(properties = { "simmixmatch.datasets.max-classes=8", "simmixmatch.datasets.max-pixels=1000000" })
@AutoConfigureMockMvc
class DatasetApiTest {

	private static final Path dataDir = temporaryDirectory();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private BlobStore blobs;

	@Autowired
	private DatasetImporter importer;

	@Autowired
	private JsonMapper json;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("simmixmatch.data-dir", dataDir::toString);
	}

	@BeforeEach
	void startWithOnlyTheBuiltInDataSet() {
		this.jdbc.update("truncate training_run, study cascade");
		this.jdbc.update("delete from dataset where format = 'UPLOADED'");
		this.jdbc.update("delete from blob");
	}

	@Test
	void anUploadImportsInTheBackgroundAndRunsTrainOnItsLayout() throws Exception {
		MvcTestResult upload = upload("Shop Catalogue 2026", zip(Archives.shopLike(6, 4, 1)));

		assertThat(upload).hasStatus(HttpStatus.ACCEPTED)
			.headers()
			.hasValue("Location", "/api/v1/datasets/shop-catalogue-2026");
		assertThat(upload).bodyJson().extractingPath("$.status").isEqualTo("IMPORTING");
		String ready = awaitStatus("shop-catalogue-2026", "READY");

		assertThat(ready).contains("\"name\":\"Shop Catalogue 2026\"", "\"format\":\"UPLOADED\"", "\"channels\":3",
				"\"height\":32", "\"progress\":{\"decoded\":42,\"planned\":42}",
				"\"counts\":{\"labeled\":12,\"validation\":6,\"test\":0,\"unlabeled\":24}",
				"\"labeledPerClass\":{\"item-000\":2,\"item-001\":2", "\"classNames\":[\"item-000\",");
		assertThat(this.jdbc.queryForObject("select count(*) from blob where key = 'datasets/shop-catalogue-2026.smm'",
				Long.class))
			.isOne();
		assertThat(importsLeftOnDisk()).isEmpty();

		MvcTestResult samples = this.mvc.get()
			.uri("/api/v1/datasets/shop-catalogue-2026/samples?class=item-002&count=3")
			.exchange();
		assertThat(samples).hasStatusOk().hasContentType(MediaType.IMAGE_PNG);
		BufferedImage strip = ImageIO.read(new ByteArrayInputStream(samples.getResponse().getContentAsByteArray()));
		assertThat(strip.getWidth()).as("2 of item-002's labeled images, 2 px apart").isEqualTo(2 * 32 + 2);
		assertThat(strip.getRGB(5, 5) & 0xffffff).isEqualTo(Archives.classColour(2));
		assertThat(this.mvc.get().uri("/api/v1/datasets/shop-catalogue-2026/samples?class=item-999"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/api/v1/datasets/shop-catalogue-2026/samples?class=item-002&count=0"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/api/v1/datasets/fashion-mnist/samples?class=Bag"))
			.hasStatus(HttpStatus.CONFLICT);

		assertThat(launch("shop-catalogue-2026", "{\"epochs\": 1}")).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.preset").isEqualTo("photo-32");
				json.assertThat().doesNotHavePath("$.hyperparameters.labelsPerClass");
				json.assertThat().hasPath("$.hyperparameters.lambdaPseudo");
			});
		assertThat(launch("shop-catalogue-2026", "{\"labelsPerClass\": 1, \"validationPerClass\": 1}"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.errors[0].field").isEqualTo("hyperparameters.labelsPerClass");
				json.assertThat().extractingPath("$.errors[1].field").isEqualTo("hyperparameters.validationPerClass");
				json.assertThat()
					.extractingPath("$.errors[0].message")
					.asString()
					.contains("its split is its archive's layout");
			});
		assertThat(upload("shop catalogue 2026", zip(Archives.shopLike(2, 1, 2)))).hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("A data set with id 'shop-catalogue-2026' exists; choose another name");
	}

	@Test
	void anImportWhoseImagesCannotBeDecodedFailsWithTheReason() throws Exception {
		Archives archive = new Archives();
		byte[] whole = encode(rgb(40, 40, 0x102030), "png");
		for (int i = 0; i < 6; i++) {
			// An intact header, cut off before the pixels: the scan plans it, decoding
			// fails
			archive.add("labeled/" + (i % 2) + "/" + i + ".png", Arrays.copyOf(whole, 50));
		}

		assertThat(upload("cut", zip(archive))).hasStatus(HttpStatus.ACCEPTED);

		assertThat(awaitStatus("cut", "FAILED")).contains("\"error\":\"6 of 6 images cannot be decoded\"");
		assertThat(this.jdbc.queryForObject("select count(*) from blob", Long.class)).isZero();
		assertThat(importsLeftOnDisk()).isEmpty();
		assertThat(launch("cut", "{}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("data set 'cut' is FAILED; runs need a READY one");
	}

	@Test
	void deletingRemovesTheImagesOnceNoActiveRunTrainsOnIt() throws Exception {
		upload("gone soon", zip(Archives.shopLike(2, 2, 3)));
		awaitStatus("gone-soon", "READY");
		String run = launch("gone-soon", "{}").getResponse().getContentAsString();
		long runId = Long.parseLong(run.replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));

		assertThat(this.mvc.delete().uri("/api/v1/datasets/gone-soon")).hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("Runs that are queued or running train on data set 'gone-soon'");
		assertThat(this.mvc.post().uri("/api/v1/runs/" + runId + "/cancel")).hasStatus(HttpStatus.ACCEPTED);
		assertThat(this.mvc.delete().uri("/api/v1/datasets/gone-soon")).hasStatus(HttpStatus.OK)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("DELETED");

		assertThat(this.jdbc.queryForObject("select count(*) from blob", Long.class)).isZero();
		assertThat(launch("gone-soon", "{}")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.delete().uri("/api/v1/datasets/fashion-mnist")).hasStatus(HttpStatus.CONFLICT);
		assertThat(this.mvc.delete().uri("/api/v1/datasets/nothing")).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void anImportLeftByAnInstanceThatWentAwayRunsAgainAndFinishes() throws Exception {
		byte[] archive = zip(Archives.shopLike(2, 1, 6));
		leftByAGoneInstance("restarted", archive, 0);

		awaitStatus("restarted", "READY");
		assertThat(this.jdbc.queryForObject("select images_decoded from dataset where id = 'restarted'", Integer.class))
			.isPositive();
		assertThat(this.jdbc.queryForObject("select count(*) from blob where key like 'imports/%'", Long.class))
			.as("the staged archive is removed")
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from " + ImportQueue.TABLE, Long.class)).isZero();
	}

	@Test
	void aLateFailureOfAnImportLeavesAReadyDataSetReady() throws Exception {
		upload("finished", zip(Archives.shopLike(2, 1, 9)));
		awaitStatus("finished", "READY");
		StoredBlob gone = new StoredBlob("imports/finished.archive", 0, "0".repeat(64));

		this.importer.fail("finished", new ImportJob(gone, new DatasetImport.Options(null, null, null, null, 1, 2)),
				"a second run of the import failed");

		assertThat(awaitStatus("finished", "READY")).doesNotContain("a second run");
	}

	@Test
	void anImportWhoseStagedArchiveIsGoneFailsWithTheReason() throws Exception {
		leftByAGoneInstance("unstaged", null, 0);

		assertThat(awaitStatus("unstaged", "FAILED")).contains("The import failed");
		assertThat(this.jdbc.queryForObject("select count(*) from " + ImportQueue.TABLE, Long.class)).isZero();
	}

	@Test
	void anImportLeftThreeTimesFailsWithTheReason() throws Exception {
		leftByAGoneInstance("killed", zip(Archives.shopLike(2, 1, 8)), 2);

		assertThat(awaitStatus("killed", "FAILED")).contains("stopped 3 times without finishing");
		assertThat(this.jdbc.queryForObject("select count(*) from blob where key like 'imports/%'", Long.class))
			.isZero();
	}

	@Test
	void twoUploadsUnderOneNameAtOnceMakeOneDataSetAndNeverChangeIt() throws Exception {
		byte[] three = zip(Archives.shopLike(3, 1, 1));
		byte[] five = zip(Archives.shopLike(5, 1, 2));
		for (int attempt = 0; attempt < 10; attempt++) {
			String name = "dup" + attempt;
			List<MvcTestResult> results = atOnce(() -> upload(name, three), () -> upload(name, five));

			assertThat(results).extracting((result) -> result.getResponse().getStatus())
				.as("attempt %d", attempt)
				.containsExactlyInAnyOrder(202, 409);
			int winner = (results.get(0).getResponse().getStatus() == 202) ? 3 : 5;
			assertThat(awaitStatus(name, "READY")).contains("\"item-00%d\"".formatted(winner - 1))
				.doesNotContain("\"item-00%d\"".formatted(winner));
		}
		assertThat(this.jdbc.queryForObject("select count(*) from dataset where format = 'UPLOADED'", Long.class))
			.isEqualTo(10);
		assertThat(importsLeftOnDisk()).isEmpty();
	}

	@Test
	void aDeleteAndALaunchAtOnceNeverLeaveARunOnADeletedDataSet() throws Exception {
		byte[] archive = zip(Archives.shopLike(2, 1, 3));
		Map<String, Integer> outcomes = new TreeMap<>();
		for (int attempt = 0; attempt < 20; attempt++) {
			String id = "race" + attempt;
			assertThat(upload(id, archive)).hasStatus(HttpStatus.ACCEPTED);
			awaitStatus(id, "READY");

			// Half the launches are studies, which read the data set before they launch.
			Callable<MvcTestResult> launch = (attempt % 2 == 0) ? () -> launch(id, "{\"epochs\": 1}") : () -> this.mvc
				.post()
				.uri("/api/v1/studies")
				.contentType(MediaType.APPLICATION_JSON)
				.content(
						"{\"datasetId\": \"%s\", \"base\": {}, \"grid\": {\"algorithm\": [\"MIXMATCH\"]}, \"seeds\": [0]}"
							.formatted(id))
				.exchange();
			List<MvcTestResult> results = atOnce(() -> this.mvc.delete().uri("/api/v1/datasets/" + id).exchange(),
					launch);

			int deleted = results.get(0).getResponse().getStatus();
			int launched = results.get(1).getResponse().getStatus();
			outcomes.merge("delete " + deleted + ", launch " + launched, 1, Integer::sum);
			assertThat(List.of(deleted, launched)).as("attempt %d", attempt).isIn(List.of(200, 400), List.of(409, 202));
		}
		assertThat(this.jdbc.queryForObject("""
				select count(*) from training_run r join dataset d on d.id = r.dataset_id
				where d.status = 'DELETED'""", Long.class)).as("runs on deleted data sets, %s", outcomes).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			truncated zip    | The archive is damaged or cut short:
			truncated tar    | The archive is damaged or cut short:
			tar cut at entry | The archive is damaged or cut short: the tar ends without its end-of-archive record
			truncated tar.gz | The archive is damaged or cut short:
			fake zip         | The archive is damaged or cut short:
			""")
	void aDamagedOrCutArchiveIsRefusedWithNothingWritten(String name, String detail) throws Exception {
		Archives images = Archives.shopLike(4, 6, 5);
		byte[] whole = switch (name) {
			case "truncated zip", "fake zip" -> zip(images);
			case "truncated tar.gz" -> bytes(images, "tar.gz");
			default -> tar(images);
		};
		byte[] archive = switch (name) {
			case "fake zip" -> concat(Arrays.copyOf(whole, 4), new byte[4096]);
			// Cut at a 512-byte record between the entries: the library alone reads it as
			// a complete, shorter archive.
			case "tar cut at entry" -> Arrays.copyOf(whole, cutAtHeader(whole));
			default -> Arrays.copyOf(whole, whole.length / 2);
		};

		assertThat(upload("damaged", archive)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith(detail);
		assertNothingWritten();
	}

	@Test
	void theListIsPagedInIdOrder() throws Exception {
		byte[] archive = zip(Archives.shopLike(2, 1, 8));
		assertThat(upload("b-shop", archive)).hasStatus(HttpStatus.ACCEPTED);
		assertThat(upload("a-shop", archive)).hasStatus(HttpStatus.ACCEPTED);

		assertThat(this.mvc.get().uri("/api/v1/datasets?size=2")).bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.items[*].id").asArray().containsExactly("a-shop", "b-shop");
			json.assertThat().extractingPath("$.totalItems").isEqualTo(3);
			json.assertThat().extractingPath("$.totalPages").isEqualTo(2);
		});
		assertThat(this.mvc.get().uri("/api/v1/datasets?page=1&size=2")).bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.containsExactly("fashion-mnist");
		assertThat(this.mvc.get().uri("/api/v1/datasets?size=101")).hasStatus(HttpStatus.BAD_REQUEST);
		awaitStatus("a-shop", "READY");
		awaitStatus("b-shop", "READY");
	}

	@Test
	void aNameWithoutLatinLettersGetsAnIdOfItsOwn() throws Exception {
		byte[] archive = zip(Archives.shopLike(2, 1, 7));

		MvcTestResult upload = upload("日本語", archive);

		assertThat(upload).hasStatus(HttpStatus.ACCEPTED).bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.name").isEqualTo("日本語");
			json.assertThat().extractingPath("$.id").asString().matches("dataset-[0-9a-f]{8}");
		});
		assertThat(upload("日本語", archive)).hasStatus(HttpStatus.CONFLICT);
	}

	@Test
	void anUploadAnswersWhenItWasRegisteredAndSizesOnlyOnceCounted() throws Exception {
		MvcTestResult upload = upload("sizes", zip(Archives.shopLike(2, 1, 6)));

		assertThat(upload).hasStatus(HttpStatus.ACCEPTED).bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.createdAt").isNotNull();
			json.assertThat().extractingPath("$.trainSize").isNull();
			json.assertThat().extractingPath("$.testSize").isNull();
		});
		assertThat(awaitStatus("sizes", "READY")).contains("\"trainSize\":8", "\"testSize\":0");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					traversal      | 400 | The archive's entry ../../etc/cron.d/x.png points outside the archive; such paths are refused
					link           | 400 | The archive's entry labeled/a/passwd.png is a link; links are refused
					zip bomb       | 413 | The archive unpacks to more than 100 times its size: refused as a likely zip bomb
					not an archive | 400 | The upload is not a zip, tar or tar.gz archive
					no labeled     | 400 | The archive has no labeled/<class>/ folder with an image in it
					empty tar      | 400 | The archive holds no files
					only bombs     | 400 | None of the archive's 2 files can be used: {more than 1000000 pixels=2}
					empty class    | 400 | The class 'c' of test/ has no labeled images in labeled/c/
					mostly text    | 400 | 3 of 4 files cannot be used: {not an image=3}
					absolute path  | 400 | The archive's entry /srv/labeled/a/2.png points outside the archive; such paths are refused
					many classes   | 413 | The archive has 9 classes; at most 8 are taken
					""")
	void aBadArchiveIsRefusedWithNothingWritten(String name, int status, String detail) throws Exception {
		byte[] png = encode(rgb(8, 8, 0x336699), "png");
		byte[] bomb = encode(rgb(1001, 1000, 0x336699), "png");
		Archives valid = new Archives().add("labeled/a/1.png", png).add("labeled/b/1.png", png);
		byte[] archive = switch (name) {
			case "traversal" -> zip(valid.add("../../etc/cron.d/x.png", png));
			case "link" -> tar(valid.link("labeled/a/passwd.png", "/etc/passwd"));
			case "zip bomb" -> zip(valid.add("unlabeled/zeros.png", new byte[64 << 20]));
			case "not an archive" -> png;
			case "no labeled" -> zip(new Archives().add("images/1.png", png));
			case "empty tar" -> tar(new Archives());
			case "only bombs" -> zip(new Archives().add("labeled/a/1.png", bomb).add("labeled/b/1.png", bomb));
			case "empty class" -> zip(valid.add("test/c/1.png", png));
			case "absolute path" -> zip(valid.add("/srv/labeled/a/2.png", png));
			case "many classes" -> zip(Archives.shopLike(9, 0, 8));
			default -> zip(new Archives().add("labeled/a/1.png", png)
				.add("labeled/a/2.txt", new byte[1])
				.add("labeled/a/3.txt", new byte[1])
				.add("labeled/a/4.txt", new byte[1]));
		};

		assertThat(upload("bad", archive)).hasStatus(status)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo(detail);
		assertNothingWritten();
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			name               | '   '  | name               | must not be blank
			name               | '!!!'  | name               | must contain a letter or a digit
			channels           | 2      | channels           | must be 1 or 3
			channels           | rgb    | channels           | must be an integer
			imageSize          | 4      | imageSize          | must be between 8 and 128
			imageSize          | 4096   | imageSize          | must be between 8 and 128
			testPerClass       | -1     | testPerClass       | must be between 0 and 10000
			colour             | red    | colour             | unknown field
			""")
	void aBadFieldIsNamed(String field, String value, String rejected, String message) throws Exception {
		MockMultipartFile archive = new MockMultipartFile("archive", "a.zip", "application/zip",
				zip(Archives.shopLike(2, 1, 4)));
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/datasets")
			.multipart()
			.file(archive)
			.param("name", field.equals("name") ? value : "fields")
			.param(field, value)
			.exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.errors[0].field").isEqualTo(rejected);
			json.assertThat().extractingPath("$.errors[0].message").isEqualTo(message);
		});
		assertNothingWritten();
	}

	@Test
	void anUploadWithoutItsArchiveNamesThePart() throws IOException {
		MvcTestResult result = this.mvc.post().uri("/api/v1/datasets").multipart().param("name", "x").exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("archive");
		assertNothingWritten();
	}

	private MvcTestResult upload(String name, byte[] archive) {
		return this.mvc.post()
			.uri("/api/v1/datasets")
			.multipart()
			.file(new MockMultipartFile("archive", "upload.zip", "application/zip", archive))
			.param("name", name)
			.exchange();
	}

	// An IMPORTING data set whose import an instance had picked when it went away (no
	// heartbeat for an hour), as a restart of the API leaves it; its archive staged
	// unless null.
	private void leftByAGoneInstance(String id, byte @Nullable [] archive, int earlierAttempts) throws IOException {
		this.jdbc.update("""
				insert into dataset (id, name, format, class_names, image_channels, image_height, image_width,
				    train_size, test_size, status, images_planned, created_at, updated_at)
				values (?, ?, 'UPLOADED', '["a", "b"]', 3, 32, 32, 1, 0, 'IMPORTING', 0, now(), now())""", id, id);
		StoredBlob staged = new StoredBlob("imports/" + id + ".archive", 0, "0".repeat(64));
		if (archive != null) {
			Path file = Files.createTempFile(dataDir, id, ".zip");
			Files.write(file, archive);
			staged = this.blobs.put(staged.key(), file);
		}
		ImportJob job = new ImportJob(staged, new DatasetImport.Options(null, null, null, null, 1_000_000, 8));
		this.jdbc.update(
				"""
						insert into %s (task_name, task_instance, task_data, execution_time, picked, picked_by,
						    last_heartbeat, consecutive_failures, version)
						values (?, ?, ?, now() - interval '1 hour', true, 'api-gone', now() - interval '1 hour', ?, 1)"""
					.formatted(ImportQueue.TABLE),
				ImportQueue.TASK, id, this.json.writeValueAsBytes(job), earlierAttempts);
	}

	private MvcTestResult launch(String datasetId, String hyperparameters) {
		return this.mvc.post()
			.uri("/api/v1/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"algorithm\": \"MIXMATCH\", \"datasetId\": \"%s\", \"hyperparameters\": %s}"
				.formatted(datasetId, hyperparameters))
			.exchange();
	}

	private String awaitStatus(String id, String status) {
		String[] body = new String[1];
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
			body[0] = this.mvc.get().uri("/api/v1/datasets/" + id).exchange().getResponse().getContentAsString();
			return body[0].contains("\"status\":\"" + status + "\"");
		});
		return body[0];
	}

	private void assertNothingWritten() throws IOException {
		assertThat(this.jdbc.queryForObject("select count(*) from dataset where format = 'UPLOADED'", Long.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from blob", Long.class)).isZero();
		assertThat(importsLeftOnDisk()).isEmpty();
	}

	private static List<Path> importsLeftOnDisk() throws IOException {
		Path imports = dataDir.resolve("imports");
		if (!Files.isDirectory(imports)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(imports)) {
			return files.toList();
		}
	}

	@SafeVarargs
	private static List<MvcTestResult> atOnce(Callable<MvcTestResult>... requests) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(requests.length);
		try {
			CyclicBarrier start = new CyclicBarrier(requests.length);
			List<Future<MvcTestResult>> futures = new ArrayList<>();
			for (Callable<MvcTestResult> request : requests) {
				futures.add(threads.submit(() -> {
					start.await();
					return request.call();
				}));
			}
			List<MvcTestResult> results = new ArrayList<>();
			for (Future<MvcTestResult> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	// The offset of the tar's last entry header: its archive ends before it.
	private static int cutAtHeader(byte[] tar) {
		int offset = 0;
		int last = 0;
		while (tar[offset] != 0) {
			last = offset;
			long size = Long
				.parseLong(new String(tar, offset + 124, 11, java.nio.charset.StandardCharsets.US_ASCII).trim(), 8);
			offset += 512 + (int) ((size + 511) / 512) * 512;
		}
		return last;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	private static byte[] zip(Archives archive) throws IOException {
		return bytes(archive, "zip");
	}

	private static byte[] tar(Archives archive) throws IOException {
		return bytes(archive, "tar");
	}

	private static byte[] bytes(Archives archive, String kind) throws IOException {
		Path file = Files.createTempFile(dataDir, "archive", "." + kind);
		try {
			return Files.readAllBytes(switch (kind) {
				case "zip" -> archive.zip(file);
				case "tar.gz" -> archive.tarGz(file);
				default -> archive.tar(file);
			});
		}
		finally {
			Files.delete(file);
		}
	}

	private static Path temporaryDirectory() {
		try {
			Path directory = Files.createTempDirectory("dataset-api-test");
			directory.toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
