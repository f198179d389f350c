package dev.neurona.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.spec.ScheduleSpec;
import org.junit.jupiter.api.Test;

/** Schedules as pure functions of the update index s (from 0), against values worked out by hand. */
class LearningRateScheduleTest {

    private static final double LR = 0.1;
    private static final double EXACT = 1e-12;

    @Test
    void constantIsTheLearningRateThroughout() {
        LearningRateSchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Constant(0), LR, 4, 100);
        assertThat(schedule.at(0)).isEqualTo(LR);
        assertThat(schedule.at(99)).isEqualTo(LR);
    }

    @Test
    void stepDecayMultipliesByTheFactorEveryNEpochs() {
        // 3 batches per epoch, halved every 2 epochs = every 6 updates
        LearningRateSchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Step(0.5, 2, "epochs", 0), LR, 3, 60);
        assertThat(schedule.at(0)).isCloseTo(0.1, within(EXACT));
        assertThat(schedule.at(5)).isCloseTo(0.1, within(EXACT));
        assertThat(schedule.at(6)).isCloseTo(0.05, within(EXACT));
        assertThat(schedule.at(11)).isCloseTo(0.05, within(EXACT));
        assertThat(schedule.at(12)).isCloseTo(0.025, within(EXACT));
    }

    @Test
    void stepDecayCanCountUpdates() {
        LearningRateSchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Step(0.1, 4, "steps", 0), LR, 3, 60);
        assertThat(schedule.at(3)).isCloseTo(0.1, within(EXACT));
        assertThat(schedule.at(4)).isCloseTo(0.01, within(EXACT));
        assertThat(schedule.at(8)).isCloseTo(0.001, within(EXACT));
    }

    @Test
    void exponentialDecayIsSmoothBetweenItsPeriods() {
        // η·0.5^(s/2): after 1 update √0.5 of η, after 2 half, after 3 half of √0.5
        LearningRateSchedule schedule =
                LearningRateSchedule.of(new ScheduleSpec.Exponential(0.5, 2, "steps", 0), LR, 10, 100);
        assertThat(schedule.at(0)).isCloseTo(0.1, within(EXACT));
        assertThat(schedule.at(1)).isCloseTo(0.1 * Math.sqrt(0.5), within(EXACT));
        assertThat(schedule.at(2)).isCloseTo(0.05, within(EXACT));
        assertThat(schedule.at(3)).isCloseTo(0.05 * Math.sqrt(0.5), within(EXACT));
        // in epochs: 4 batches per epoch, 0.9 per epoch: after one epoch 0.09, after half an epoch η·√0.9
        LearningRateSchedule perEpoch =
                LearningRateSchedule.of(new ScheduleSpec.Exponential(0.9, 1, "epochs", 0), LR, 4, 40);
        assertThat(perEpoch.at(4)).isCloseTo(0.09, within(EXACT));
        assertThat(perEpoch.at(2)).isCloseTo(0.1 * Math.sqrt(0.9), within(EXACT));
    }

    @Test
    void cosineFallsFromTheLearningRateToTheMinimumOverTheTraining() {
        LearningRateSchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Cosine(0.01, 0), LR, 5, 10);
        assertThat(schedule.at(0)).isCloseTo(0.1, within(EXACT));
        // half-way: min + (η − min)·½·(1 + cos(π/2)) = 0.01 + 0.09·0.5
        assertThat(schedule.at(5)).isCloseTo(0.055, within(EXACT));
        // a fifth of the way: cos(π/5)
        assertThat(schedule.at(2)).isCloseTo(0.01 + 0.09 * 0.5 * (1 + Math.cos(Math.PI / 5)), within(EXACT));
        assertThat(schedule.at(10)).isCloseTo(0.01, within(EXACT));
        assertThat(schedule.at(50)).as("stays at the minimum").isCloseTo(0.01, within(EXACT));
    }

    @Test
    void warmUpRisesLinearlyThenTheCurveStartsFromTheFullRate() {
        // 4 warm-up updates, then cosine over the remaining 10 of 14
        LearningRateSchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Cosine(0.0, 4), LR, 7, 14);
        assertThat(schedule.at(0)).isCloseTo(0.025, within(EXACT));
        assertThat(schedule.at(1)).isCloseTo(0.05, within(EXACT));
        assertThat(schedule.at(3)).isCloseTo(0.1, within(EXACT));
        assertThat(schedule.at(4)).isCloseTo(0.1, within(EXACT));
        assertThat(schedule.at(9)).isCloseTo(0.05, within(EXACT));
        assertThat(schedule.at(14)).isCloseTo(0.0, within(EXACT));
    }

    @Test
    void warmUpCombinesWithAStepDecayCountedAfterIt() {
        LearningRateSchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Step(0.5, 1, "epochs", 2), LR, 3, 30);
        assertThat(schedule.at(0)).isCloseTo(0.05, within(EXACT));
        assertThat(schedule.at(1)).isCloseTo(0.1, within(EXACT));
        assertThat(schedule.at(2 + 2)).isCloseTo(0.1, within(EXACT));
        assertThat(schedule.at(2 + 3)).isCloseTo(0.05, within(EXACT));
        LearningRateSchedule constant = LearningRateSchedule.of(new ScheduleSpec.Constant(10), LR, 3, 30);
        assertThat(constant.at(4)).isCloseTo(0.05, within(EXACT));
        assertThat(constant.at(20)).isCloseTo(0.1, within(EXACT));
    }

    @Test
    void aJobWithoutAScheduleKeepsItsLearningRate() {
        assertThat(LearningRateSchedule.of(null, LR, 3, 30).at(29)).isEqualTo(LR);
    }
}
