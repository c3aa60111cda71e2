/**
 * Studies: ablations and sweeps as one request. A study launches an ordinary run per
 * configuration and seed, aggregates their accuracy per configuration, compares each with
 * a baseline over paired seeds, and may stop runs early by the median rule, behind the
 * {@code /api/v1/studies} API.
 */
package io.simmixmatch.studies;
