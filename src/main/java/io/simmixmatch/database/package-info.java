/**
 * PostgreSQL for a single machine: with no {@code spring.datasource.url}, the service
 * starts an embedded PostgreSQL whose data survives restarts.
 */
package io.simmixmatch.database;
