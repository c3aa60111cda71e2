package io.simmixmatch.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent event streams of one kind of resource (runs, studies), by the
 * resource's id: each stream is forgotten when its client goes away or it completes. A
 * stream listens before its history is read, and what is published while it is read
 * follows the history, so no change falls between the two: a change the history already
 * shows may arrive again, which clients take as the state it is.
 */
public final class EventStreams {

	private final Duration timeout;

	private final Map<Long, List<Stream>> streams = new ConcurrentHashMap<>();

	/**
	 * @param timeout how long a stream stays open at most; clients reconnect after it
	 */
	public EventStreams(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Opens a stream of a resource.
	 * @param id the resource
	 * @param readHistory reads the events that bring a new client up to date; what it
	 * throws (the resource does not exist) opens nothing
	 * @return the stream, to return from the handler
	 */
	public SseEmitter open(long id, Supplier<Events> readHistory) {
		SseEmitter emitter = new SseEmitter(this.timeout.toMillis());
		Stream stream = new Stream(id, emitter);
		this.streams.compute(id, (key, listeners) -> {
			List<Stream> watching = (listeners != null) ? listeners : new CopyOnWriteArrayList<>();
			watching.add(stream);
			return watching;
		});
		Events history;
		try {
			history = readHistory.get();
		}
		catch (RuntimeException ex) {
			stream.forget();
			throw ex;
		}
		emitter.onCompletion(stream::forget);
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> stream.forget());
		stream.catchUp(history);
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
	 * @param change the events, and whether the resource has ended after them, so that
	 * its streams end
	 */
	public void publish(long id, Events change) {
		this.streams.getOrDefault(id, List.of()).forEach((stream) -> stream.publish(change));
	}

	/**
	 * Events in order, and whether the resource has ended after them.
	 *
	 * @param events the events
	 * @param ended whether the stream ends after them
	 */
	public record Events(List<ServerEvent> events, boolean ended) {

	}

	/**
	 * One server-sent event.
	 *
	 * @param name its name
	 * @param data its data, written as JSON
	 */
	public record ServerEvent(String name, Object data) {

	}

	// One client's stream: what is published before its history has been sent waits. A
	// stream that ends is forgotten at once: one that ends before the handler returns its
	// emitter never hears its completion callback.
	private final class Stream {

		private final long id;

		private final SseEmitter emitter;

		private @Nullable List<Events> waiting = new ArrayList<>();

		private boolean ended;

		Stream(long id, SseEmitter emitter) {
			this.id = id;
			this.emitter = emitter;
		}

		synchronized void catchUp(Events history) {
			send(history);
			List<Events> published = this.waiting;
			this.waiting = null;
			if (published != null) {
				published.forEach(this::send);
			}
		}

		synchronized void publish(Events change) {
			if (this.waiting != null) {
				this.waiting.add(change);
			}
			else {
				send(change);
			}
		}

		private void send(Events events) {
			if (this.ended) {
				return;
			}
			try {
				for (ServerEvent event : events.events()) {
					this.emitter.send(SseEmitter.event().name(event.name()).data(event.data()));
				}
				if (events.ended()) {
					end();
					this.emitter.complete();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client went away.
				end();
				this.emitter.completeWithError(ex);
			}
		}

		private void end() {
			this.ended = true;
			forget();
		}

		void forget() {
			EventStreams.this.streams.computeIfPresent(this.id, (key, listeners) -> {
				listeners.remove(this);
				return listeners.isEmpty() ? null : listeners;
			});
		}

	}

}
