package dev.neurona.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The percentage and ETA of a job, worked by hand. */
class JobProgressTest {

    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void theFractionCountsFinishedEpochsAndTheBatchesOfTheCurrentOne() {
        // epoch 3 of 10, 5 of 20 batches done: (2 + 0.25) / 10
        assertThat(JobProgress.fraction(3, 5, 20, 10)).isCloseTo(0.225, within(1e-12));
        // a finished epoch is recorded as its last batch
        assertThat(JobProgress.fraction(4, 20, 20, 4)).isEqualTo(1.0);
        assertThat(JobProgress.fraction(1, 0, 0, 4)).isZero();
        assertThat(JobProgress.fraction(0, 0, 0, 4)).as("not started").isZero();
        assertThat(JobProgress.fraction(2, 3, 0, 4)).as("batches unknown").isEqualTo(0.25);
        assertThat(JobProgress.fraction(5, 30, 20, 4)).as("never above 1").isEqualTo(1.0);
        assertThat(JobProgress.fraction(1, 1, 1, 0)).as("no epochs").isZero();
    }

    @Test
    void percentIsRoundedDownToOneDecimal() {
        assertThat(JobProgress.percent(0.225)).isEqualTo(22.5);
        assertThat(JobProgress.percent(0.57)).as("0.57 is stored as 0.5699999…").isEqualTo(57.0);
        assertThat(JobProgress.percent(2.0 / 3)).isEqualTo(66.6);
        assertThat(JobProgress.percent(0.99999)).as("100 only when done").isEqualTo(99.9);
        assertThat(JobProgress.percent(1.0)).isEqualTo(100.0);
    }

    @Test
    void theEtaExtrapolatesThePaceSinceTheRunStarted() {
        // a quarter done in 30 s: three quarters take 90 s more
        assertThat(JobProgress.eta(0.25, 0, 10, START, START.plusSeconds(30))).isEqualTo(90);
        // (2 + 0.5) / 10 done after 100 s: 7.5 tenths left at 40 s per tenth = 300 s
        assertThat(JobProgress.eta(JobProgress.fraction(3, 10, 20, 10), 0, 10, START, START.plusSeconds(100)))
                .isEqualTo(300);
        // partial seconds round up
        assertThat(JobProgress.eta(0.3, 0, 10, START, START.plusMillis(1000))).isEqualTo(3);
        assertThat(JobProgress.eta(1.0, 0, 10, START, START.plusSeconds(5))).isZero();
    }

    @Test
    void aResumedRunCountsOnlyTheProgressSinceItsStart() {
        // resumed after epoch 6 of 10 (started_at set anew); 1 more epoch in 20 s: 3 epochs left take 60 s
        assertThat(JobProgress.eta(0.7, 6, 10, START, START.plusSeconds(20))).isEqualTo(60);
        // counting from epoch 0 instead would have said (0.3 / 0.7) × 20 ≈ 9 s
        assertThat(JobProgress.eta(0.7, 0, 10, START, START.plusSeconds(20))).isEqualTo(9);
        // no progress since the resume yet: unknown
        assertThat(JobProgress.eta(0.6, 6, 10, START, START.plusSeconds(20))).isNull();
    }

    @Test
    void theEtaIsUnknownWithoutProgressOrAStart() {
        assertThat(JobProgress.eta(0, 0, 10, START, START.plusSeconds(10))).isNull();
        assertThat(JobProgress.eta(0.5, 0, 10, null, START)).isNull();
        assertThat(JobProgress.eta(0.5, 0, 10, START, START))
                .as("no time elapsed")
                .isNull();
        assertThat(JobProgress.eta(0.5, 0, 10, START, START.minusSeconds(3)))
                .as("clock skew")
                .isNull();
    }

    @Test
    void eachStateHasItsEstimate() {
        Instant now = START.plusSeconds(30);
        assertThat(JobProgress.of(JobState.QUEUED, 0, 0, 0, 10, 0, null, now))
                .isEqualTo(new JobProgress.Estimate(0, null));
        assertThat(JobProgress.of(JobState.RUNNING, 3, 10, 20, 10, 0, START, now))
                .isEqualTo(new JobProgress.Estimate(25.0, 90L));
        assertThat(JobProgress.of(JobState.RUNNING, 0, 0, 0, 10, 0, START, now))
                .as("just started")
                .isEqualTo(new JobProgress.Estimate(0, null));
        // early stopping ends before the last epoch: succeeded is 100 all the same
        assertThat(JobProgress.of(JobState.SUCCEEDED, 6, 20, 20, 10, 0, START, now))
                .isEqualTo(new JobProgress.Estimate(100, null));
        assertThat(JobProgress.of(JobState.CANCELLED, 3, 10, 20, 10, 0, START, now))
                .as("where it stopped")
                .isEqualTo(new JobProgress.Estimate(25.0, null));
        assertThat(JobProgress.of(JobState.FAILED, 1, 20, 20, 10, 0, START, now))
                .isEqualTo(new JobProgress.Estimate(10.0, null));
    }
}
