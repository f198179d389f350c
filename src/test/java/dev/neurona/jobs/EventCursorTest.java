package dev.neurona.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.training.EpochRecord;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which events one subscriber gets from the snapshots the poller reads. */
class EventCursorTest {

    private static final UUID MODEL = UUID.fromString("02a6477b-a5c2-422d-a4f8-23141f21261d");

    private static EpochRecord epoch(int n) {
        return new EpochRecord(n, 1.0 / n, null, 0.5, null, null, null, null, 10, 1000, 0.01);
    }

    private static List<EpochRecord> epochs(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(EventCursorTest::epoch).toList();
    }

    private static EventCursor.Snapshot queued(int position) {
        return new EventCursor.Snapshot(JobState.QUEUED, position, null, List.of(), null, null);
    }

    private static EventCursor.Snapshot running(int epoch, int batch, int finished, Long eta) {
        JobEvent.Progress p = new JobEvent.Progress(
                epoch, 3, batch, 10, JobProgress.percent(JobProgress.fraction(epoch, batch, 10, 3)), eta);
        return new EventCursor.Snapshot(JobState.RUNNING, null, p, epochs(finished), null, null);
    }

    private static List<String> names(List<JobEvent> events) {
        return events.stream().map(JobEvent::name).toList();
    }

    @Test
    void aJobFollowedFromTheQueueToItsModel() {
        EventCursor cursor = new EventCursor(0);
        assertThat(cursor.next(queued(2))).containsExactly(JobEvent.of("queued", new JobEvent.Queued(2, 1)));
        assertThat(cursor.next(queued(2))).as("same position").isEmpty();
        assertThat(cursor.next(queued(1))).containsExactly(JobEvent.of("queued", new JobEvent.Queued(1, 0)));
        assertThat(names(cursor.next(running(1, 4, 0, null)))).containsExactly("progress");
        assertThat(cursor.next(running(1, 4, 0, 12L)))
                .as("only the ETA changed")
                .isEmpty();
        // two epochs finished between two polls: both, in order, before the progress of the third
        List<JobEvent> events = cursor.next(running(3, 1, 2, 5L));
        assertThat(names(events)).containsExactly("epoch", "epoch", "progress");
        assertThat(events.get(0).id()).isEqualTo("1");
        assertThat(((EpochRecord) events.get(1).data()).epoch()).isEqualTo(2);
        assertThat(((JobEvent.Progress) events.get(2).data()).percent()).isEqualTo(70.0);
        assertThat(cursor.next(running(3, 1, 2, 4L))).isEmpty();
        assertThat(cursor.finished()).isFalse();

        events = cursor.next(new EventCursor.Snapshot(JobState.SUCCEEDED, null, null, epochs(3), MODEL, null));
        assertThat(names(events)).as("the last epoch, then the end").containsExactly("epoch", "succeeded");
        assertThat(events.get(1).data()).isEqualTo(new JobEvent.Succeeded(MODEL));
        assertThat(cursor.finished()).isTrue();
        assertThat(cursor.next(new EventCursor.Snapshot(JobState.SUCCEEDED, null, null, epochs(3), MODEL, null)))
                .as("nothing after the end")
                .isEmpty();
    }

    @Test
    void aLateSubscriberGetsTheEpochsDoneThenTheProgress() {
        EventCursor cursor = new EventCursor(0);
        assertThat(names(cursor.next(running(3, 5, 2, 10L)))).containsExactly("epoch", "epoch", "progress");
        assertThat(cursor.next(running(3, 5, 2, 10L))).isEmpty();
    }

    @Test
    void aReconnectSkipsTheEpochsTheClientHas() {
        EventCursor cursor = new EventCursor(2);
        List<JobEvent> events = cursor.next(running(4, 1, 3, 10L));
        assertThat(names(events)).containsExactly("epoch", "progress");
        assertThat(events.get(0).id()).isEqualTo("3");
    }

    @Test
    void anEpochIsNeverSentTwiceEvenWhenTheHistoryStartsOver() {
        EventCursor cursor = new EventCursor(0);
        assertThat(names(cursor.next(running(3, 1, 2, null)))).containsExactly("epoch", "epoch", "progress");
        // a job restarted after a crash trains from epoch 1 again
        assertThat(names(cursor.next(running(1, 1, 0, null)))).containsExactly("progress");
        assertThat(names(cursor.next(running(3, 2, 2, null)))).containsExactly("progress");
        assertThat(names(cursor.next(running(3, 3, 3, null)))).containsExactly("epoch", "progress");
    }

    @Test
    void aFinishedJobGetsItsFinalEventAlone() {
        EventCursor.Snapshot done = new EventCursor.Snapshot(JobState.SUCCEEDED, null, null, epochs(3), MODEL, null);
        assertThat(names(new EventCursor(0).next(done))).containsExactly("succeeded");

        EventCursor failed = new EventCursor(0);
        List<JobEvent> events = failed.next(new EventCursor.Snapshot(
                JobState.FAILED, null, null, List.of(), null, "the loss became NaN at epoch 2"));
        assertThat(events)
                .containsExactly(JobEvent.of("failed", new JobEvent.Failed("the loss became NaN at epoch 2")));
        assertThat(failed.finished()).isTrue();
    }

    @Test
    void aQueuedJobCancelledEndsWithCancelled() {
        EventCursor cursor = new EventCursor(0);
        cursor.next(queued(1));
        List<JobEvent> events =
                cursor.next(new EventCursor.Snapshot(JobState.CANCELLED, null, null, List.of(), null, null));
        assertThat(names(events)).containsExactly("cancelled");
        assertThat(events.get(0).data()).isEqualTo(java.util.Map.of());
        assertThat(cursor.finished()).isTrue();
    }
}
