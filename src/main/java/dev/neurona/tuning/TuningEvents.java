package dev.neurona.tuning;

import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of tuning runs, like those of jobs: {@code trial} (a leaderboard row) once per trial that
 * ended, {@code progress} (progress and best so far) when it changes, then {@code succeeded}, {@code failed} or
 * {@code cancelled} and the end of the stream. A late subscriber first gets every trial that has ended. One daemon
 * thread reads, once a second, each run someone follows.
 */
@Component
class TuningEvents {

    private final TuningService service;
    private final NeuronaProperties.Jobs settings;
    private final Map<UUID, Set<Subscription>> watched = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;

    TuningEvents(TuningService service, NeuronaProperties properties) {
        this.service = service;
        this.settings = properties.jobs();
    }

    @PostConstruct
    void start() {
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "neurona-tuning-events");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
        watched.values().forEach(s -> s.forEach(x -> x.emitter.complete()));
    }

    SseEmitter subscribe(UUID id) {
        TuningView view = service.get(id);
        SseEmitter emitter = new SseEmitter(settings.sseTimeout().toMillis());
        Subscription subscription = new Subscription(id, emitter);
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> subscription.close());
        if (!subscription.push(view)) {
            watched.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(subscription);
        }
        return emitter;
    }

    private void poll() {
        for (Map.Entry<UUID, Set<Subscription>> e : watched.entrySet()) {
            if (e.getValue().isEmpty()) {
                watched.remove(e.getKey());
                continue;
            }
            TuningView view;
            try {
                view = service.get(e.getKey());
            } catch (ApiException | org.springframework.dao.DataAccessException gone) {
                continue;
            }
            for (Subscription s : e.getValue()) {
                s.push(view);
            }
        }
    }

    /** What one subscriber has been sent. */
    private final class Subscription {

        private final UUID run;
        private final SseEmitter emitter;
        private final Set<Integer> trialsSent = new HashSet<>();
        private String lastProgress;

        Subscription(UUID run, SseEmitter emitter) {
            this.run = run;
            this.emitter = emitter;
        }

        /** Sends what changed; true once the final event went out and the stream ended. */
        synchronized boolean push(TuningView view) {
            try {
                for (TuningView.TrialView t : view.leaderboard().stream()
                        .sorted(java.util.Comparator.comparingInt(TuningView.TrialView::trial))
                        .toList()) {
                    if (!t.status().equals("ACTIVE") && trialsSent.add(t.trial())) {
                        emitter.send(SseEmitter.event().name("trial").data(t));
                    }
                }
                Map<String, Object> progress = new LinkedHashMap<>();
                progress.put("progress", view.progress());
                progress.put("best", view.best());
                String key = String.valueOf(progress);
                if (!key.equals(lastProgress)) {
                    lastProgress = key;
                    emitter.send(SseEmitter.event().name("progress").data(progress));
                }
                if (!view.state().equals("RUNNING")) {
                    Map<String, Object> end = new LinkedHashMap<>();
                    end.put("best", view.best());
                    end.put("reason", view.failureReason());
                    emitter.send(SseEmitter.event()
                            .name(view.state().toLowerCase(java.util.Locale.ROOT))
                            .data(end));
                    emitter.complete();
                    close();
                    return true;
                }
                return false;
            } catch (IOException | IllegalStateException e) {
                close();
                return true;
            }
        }

        void close() {
            Set<Subscription> set = watched.get(run);
            if (set != null) {
                set.remove(this);
            }
        }
    }
}
