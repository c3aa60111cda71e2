/**
 * Executes runs: a durable queue in PostgreSQL (db-scheduler), worker processes bound to
 * devices that train one run at a time, and the supervisor that launches those processes
 * on a single machine.
 */
package io.simmixmatch.workers;
