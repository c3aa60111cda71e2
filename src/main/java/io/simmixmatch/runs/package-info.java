/**
 * The lifecycle of training runs: launch, status and progress, per-epoch metrics,
 * checkpoints and cancellation, behind the {@code /api/v1/runs} API.
 */
package io.simmixmatch.runs;
