package dev.neurona.tuning.search;

import java.util.Map;

/**
 * A trial as the search strategies see it: its place in the run, the values it set (dimension path → value), the
 * epochs it trains for, and — once it has finished — its objective, already oriented so that higher is better
 * ({@code val_loss} is negated). {@code objective} is null while the trial is queued or running, and for a trial that
 * failed or was stopped before its first epoch.
 */
public record Trial(int index, Map<String, Object> params, int epochs, Double objective, boolean finished) {}
