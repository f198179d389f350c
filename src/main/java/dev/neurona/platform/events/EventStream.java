package dev.neurona.platform.events;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The server-sent event streams of one kind of resource, keyed by its id. While a key has subscribers, one task on
 * the scheduler reads its snapshot every poll interval, whatever the number of subscribers, and hands it to each
 * subscriber's cursor; a key nobody follows costs nothing. A comment line goes out to a stream that has had no event
 * for the heartbeat interval.
 *
 * <p>Sends are blocking writes on a scheduler thread: events are small, but a client that stops reading without
 * closing holds its key's task (one scheduler thread) until the container's write timeout drops it.
 *
 * @param <K> the key of what a stream follows
 * @param <S> the snapshot a poll reads
 */
public final class EventStream<K, S> {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final EventStreams streams;
    private final String name;
    private final String resource;
    private final Duration every;
    private final Function<K, Supplier<Optional<S>>> snapshots;
    private final Map<K, Watch> watched = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    EventStream(
            EventStreams streams,
            String name,
            String resource,
            Duration every,
            Function<K, Supplier<Optional<S>>> snapshots) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the poll interval of " + name + " event streams must be positive");
        }
        this.streams = streams;
        this.name = name;
        this.resource = resource;
        this.every = every;
        this.snapshots = snapshots;
    }

    /**
     * A stream that starts with what {@code cursor} makes of {@code current}. When that is already the end (say a
     * finished job's final event), the stream ends at once and takes no place under the cap; otherwise it takes one
     * (or the answer is a 503) and follows {@code key} until its cursor finishes, the key is gone, the client leaves
     * or the timeout ends it.
     */
    public SseEmitter subscribe(K key, S current, StreamCursor<S> cursor) {
        SseEmitter emitter = new SseEmitter(streams.timeout().toMillis());
        List<? extends StreamEvent> first = cursor.next(current);
        if (cursor.finished()) {
            try {
                for (StreamEvent event : first) {
                    emitter.send(sse(event));
                }
                emitter.complete();
            } catch (IOException e) {
                // not sent yet: events before the response starts are buffered
                throw new IllegalStateException(e);
            }
            return emitter;
        }
        streams.reserve(resource, key);
        open.incrementAndGet();
        Subscription subscription = new Subscription(key, emitter, cursor);
        // completion covers timeouts and network errors too; completing on timeout keeps Spring from answering the
        // timeout with an error on a response that is already an event stream
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> subscription.close());
        subscription.start(first);
        return emitter;
    }

    /** Open streams of this kind on this node. */
    int open() {
        return open.get();
    }

    /** The node shuts down: every stream ends, no poll runs again. */
    void endAll() {
        watched.values().forEach(watch -> {
            watch.task.cancel(false);
            watch.subscribers.forEach(Subscription::end);
        });
    }

    private void poll(Watch watch) {
        try {
            Optional<S> snapshot = null;
            try {
                snapshot = watch.snapshot.get();
            } catch (RuntimeException e) {
                log.warn("{} event streams: cannot read {}: {}", name, watch.key, e.toString());
            }
            long nanos = System.nanoTime();
            for (Subscription subscription : watch.subscribers) {
                if (snapshot != null) {
                    snapshot.ifPresentOrElse(subscription::push, subscription::end);
                }
                subscription.heartbeat(nanos);
            }
        } catch (RuntimeException e) {
            log.warn("{} event streams: the poll of {} failed", name, watch.key, e);
        }
    }

    private static SseEmitter.SseEventBuilder sse(StreamEvent event) {
        SseEmitter.SseEventBuilder sse =
                SseEmitter.event().name(event.name()).data(event.data(), MediaType.APPLICATION_JSON);
        return event.id() == null ? sse : sse.id(event.id());
    }

    /** A followed key: its subscribers, what reads it and the task that polls it. */
    private final class Watch {

        private final K key;
        private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
        private final Supplier<Optional<S>> snapshot;
        private final ScheduledFuture<?> task;

        Watch(K key) {
            this.key = key;
            this.snapshot = snapshots.apply(key);
            this.task = streams.scheduler()
                    .scheduleWithFixedDelay(() -> poll(this), Instant.now().plus(every), every);
        }
    }

    /** One open stream; the poll and the subscribing request push to it one at a time. */
    private final class Subscription {

        private final K key;
        private final SseEmitter emitter;
        private final StreamCursor<S> cursor;
        private final AtomicBoolean closed = new AtomicBoolean();
        private long lastSent = System.nanoTime();

        Subscription(K key, SseEmitter emitter, StreamCursor<S> cursor) {
            this.key = key;
            this.emitter = emitter;
            this.cursor = cursor;
        }

        /** Joins the key's watch and sends the first events; holding the lock, so no poll can send before them. */
        synchronized void start(List<? extends StreamEvent> first) {
            watched.compute(key, (k, watch) -> {
                Watch joined = watch == null ? new Watch(k) : watch;
                joined.subscribers.add(this);
                return joined;
            });
            send(first);
        }

        synchronized void push(S snapshot) {
            if (!closed.get()) {
                send(cursor.next(snapshot));
            }
        }

        private void send(List<? extends StreamEvent> events) {
            try {
                for (StreamEvent event : events) {
                    emitter.send(sse(event));
                }
                if (!events.isEmpty()) {
                    lastSent = System.nanoTime();
                }
                if (cursor.finished()) {
                    end();
                }
            } catch (IOException | IllegalStateException e) {
                gone(e);
            }
        }

        synchronized void heartbeat(long nanos) {
            if (closed.get() || nanos - lastSent < streams.heartbeat().toNanos()) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
                lastSent = nanos;
            } catch (IOException | IllegalStateException e) {
                gone(e);
            }
        }

        /** The stream is over (its cursor finished, the key is gone, or the node shuts down). */
        void end() {
            close();
            try {
                emitter.complete();
            } catch (IllegalStateException e) {
                // already completed by the container
            }
        }

        /**
         * The client went away (a failed write): forget the stream. The container reports the broken connection
         * and completes the request itself; completing it here would only log the I/O error a second time.
         */
        private void gone(Exception e) {
            log.debug("{} event stream of {} closed: {}", name, key, e.toString());
            close();
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
                streams.release();
                watched.computeIfPresent(key, (k, watch) -> {
                    watch.subscribers.remove(this);
                    if (!watch.subscribers.isEmpty()) {
                        return watch;
                    }
                    watch.task.cancel(false);
                    return null;
                });
            }
        }
    }
}
