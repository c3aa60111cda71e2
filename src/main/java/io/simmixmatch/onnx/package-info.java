/**
 * The model outside the service: a checkpoint's network written as an ONNX model that
 * other runtimes (ONNX Runtime, Triton, a browser) read, with what it needs to be used
 * there. Plain Java over the training core; nothing here knows about HTTP.
 */
package io.simmixmatch.onnx;
