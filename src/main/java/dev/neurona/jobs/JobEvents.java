package dev.neurona.jobs;

import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.ApiException;
import dev.neurona.training.EpochRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The server-sent event streams of jobs. One daemon thread polls, for each job someone follows, the database row
 * (the source of truth, whichever node runs the job) and, when this JVM runs the job, its fresher batch position,
 * and pushes to each subscriber what changed for it. So the cost is one light query per followed job and poll,
 * whatever the number of subscribers, and nothing at all when nobody follows a job.
 *
 * <p>Sends are blocking writes on the poller thread: events are small, but a client that stops reading without
 * closing can hold the other streams up until the container's write timeout drops it.
 */
@Service
class JobEvents {

    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);

    /** Retry-After when this node has all the streams it allows: a stream usually ends with its job. */
    static final long RETRY_WHEN_FULL_SECONDS = 30;

    private final JobRepository jobs;
    private final LiveProgress live;
    private final NeuronaProperties.Jobs settings;
    private final Map<UUID, Set<Subscription>> watched = new ConcurrentHashMap<>();
    private final Map<UUID, CachedHistory> histories = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private ScheduledExecutorService poller;

    /** The history as last read, kept while its length in the database stays the same. */
    private record CachedHistory(long chars, List<EpochRecord> epochs) {}

    JobEvents(JobRepository jobs, LiveProgress live, NeuronaProperties properties, MeterRegistry meters) {
        this.jobs = jobs;
        this.live = live;
        this.settings = properties.jobs();
        Gauge.builder("neurona.jobs.event.streams", open, AtomicInteger::get)
                .description("open job event streams on this node")
                .register(meters);
    }

    @PostConstruct
    void start() {
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "neurona-job-events");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.ssePollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
        watched.values().forEach(subscriptions -> subscriptions.forEach(Subscription::end));
    }

    /**
     * A stream that starts with the job's current state: a queued job's position; a running job's finished epochs
     * (after {@code lastEpoch}, the {@code Last-Event-ID} of a reconnecting client) and its progress; a finished job's
     * final event alone, after which the stream ends at once.
     */
    SseEmitter subscribe(UUID id, int lastEpoch) {
        JobStatus status = jobs.status(id).orElseThrow(() -> ApiException.notFound("job", id));
        SseEmitter emitter = new SseEmitter(settings.sseTimeout().toMillis());
        if (status.state().terminal()) {
            try {
                for (JobEvent event : new EventCursor(0).next(snapshot(status, null, List.of(), Instant.now()))) {
                    emitter.send(sse(event));
                }
                emitter.complete();
            } catch (IOException e) {
                // not sent yet: early events are buffered until the response starts
                throw new IllegalStateException(e);
            }
            return emitter;
        }
        if (open.incrementAndGet() > settings.sseMaxSubscribers()) {
            open.decrementAndGet();
            throw ApiException.overLimit(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "too-many-subscribers",
                    "Too many event streams",
                    "This node already serves " + settings.sseMaxSubscribers()
                            + " job event streams (neurona.jobs.sse-max-subscribers). Poll GET /api/v1/jobs/" + id
                            + " instead, or try again later.",
                    "neurona.jobs.sse-max-subscribers",
                    settings.sseMaxSubscribers(),
                    settings.sseMaxSubscribers(),
                    RETRY_WHEN_FULL_SECONDS);
        }
        Subscription subscription = new Subscription(id, emitter, new EventCursor(lastEpoch));
        // completion covers timeouts and network errors too; completing on timeout keeps Spring from answering the
        // timeout with an error on a response that is already an event stream
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> subscription.close());
        watched.compute(id, (key, set) -> {
            Set<Subscription> subscriptions = set == null ? ConcurrentHashMap.newKeySet() : set;
            subscriptions.add(subscription);
            return subscriptions;
        });
        try {
            read(id, Instant.now()).ifPresent(subscription::push);
        } catch (RuntimeException e) {
            // the emitter is never returned, so its completion callback would never free the place
            subscription.close();
            throw e;
        }
        return emitter;
    }

    private void poll() {
        try {
            Instant now = Instant.now();
            long nanos = System.nanoTime();
            for (Map.Entry<UUID, Set<Subscription>> entry : watched.entrySet()) {
                Optional<EventCursor.Snapshot> snapshot;
                try {
                    snapshot = read(entry.getKey(), now);
                } catch (RuntimeException e) {
                    log.warn("cannot read job {} for its event streams: {}", entry.getKey(), e.toString());
                    continue;
                }
                for (Subscription subscription : entry.getValue()) {
                    snapshot.ifPresentOrElse(subscription::push, subscription::end);
                    subscription.heartbeat(nanos);
                }
            }
            histories.keySet().retainAll(watched.keySet());
        } catch (RuntimeException e) {
            // an exception would cancel the scheduled task, and with it every stream
            log.warn("job event poll failed", e);
        }
    }

    private Optional<EventCursor.Snapshot> read(UUID id, Instant now) {
        // the live position first: the row read after it is at least as new, so its history holds every epoch
        // before the live one, and an epoch event never comes after the progress of the next epoch
        LiveProgress.Position position = live.position(id);
        return jobs.status(id).map(status -> snapshot(status, position, history(status), now));
    }

    private EventCursor.Snapshot snapshot(
            JobStatus status, LiveProgress.Position position, List<EpochRecord> history, Instant now) {
        boolean running = status.state() == JobState.RUNNING;
        boolean local = running && position != null;
        int epoch = local ? position.epoch() : status.epoch();
        int batch = local ? position.batch() : status.batch();
        int totalBatches = local ? position.totalBatches() : status.totalBatches();
        JobProgress.Estimate estimate = JobProgress.of(
                status.state(),
                epoch,
                batch,
                totalBatches,
                status.totalEpochs(),
                status.startEpoch(),
                status.startedAt(),
                now);
        JobEvent.Progress progress = running
                ? new JobEvent.Progress(
                        epoch, status.totalEpochs(), batch, totalBatches, estimate.percentDone(), estimate.etaSeconds())
                : null;
        Integer queuePosition =
                status.state() == JobState.QUEUED ? jobs.queuePosition(status.id(), status.createdAt()) : null;
        return new EventCursor.Snapshot(
                status.state(), queuePosition, progress, history, status.modelId(), status.failureReason());
    }

    private List<EpochRecord> history(JobStatus status) {
        if (status.historyChars() <= 2) {
            return List.of();
        }
        CachedHistory cached = histories.get(status.id());
        if (cached != null && cached.chars() == status.historyChars()) {
            return cached.epochs();
        }
        List<EpochRecord> epochs = jobs.history(status.id());
        histories.put(status.id(), new CachedHistory(status.historyChars(), epochs));
        return epochs;
    }

    private static SseEmitter.SseEventBuilder sse(JobEvent event) {
        SseEmitter.SseEventBuilder sse =
                SseEmitter.event().name(event.name()).data(event.data(), MediaType.APPLICATION_JSON);
        return event.id() == null ? sse : sse.id(event.id());
    }

    /** One open stream; the poller and the subscribing request push to it one at a time. */
    private final class Subscription {

        private final UUID jobId;
        private final SseEmitter emitter;
        private final EventCursor cursor;
        private final AtomicBoolean closed = new AtomicBoolean();
        private long lastSent = System.nanoTime();

        Subscription(UUID jobId, SseEmitter emitter, EventCursor cursor) {
            this.jobId = jobId;
            this.emitter = emitter;
            this.cursor = cursor;
        }

        synchronized void push(EventCursor.Snapshot snapshot) {
            if (closed.get()) {
                return;
            }
            try {
                List<JobEvent> events = cursor.next(snapshot);
                for (JobEvent event : events) {
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
            if (closed.get() || nanos - lastSent < settings.sseHeartbeat().toNanos()) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
                lastSent = nanos;
            } catch (IOException | IllegalStateException e) {
                gone(e);
            }
        }

        /** The stream is over (the job finished, vanished, or the node shuts down). */
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
            log.debug("event stream of job {} closed: {}", jobId, e.toString());
            close();
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
                watched.computeIfPresent(jobId, (key, set) -> {
                    set.remove(this);
                    return set.isEmpty() ? null : set;
                });
            }
        }
    }
}
