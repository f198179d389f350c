package dev.neurona.training.optim;

import dev.neurona.spec.ScheduleSpec;

/**
 * The learning rate as a pure function of the update index s (0 for the first update of the job), so it can be
 * tested against hand-computed values and recorded per epoch without asking the optimizer.
 */
@FunctionalInterface
interface LearningRateSchedule {

    double at(long step);

    /**
     * @param learningRate  η, where every curve starts
     * @param stepsPerEpoch batches per epoch, to turn {@code "unit": "epochs"} into updates
     * @param totalSteps    epochs × batches per epoch: cosine decays over what the warm-up leaves of them
     */
    static LearningRateSchedule of(ScheduleSpec spec, double learningRate, int stepsPerEpoch, long totalSteps) {
        if (spec == null) {
            // a job queued before schedules existed
            return s -> learningRate;
        }
        int warmup = spec.warmupSteps() == null ? 0 : spec.warmupSteps();
        LearningRateSchedule curve = curve(spec, learningRate, stepsPerEpoch, totalSteps - warmup);
        if (warmup == 0) {
            return curve;
        }
        // rises from η/W to η over the first W updates, so no update is wasted on a learning rate of exactly 0
        return s -> s < warmup ? learningRate * (s + 1) / warmup : curve.at(s - warmup);
    }

    private static LearningRateSchedule curve(ScheduleSpec spec, double lr, int stepsPerEpoch, long decaySteps) {
        if (spec instanceof ScheduleSpec.Step step) {
            long period = updates(step.every(), step.unit(), stepsPerEpoch);
            return s -> lr * Math.pow(step.factor(), Math.floorDiv(s, period));
        }
        if (spec instanceof ScheduleSpec.Exponential exponential) {
            double period = updates(exponential.every(), exponential.unit(), stepsPerEpoch);
            return s -> lr * Math.pow(exponential.decayRate(), s / period);
        }
        if (spec instanceof ScheduleSpec.Cosine cosine) {
            double min = cosine.minLearningRate();
            // jobs refuse a warm-up as long as the training; this only keeps a direct caller from dividing by 0
            double span = Math.max(1, decaySteps);
            return s -> min + (lr - min) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, s / span)));
        }
        return s -> lr;
    }

    private static long updates(int every, String unit, int stepsPerEpoch) {
        return "steps".equals(unit) ? every : (long) every * stepsPerEpoch;
    }
}
