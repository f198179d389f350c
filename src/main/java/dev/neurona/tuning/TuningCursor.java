package dev.neurona.tuning;

import dev.neurona.platform.events.StreamCursor;
import dev.neurona.platform.events.StreamEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one subscriber of a tuning run has been sent: {@code trial} (a leaderboard row) once per trial that ended, in
 * trial order; {@code progress} (progress and best so far) when it changes; then {@code succeeded}, {@code failed} or
 * {@code cancelled} with the best trial and the reason, and nothing more. A late subscriber first gets every trial
 * that has ended.
 */
final class TuningCursor implements StreamCursor<TuningView> {

    private final Set<Integer> trialsSent = new HashSet<>();
    private String lastProgress;
    private boolean finished;

    @Override
    public List<StreamEvent> next(TuningView view) {
        if (finished) {
            return List.of();
        }
        List<StreamEvent> events = new ArrayList<>();
        for (TuningView.TrialView t : view.leaderboard().stream()
                .sorted(Comparator.comparingInt(TuningView.TrialView::trial))
                .toList()) {
            if (!t.status().equals("ACTIVE") && trialsSent.add(t.trial())) {
                events.add(StreamEvent.of("trial", t));
            }
        }
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("progress", view.progress());
        progress.put("best", view.best());
        String key = String.valueOf(progress);
        if (!key.equals(lastProgress)) {
            lastProgress = key;
            events.add(StreamEvent.of("progress", progress));
        }
        if (!view.state().equals("RUNNING")) {
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("best", view.best());
            end.put("reason", view.failureReason());
            events.add(StreamEvent.of(view.state().toLowerCase(Locale.ROOT), end));
            finished = true;
        }
        return events;
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
