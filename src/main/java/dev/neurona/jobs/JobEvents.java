package dev.neurona.jobs;

import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.events.EventStream;
import dev.neurona.platform.events.EventStreams;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.training.EpochRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The server-sent event streams of jobs, on the platform's fan-out: a poll reads, for each job someone follows, the
 * database row (the source of truth, whichever node runs the job) and, when this JVM runs the job, its fresher batch
 * position; {@link EventCursor} turns that into each subscriber's events.
 */
@Service
class JobEvents {

    private final JobRepository jobs;
    private final LiveProgress live;
    private final EventStream<UUID, EventCursor.Snapshot> stream;

    JobEvents(JobRepository jobs, LiveProgress live, NeuronaProperties properties, EventStreams streams) {
        this.jobs = jobs;
        this.live = live;
        this.stream = streams.stream(
                "jobs", "/api/v1/jobs/", properties.jobs().ssePollInterval(), id -> new Reader(id)::read);
    }

    /**
     * A stream that starts with the job's current state: a queued job's position; a running job's finished epochs
     * (after {@code lastEpoch}, the {@code Last-Event-ID} of a reconnecting client) and its progress; a finished job's
     * final event alone, after which the stream ends at once.
     */
    SseEmitter subscribe(UUID id, int lastEpoch) {
        JobStatus status = jobs.status(id).orElseThrow(() -> new NotFoundException("job", id));
        Instant now = Instant.now();
        // a finished job's first snapshot gives its final event alone: its history need not be read
        EventCursor.Snapshot current = status.state().terminal()
                ? snapshot(status, null, List.of(), now)
                : new Reader(id).read().orElseGet(() -> snapshot(status, null, List.of(), now));
        return stream.subscribe(id, current, new EventCursor(lastEpoch));
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

    /** Reads one followed job; keeps its history as last read while its length in the database stays the same. */
    private final class Reader {

        private final UUID id;
        private long historyChars = -1;
        private List<EpochRecord> history = List.of();

        Reader(UUID id) {
            this.id = id;
        }

        /** Empty when the job is gone. */
        Optional<EventCursor.Snapshot> read() {
            // the live position first: the row read after it is at least as new, so its history holds every epoch
            // before the live one, and an epoch event never comes after the progress of the next epoch
            LiveProgress.Position position = live.position(id);
            return jobs.status(id).map(status -> snapshot(status, position, history(status), Instant.now()));
        }

        private List<EpochRecord> history(JobStatus status) {
            if (status.historyChars() <= 2) {
                return List.of();
            }
            if (status.historyChars() != historyChars) {
                history = jobs.history(id);
                historyChars = status.historyChars();
            }
            return history;
        }
    }
}
