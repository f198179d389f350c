package dev.neurona.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.platform.events.StreamEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which events one subscriber of a tuning run gets from the views the poll reads. */
class TuningCursorTest {

    private static TuningView.TrialView trial(int index, String status) {
        return new TuningView.TrialView(
                index, Map.of("lr", 0.01), status, null, 3, 3, null, UUID.randomUUID(), null, null, null, false);
    }

    private static TuningView view(String state, int finished, List<TuningView.TrialView> board) {
        return new TuningView(
                UUID.randomUUID(),
                UUID.randomUUID(),
                state,
                "grid",
                Map.of(),
                List.of(),
                4,
                new TuningView.Progress(board.size(), finished, board.size() - finished, finished * 25.0),
                null,
                board,
                state.equals("FAILED") ? "no trial trained" : null,
                null,
                null);
    }

    private static List<String> names(List<StreamEvent> events) {
        return events.stream().map(StreamEvent::name).toList();
    }

    @Test
    void eachEndedTrialOnceInTrialOrderProgressWhenItChangesThenTheEnd() {
        TuningCursor cursor = new TuningCursor();
        assertThat(names(cursor.next(view("RUNNING", 0, List.of(trial(0, "ACTIVE"), trial(1, "ACTIVE"))))))
                .containsExactly("progress");
        assertThat(cursor.next(view("RUNNING", 0, List.of(trial(0, "ACTIVE"), trial(1, "ACTIVE")))))
                .as("nothing changed")
                .isEmpty();

        // the leaderboard is sorted best first; the events follow the trial order
        List<StreamEvent> events =
                cursor.next(view("RUNNING", 2, List.of(trial(1, "DONE"), trial(0, "PRUNED"), trial(2, "ACTIVE"))));
        assertThat(names(events)).containsExactly("trial", "trial", "progress");
        assertThat(((TuningView.TrialView) events.get(0).data()).trial()).isZero();
        assertThat(events.get(0).id()).isNull();
        assertThat(cursor.finished()).isFalse();

        events = cursor.next(view("FAILED", 3, List.of(trial(1, "DONE"), trial(0, "PRUNED"), trial(2, "FAILED"))));
        assertThat(names(events)).containsExactly("trial", "progress", "failed");
        Map<String, Object> end = new java.util.LinkedHashMap<>();
        end.put("best", null);
        end.put("reason", "no trial trained");
        assertThat(events.get(2).data()).isEqualTo(end);
        assertThat(cursor.finished()).isTrue();
        assertThat(cursor.next(view("FAILED", 3, List.of()))).isEmpty();
    }

    @Test
    void aLateSubscriberToAFinishedRunGetsEveryEndedTrialThenTheEnd() {
        TuningCursor cursor = new TuningCursor();
        assertThat(names(cursor.next(view("SUCCEEDED", 2, List.of(trial(1, "DONE"), trial(0, "DONE"))))))
                .containsExactly("trial", "trial", "progress", "succeeded");
        assertThat(cursor.finished()).isTrue();
    }
}
