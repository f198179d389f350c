package dev.neurona.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.LimitReachedException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The queue limits' decisions and their Retry-After estimate. */
class QueueLimitsTest {

    private final JobRepository jobs = mock(JobRepository.class);

    /** The settings as Spring binds them: the defaults, with these properties on top. */
    static NeuronaProperties settings(String... keyValues) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        for (int i = 0; i < keyValues.length; i += 2) {
            source.put(keyValues[i], keyValues[i + 1]);
        }
        return new Binder(source).bindOrCreate("neurona", Bindable.of(NeuronaProperties.class));
    }

    @Test
    void theDefaults() {
        NeuronaProperties.Jobs jobs = settings().jobs();
        assertThat(jobs.maxQueued()).isEqualTo(100);
        assertThat(jobs.maxQueuedPerKey()).isEqualTo(20);
        assertThat(jobs.ssePollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(jobs.sseTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(jobs.sseHeartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(jobs.sseMaxSubscribers()).isEqualTo(1000);
        assertThatThrownBy(() -> settings("neurona.jobs.sse-poll-interval", "0s"))
                .hasRootCauseMessage("neurona.jobs.sse-poll-interval, sse-timeout and sse-heartbeat must be positive");
    }

    @Test
    void retryAfterIsTheMeanDurationOverTheRunningJobsWithinBounds() {
        assertThat(QueueLimits.retryAfterSeconds(List.of(), 1)).as("no history").isEqualTo(30);
        List<Duration> recent = List.of(Duration.ofSeconds(100), Duration.ofSeconds(200), Duration.ofSeconds(300));
        assertThat(QueueLimits.retryAfterSeconds(recent, 1)).isEqualTo(200);
        assertThat(QueueLimits.retryAfterSeconds(recent, 3))
                .as("three nodes training")
                .isEqualTo(67);
        assertThat(QueueLimits.retryAfterSeconds(recent, 0)).as("none running").isEqualTo(200);
        assertThat(QueueLimits.retryAfterSeconds(List.of(Duration.ofMillis(800)), 1))
                .isEqualTo(5);
        assertThat(QueueLimits.retryAfterSeconds(List.of(Duration.ofHours(5)), 1))
                .isEqualTo(3600);
        assertThat(QueueLimits.retryAfterSeconds(Collections.nCopies(20, Duration.ofMillis(10_500)), 2))
                .isEqualTo(6);
    }

    @Test
    void aKeyWithTooManyJobsGetsA429NamingTheSetting() {
        QueueLimits limits = new QueueLimits(jobs, settings("neurona.jobs.max-queued-per-key", "2"));
        when(jobs.countActiveBy("key-1")).thenReturn(2L);
        when(jobs.recentDurations(QueueLimits.RECENT_JOBS)).thenReturn(List.of(Duration.ofSeconds(40)));
        when(jobs.countByState(JobState.RUNNING)).thenReturn(1L);
        LimitReachedException e = catchThrowableOfType(LimitReachedException.class, () -> limits.check("key-1"));
        assertThat(e.scope()).isEqualTo(LimitReachedException.Scope.CALLER);
        assertThat(e.kind()).isEqualTo("too-many-jobs");
        assertThat(e.properties())
                .containsEntry("setting", "neurona.jobs.max-queued-per-key")
                .containsEntry("limit", 2L)
                .containsEntry("current", 2L);
        assertThat(e.getMessage()).contains("2 queued or running", "neurona.jobs.max-queued-per-key");
        assertThat(e.retryAfterSeconds()).isEqualTo(40);

        when(jobs.countActiveBy("key-1")).thenReturn(1L);
        limits.check("key-1");
    }

    @Test
    void aFullQueueIsA503ForEveryone() {
        QueueLimits limits = new QueueLimits(jobs, settings("neurona.jobs.max-queued", "3"));
        when(jobs.countByState(JobState.QUEUED)).thenReturn(3L);
        when(jobs.recentDurations(QueueLimits.RECENT_JOBS)).thenReturn(List.of());
        LimitReachedException e = catchThrowableOfType(LimitReachedException.class, () -> limits.check(null));
        assertThat(e.scope()).isEqualTo(LimitReachedException.Scope.NODE);
        assertThat(e.kind()).isEqualTo("queue-full");
        assertThat(e.properties())
                .containsEntry("setting", "neurona.jobs.max-queued")
                .containsEntry("limit", 3L)
                .containsEntry("current", 3L);
        assertThat(e.retryAfterSeconds()).isEqualTo(30);
        assertThatThrownBy(() -> limits.check("key-1")).isInstanceOf(DomainException.class);

        when(jobs.countByState(JobState.QUEUED)).thenReturn(2L);
        limits.check("key-1");
    }

    @Test
    void withoutAKeyThereIsNoPerKeyLimit() {
        QueueLimits limits = new QueueLimits(jobs, settings("neurona.jobs.max-queued-per-key", "0"));
        limits.check(null);
        verify(jobs, never()).countActiveBy(any());
        assertThatThrownBy(() -> limits.check("key-1"))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("max-queued-per-key");
    }
}
