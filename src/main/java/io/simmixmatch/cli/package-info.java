/**
 * The command line of the application, the counterpart of the original
 * {@code python main.py}: {@code java -jar simmixmatch.jar train ...} trains without
 * starting the service.
 */
package io.simmixmatch.cli;
