package io.simmixmatch.inference;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How predictions are served ({@code simmixmatch.inference.*}, or
 * {@code SIMMIXMATCH_INFERENCE_*}).
 *
 * @param device where models run: {@code auto}, {@code cpu} or {@code gpuN}
 * @param defaultModel the model a request without {@code model} gets
 * @param maxBatch images per forward pass at most
 * @param maxWait how long the first image of a batch waits for others
 * @param predictors threads running forward passes per loaded model
 * @param queueCapacity images waiting per loaded model before requests are turned away
 * with 503
 * @param memoryBudget loaded models' checkpoint bytes at most; the least recently used is
 * unloaded beyond it
 * @param maxImages images per request
 * @param maxPixels pixels per image, checked before it is decoded
 * @param maxRequestPixels pixels of all the images of one request, checked before they
 * are decoded
 * @param decodeMemory heap that the images being decoded may take together, estimated
 * from their headers ({@value ImageDecoder#DECODED_BYTES_PER_PIXEL} bytes per pixel);
 * requests beyond it wait briefly, then get 503. It must hold one request's images.
 * @param maxRequestSize bytes per request body
 */
@ConfigurationProperties("simmixmatch.inference")
@Validated
public record InferenceProperties(@DefaultValue("auto") String device, @DefaultValue("production") String defaultModel,
		@DefaultValue("32") @Min(1) @Max(1024) int maxBatch, @DefaultValue("2ms") Duration maxWait,
		@DefaultValue("1") @Min(1) @Max(64) int predictors, @DefaultValue("512") @Min(1) int queueCapacity,
		@DefaultValue("512MB") DataSize memoryBudget, @DefaultValue("64") @Min(1) int maxImages,
		@DefaultValue("16777216") @Min(1) long maxPixels, @DefaultValue("33554432") @Min(1) long maxRequestPixels,
		@DefaultValue("512MB") DataSize decodeMemory, @DefaultValue("16MB") DataSize maxRequestSize) {

	public InferenceProperties {
		if (maxRequestPixels * ImageDecoder.DECODED_BYTES_PER_PIXEL > decodeMemory.toBytes()) {
			throw new IllegalArgumentException("simmixmatch.inference.decode-memory (" + decodeMemory
					+ ") cannot hold one request's images: max-request-pixels " + maxRequestPixels + " take up to "
					+ DataSize.ofBytes(maxRequestPixels * ImageDecoder.DECODED_BYTES_PER_PIXEL).toMegabytes() + "MB");
		}
	}

}
