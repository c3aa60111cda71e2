package io.simmixmatch.runs;

import java.util.function.Consumer;

import io.simmixmatch.database.PostgresNotifications;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one way {@link RunEvent}s travel. {@link #publish} hands an event to this process's
 * {@code @EventListener}s, inside the publishing transaction, and sends it as JSON on one
 * PostgreSQL channel, which every process's {@link #subscribe subscribers} hear when the
 * transaction commits. A notification sent while a process's listening connection is down
 * is lost: subscribers treat events as hints and keep a slower way to the truth.
 */
@Component
public class RunEvents {

	static final String CHANNEL = "run_events";

	private static final JsonMapper json = JsonMapper.shared();

	private final PostgresNotifications notifications;

	private final ApplicationEventPublisher listeners;

	RunEvents(PostgresNotifications notifications, ApplicationEventPublisher listeners) {
		this.notifications = notifications;
		this.listeners = listeners;
	}

	/**
	 * Publishes an event, inside the caller's transaction if it has one.
	 * @param event what happened
	 */
	public void publish(RunEvent event) {
		this.listeners.publishEvent(event);
		this.notifications.send(CHANNEL, json.writeValueAsString(event));
	}

	/**
	 * Calls a subscriber with every event of every process once it is committed, on the
	 * notification thread: a subscriber returns quickly.
	 * @param subscriber receives the events
	 */
	public void subscribe(Consumer<RunEvent> subscriber) {
		this.notifications.subscribe(CHANNEL, (payload) -> subscriber.accept(json.readValue(payload, RunEvent.class)));
	}

}
