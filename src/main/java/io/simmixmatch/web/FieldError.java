package io.simmixmatch.web;

/**
 * One rejected field of a request, in the {@code errors} member of a problem detail.
 *
 * @param field the path of the field in the request, such as
 * {@code hyperparameters.epochs}, or the name of a query parameter
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

}
