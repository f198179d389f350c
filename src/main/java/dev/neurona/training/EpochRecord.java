package dev.neurona.training;

/**
 * One epoch of training. {@code loss} is the data loss the optimizer minimised (for regression on the standardised
 * target); {@code regularizationLoss} the L1/L2 penalty added to it; MAE is in the target's own units.
 * Validation fields are null without a validation split; accuracy fields are null for regression, MAE for
 * classification. {@code learningRate} is the scheduled rate of the epoch's last update (null in jobs recorded
 * before schedules existed).
 */
public record EpochRecord(
        int epoch,
        double loss,
        Double regularizationLoss,
        Double accuracy,
        Double mae,
        Double valLoss,
        Double valAccuracy,
        Double valMae,
        long durationMs,
        double samplesPerSecond,
        Double learningRate) {}
