/**
 * Cross-cutting web concerns: errors as RFC 9457 problem details and the page format of
 * list endpoints.
 */
package io.simmixmatch.web;
