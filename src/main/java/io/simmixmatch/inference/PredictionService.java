package io.simmixmatch.inference;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import io.simmixmatch.inference.PredictionResponse.ClassProbability;
import io.simmixmatch.inference.PredictionResponse.ImagePrediction;
import io.simmixmatch.inference.PredictionResponse.ServedModel;
import io.simmixmatch.inference.PredictionResponse.Timing;
import io.simmixmatch.web.ApiProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Classifies images with the model a name resolves to. A request is resolved once, so all
 * its images are answered by the same model version even while a promotion swaps the
 * alias: requests that resolved before the swap finish on the old model, later ones start
 * on the new.
 */
@Service
class PredictionService {

	private static final Logger log = LoggerFactory.getLogger(PredictionService.class);

	/** When a client turned away by a busy or failing prediction path may try again. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final ModelRegistry registry;

	private final ModelCache models;

	private final InferenceProperties properties;

	private final InferenceMetrics metrics;

	private final ImageDecoder decoder;

	PredictionService(ModelRegistry registry, ModelCache models, InferenceProperties properties,
			InferenceMetrics metrics) {
		this.registry = registry;
		this.models = models;
		this.properties = properties;
		this.metrics = metrics;
		// One request decodes per core at a time: more would only share the cores.
		this.decoder = new ImageDecoder(properties.maxPixels(), properties.maxRequestPixels(), new DecodeAdmission(
				properties.decodeMemory().toBytes(), Runtime.getRuntime().availableProcessors(), metrics), metrics);
	}

	/**
	 * Classifies image files.
	 * @param name the model
	 * @param images the files' bytes
	 * @return the top-5 of each, with the model and timing
	 */
	PredictionResponse predict(ModelName name, List<byte[]> images) {
		long started = System.nanoTime();
		checkCount(images.size());
		Served served = serve(name);
		List<float[]> inputs = this.decoder.decode(images, served.model().metadata());
		long decoded = System.nanoTime();
		List<float[]> probabilities = classify(served, inputs);
		long done = System.nanoTime();
		List<String> labels = served.model().metadata().classNames();
		List<ImagePrediction> predictions = probabilities.stream()
			.map((p) -> new ImagePrediction(top5(p, labels)))
			.toList();
		this.metrics.request("rest", Duration.ofNanos(done - started));
		return new PredictionResponse(ServedModel.of(served.version()), predictions,
				new Timing(millis(decoded - started), millis(done - decoded), millis(done - started)));
	}

	/**
	 * Classifies tensors that are already the model's input size.
	 * @param served the model, as {@link #serve} found it
	 * @param inputs channel-major values in [0, 1], one array per image
	 * @return the probabilities of every class, per image
	 */
	List<float[]> infer(Served served, List<float[]> inputs) {
		long started = System.nanoTime();
		checkCount(inputs.size());
		List<float[]> probabilities = classify(served, inputs);
		this.metrics.request("v2", Duration.ofNanos(System.nanoTime() - started));
		return probabilities;
	}

	/**
	 * The model a name resolves to now, loaded.
	 * @param name the model
	 * @return its version and loaded model
	 */
	Served serve(ModelName name) {
		ModelVersion version = this.registry.resolve(name).orElseThrow(() -> {
			this.metrics.error("unknown_model");
			return ApiProblems.notFound("model", name);
		});
		try {
			return new Served(version, this.models.get(version.checkpoint()));
		}
		catch (UncheckedIOException ex) {
			log.error("Cannot load model {} (checkpoint {})", name, version.checkpoint().id(), ex);
			this.metrics.error("model_unavailable");
			throw ApiProblems.unavailable("Model " + name + " cannot be loaded", RETRY_AFTER);
		}
	}

	private List<float[]> classify(Served served, List<float[]> inputs) {
		List<CompletableFuture<float[]>> results = new ArrayList<>(inputs.size());
		try {
			for (float[] input : inputs) {
				results.add(served.model().batcher().submit(input));
			}
			List<float[]> probabilities = new ArrayList<>(inputs.size());
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			for (CompletableFuture<float[]> result : results) {
				probabilities.add(result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			return probabilities;
		}
		catch (MicroBatcher.Overloaded ex) {
			this.metrics.error("overloaded");
			throw ApiProblems.unavailable("Too many images are waiting for a prediction", RETRY_AFTER);
		}
		catch (MicroBatcher.Unloaded ex) {
			// The model went over the memory budget between lookup and submission.
			return classify(serve(served.version().name()), inputs);
		}
		catch (TimeoutException | ExecutionException ex) {
			log.error("Prediction failed on model {}", served.version().name(), ex);
			this.metrics.error("prediction_failed");
			throw ApiProblems.unavailable("The prediction failed", RETRY_AFTER);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ApiProblems.unavailable("Interrupted", RETRY_AFTER);
		}
	}

	private void checkCount(int images) {
		if (images == 0) {
			this.metrics.error("no_image");
			throw ApiProblems.badRequest("The request holds no image");
		}
		if (images > this.properties.maxImages()) {
			this.metrics.error("too_many_images");
			throw ApiProblems.tooLarge(
					"The request holds " + images + " images; at most " + this.properties.maxImages() + " are taken");
		}
	}

	static List<ClassProbability> top5(float[] probabilities, List<String> labels) {
		return IntStream.range(0, probabilities.length)
			.boxed()
			.sorted(Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed())
			.limit(5)
			.map((i) -> new ClassProbability(i, labels.get(i), probabilities[i]))
			.toList();
	}

	private static double millis(long nanos) {
		return Math.round(nanos / 1e4) / 100.0;
	}

	/**
	 * A model version and its loaded model.
	 *
	 * @param version what the name resolved to
	 * @param model the loaded checkpoint
	 */
	record Served(ModelVersion version, LoadedModel model) {
	}

}
