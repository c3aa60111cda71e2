package io.simmixmatch.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent event streams of one kind of resource (runs, studies), by the
 * resource's id: each stream is forgotten when its client goes away or it completes.
 */
public final class EventStreams {

	private final Duration timeout;

	private final Map<Long, List<SseEmitter>> streams = new ConcurrentHashMap<>();

	/**
	 * @param timeout how long a stream stays open at most; clients reconnect after it
	 */
	public EventStreams(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Opens a stream of a resource.
	 * @param id the resource
	 * @param history the events that bring a new client up to date
	 * @param ended whether the resource has ended, so that the stream ends after them
	 * @return the stream, to return from the handler
	 */
	public SseEmitter open(long id, List<ServerEvent> history, boolean ended) {
		SseEmitter emitter = new SseEmitter(this.timeout.toMillis());
		this.streams.computeIfAbsent(id, (key) -> new CopyOnWriteArrayList<>()).add(emitter);
		emitter.onCompletion(() -> forget(id, emitter));
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> forget(id, emitter));
		history.forEach((event) -> send(emitter, event));
		if (ended) {
			emitter.complete();
		}
		return emitter;
	}

	/**
	 * Whether anyone listens to a resource, before the work of an event is done.
	 * @param id the resource
	 * @return whether it has an open stream
	 */
	public boolean isWatched(long id) {
		return this.streams.containsKey(id);
	}

	/**
	 * Whether anyone listens at all.
	 * @return whether any stream is open
	 */
	public boolean isEmpty() {
		return this.streams.isEmpty();
	}

	/**
	 * Sends events to every stream of a resource.
	 * @param id the resource
	 * @param events the events, in order
	 * @param ended whether the resource has ended, so that its streams end after them
	 */
	public void publish(long id, List<ServerEvent> events, boolean ended) {
		for (SseEmitter emitter : this.streams.getOrDefault(id, List.of())) {
			events.forEach((event) -> send(emitter, event));
			if (ended) {
				emitter.complete();
			}
		}
	}

	private static void send(SseEmitter emitter, ServerEvent event) {
		try {
			emitter.send(SseEmitter.event().name(event.name()).data(event.data()));
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away: the emitter's completion callback forgets it.
			emitter.completeWithError(ex);
		}
	}

	private void forget(long id, SseEmitter emitter) {
		this.streams.computeIfPresent(id, (key, listeners) -> {
			listeners.remove(emitter);
			return listeners.isEmpty() ? null : listeners;
		});
	}

	/**
	 * One server-sent event.
	 *
	 * @param name its name
	 * @param data its data, written as JSON
	 */
	public record ServerEvent(String name, Object data) {

	}

}
