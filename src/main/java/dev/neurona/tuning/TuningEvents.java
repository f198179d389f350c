package dev.neurona.tuning;

import dev.neurona.platform.events.EventStream;
import dev.neurona.platform.events.EventStreams;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of tuning runs, on the platform's fan-out like those of jobs (the same cap, timeout and
 * heartbeat); {@link TuningCursor} says which events a subscriber gets.
 */
@Component
class TuningEvents {

    /** A run's view reads its whole leaderboard; trials take seconds, so once a second is soon enough. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final TuningService service;
    private final EventStream<UUID, TuningView> stream;

    TuningEvents(TuningService service, EventStreams streams) {
        this.service = service;
        this.stream = streams.stream("tuning", "/api/v1/tuning/", POLL_INTERVAL, id -> () -> service.find(id));
    }

    SseEmitter subscribe(UUID id) {
        return stream.subscribe(id, service.get(id), new TuningCursor());
    }
}
