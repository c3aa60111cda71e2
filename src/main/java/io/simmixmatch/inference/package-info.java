/**
 * Serves predictions: the model registry (aliases and their versions), loaded models with
 * their micro-batching predictors, {@code /api/v1/predict} and the Open Inference
 * Protocol ({@code /v2}).
 */
package io.simmixmatch.inference;
