package dev.neurona.platform.events;

import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.LimitReachedException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The one fan-out behind every server-sent event stream of this node (jobs, tuning runs): one cap on the streams open
 * on the node, whatever they follow ({@code neurona.jobs.sse-max-subscribers}), the same timeout and heartbeat, and
 * polls on Spring's {@link TaskScheduler}. A feature makes its {@link EventStream} once and keeps only what a snapshot
 * is and how a {@link StreamCursor} turns snapshots into events.
 */
@Component
public class EventStreams {

    /** The setting a 503 names when this node has all the streams it allows. */
    static final String CAP_SETTING = "neurona.jobs.sse-max-subscribers";

    /** Retry-After when this node has all the streams it allows: a stream usually ends with what it follows. */
    static final long RETRY_WHEN_FULL_SECONDS = 30;

    private final TaskScheduler scheduler;
    private final NeuronaProperties.Jobs settings;
    private final MeterRegistry meters;
    private final AtomicInteger open = new AtomicInteger();
    private final List<EventStream<?, ?>> streams = new CopyOnWriteArrayList<>();

    EventStreams(TaskScheduler scheduler, NeuronaProperties properties, MeterRegistry meters) {
        this.scheduler = scheduler;
        this.settings = properties.jobs();
        this.meters = meters;
    }

    /**
     * The streams of one kind of resource.
     *
     * @param name      in the gauge {@code neurona.<name>.event.streams} and in logs, e.g. {@code jobs}
     * @param resource  where a client the cap refuses can poll instead, before the key, e.g. {@code /api/v1/jobs/}
     * @param every     how often a followed key's snapshot is read
     * @param snapshots for a key that gets its first subscriber, what reads its snapshot (empty: the key is gone and
     *                  its streams end); it lives while the key is followed, so it may keep what it read last
     */
    public <K, S> EventStream<K, S> stream(
            String name, String resource, Duration every, Function<K, Supplier<Optional<S>>> snapshots) {
        EventStream<K, S> stream = new EventStream<>(this, name, resource, every, snapshots);
        streams.add(stream);
        Gauge.builder("neurona." + name + ".event.streams", stream, EventStream::open)
                .description("open " + name + " event streams on this node")
                .register(meters);
        return stream;
    }

    /** Takes a place under the node's cap, or refuses with a 503 naming the setting. */
    void reserve(String resource, Object key) {
        int limit = settings.sseMaxSubscribers();
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            throw new LimitReachedException(
                    LimitReachedException.Scope.NODE,
                    "too-many-subscribers",
                    "Too many event streams",
                    "This node already serves " + limit + " event streams (" + CAP_SETTING + "). Poll GET " + resource
                            + key + " instead, or try again later.",
                    CAP_SETTING,
                    limit,
                    limit,
                    RETRY_WHEN_FULL_SECONDS);
        }
    }

    void release() {
        open.decrementAndGet();
    }

    TaskScheduler scheduler() {
        return scheduler;
    }

    Duration timeout() {
        return settings.sseTimeout();
    }

    Duration heartbeat() {
        return settings.sseHeartbeat();
    }

    @PreDestroy
    void stop() {
        streams.forEach(EventStream::endAll);
    }
}
