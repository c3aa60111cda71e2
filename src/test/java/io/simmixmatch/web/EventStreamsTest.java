package io.simmixmatch.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;

import io.simmixmatch.web.EventStreams.Events;
import io.simmixmatch.web.EventStreams.ServerEvent;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Streams through Spring MVC's handling of a returned emitter, for resources whose state
 * is a word ("running", then "ended"): a stream must never miss the change that ends it.
 */
class EventStreamsTest {

	private static final long WAIT = Duration.ofSeconds(30).toMillis();

	private final EventStreams streams = new EventStreams(Duration.ofMinutes(1));

	private final Map<Long, String> states = new ConcurrentHashMap<>();

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Resources()).build();

	@Test
	void aChangePublishedWhileTheHistoryIsReadFollowsItAndEndsTheStream() throws Exception {
		this.states.put(1L, "running");

		MvcResult stream = this.mvc.perform(get("/resources/1").param("end", "after-read")).andReturn();

		assertThat(stream.getAsyncResult(WAIT)).as("ended without an error").isNull();
		assertThat(states(stream)).containsExactly("running", "ended");
		assertThat(this.streams.isWatched(1)).isFalse();
	}

	@Test
	void anEndTheHistoryShowsAndThatIsPublishedToEndsTheStreamOnce() throws Exception {
		this.states.put(4L, "running");

		MvcResult stream = this.mvc.perform(get("/resources/4").param("end", "before-read")).andReturn();

		assertThat(stream.getAsyncResult(WAIT)).as("ended without an error").isNull();
		assertThat(states(stream)).containsExactly("ended");
		assertThat(this.streams.isWatched(4)).isFalse();
	}

	@Test
	void aStreamOfAnEndedResourceEndsAfterItsHistory() throws Exception {
		this.states.put(2L, "ended");

		MvcResult stream = this.mvc.perform(get("/resources/2")).andReturn();

		assertThat(stream.getAsyncResult(WAIT)).as("ended without an error").isNull();
		assertThat(states(stream)).containsExactly("ended");
		assertThat(this.streams.isWatched(2)).isFalse();
	}

	@Test
	void aStreamOpenedAsItsResourceEndsAlwaysEndsWithTheEnd() throws Exception {
		for (long id = 100; id < 300; id++) {
			long resource = id;
			this.states.put(resource, "running");
			CyclicBarrier start = new CyclicBarrier(2);
			CompletableFuture<MvcResult> opened = CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
					return this.mvc.perform(get("/resources/" + resource)).andReturn();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			start.await();
			// From 0 to 200 us later, so that the change sweeps over the stream's
			// opening.
			long later = System.nanoTime() + (id % 50) * 4_000;
			while (System.nanoTime() < later) {
				Thread.onSpinWait();
			}
			end(resource);

			MvcResult stream = opened.get();
			assertThat(stream.getAsyncResult(WAIT)).as("resource %d ended without an error", resource).isNull();
			assertThat(states(stream)).as("resource %d", resource).last().isEqualTo("ended");
			assertThat(this.streams.isWatched(resource)).isFalse();
		}
	}

	@Test
	void aResourceThatCannotBeReadOpensNoStream() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.streams.open(3, () -> {
			throw new IllegalArgumentException("no resource 3");
		}));
		assertThat(this.streams.isWatched(3)).isFalse();
	}

	// What a relay does when a resource changes: the change, then an event if watched.
	private void end(long id) {
		this.states.put(id, "ended");
		if (this.streams.isWatched(id)) {
			this.streams.publish(id, new Events(List.of(new ServerEvent("state", "ended")), true));
		}
	}

	private static List<String> states(MvcResult stream) throws Exception {
		return stream.getResponse()
			.getContentAsString()
			.lines()
			.filter((line) -> line.startsWith("data:"))
			.map((line) -> line.substring("data:".length()))
			.toList();
	}

	@RestController
	class Resources {

		@GetMapping("/resources/{id}")
		SseEmitter events(@PathVariable long id, @RequestParam(defaultValue = "") String end) {
			return EventStreamsTest.this.streams.open(id, () -> {
				if (end.equals("before-read")) {
					end(id);
				}
				String state = EventStreamsTest.this.states.get(id);
				if (end.equals("after-read")) {
					end(id);
				}
				return new Events(List.of(new ServerEvent("state", state)), state.equals("ended"));
			});
		}

	}

}
