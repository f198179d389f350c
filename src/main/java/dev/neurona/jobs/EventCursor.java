package dev.neurona.jobs;

import dev.neurona.platform.events.StreamCursor;
import dev.neurona.training.EpochRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one subscriber has been sent, and the events that bring it up to date with the job's latest snapshot: each
 * epoch once and in order, the queue position and progress only when they change, then one final event and
 * nothing more. A subscriber whose first snapshot is already final gets the final event alone (the job's history
 * is one GET away).
 */
final class EventCursor implements StreamCursor<EventCursor.Snapshot> {

    /** The job as the poller last read it. {@code history} may be empty when it is not needed (a finished job). */
    record Snapshot(
            JobState state,
            Integer queuePosition,
            JobEvent.Progress progress,
            List<EpochRecord> history,
            UUID modelId,
            String failureReason) {}

    private int lastEpoch;
    private Integer lastQueuePosition;
    private JobEvent.Progress lastProgress;
    private boolean started;
    private boolean finished;

    /** {@code lastEpoch}: the last epoch the client already has (from {@code Last-Event-ID}), 0 for none. */
    EventCursor(int lastEpoch) {
        this.lastEpoch = Math.max(0, lastEpoch);
    }

    @Override
    public List<JobEvent> next(Snapshot job) {
        if (finished) {
            return List.of();
        }
        List<JobEvent> events = new ArrayList<>();
        boolean first = !started;
        started = true;
        if (!(first && job.state().terminal())) {
            for (EpochRecord epoch : job.history()) {
                if (epoch.epoch() > lastEpoch) {
                    events.add(new JobEvent(JobEvent.EPOCH, epoch, String.valueOf(epoch.epoch())));
                    lastEpoch = epoch.epoch();
                }
            }
        }
        switch (job.state()) {
            case QUEUED -> {
                if (job.queuePosition() != null && !job.queuePosition().equals(lastQueuePosition)) {
                    events.add(JobEvent.of(
                            JobEvent.QUEUED, new JobEvent.Queued(job.queuePosition(), job.queuePosition() - 1)));
                    lastQueuePosition = job.queuePosition();
                }
            }
            case RUNNING -> {
                if (job.progress() != null && !job.progress().samePosition(lastProgress)) {
                    events.add(JobEvent.of(JobEvent.PROGRESS, job.progress()));
                    lastProgress = job.progress();
                }
            }
            case SUCCEEDED -> finish(events, JobEvent.of(JobEvent.SUCCEEDED, new JobEvent.Succeeded(job.modelId())));
            case FAILED -> finish(events, JobEvent.of(JobEvent.FAILED, new JobEvent.Failed(job.failureReason())));
            case CANCELLED -> finish(events, JobEvent.of(JobEvent.CANCELLED, Map.of()));
        }
        return events;
    }

    /** True once the final event has been handed out: the stream should complete. */
    @Override
    public boolean finished() {
        return finished;
    }

    private void finish(List<JobEvent> events, JobEvent last) {
        events.add(last);
        finished = true;
    }
}
