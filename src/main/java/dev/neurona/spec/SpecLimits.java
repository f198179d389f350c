package dev.neurona.spec;

/**
 * How big a spec may be, so one request cannot ask for a network that exhausts the machine. Parameters are the
 * guard that matters: weights, gradients and Adam's two moments take about 16 bytes each.
 */
public record SpecLimits(int maxLayers, int maxUnits, long maxParameters, int maxEpochs, int maxBatchSize) {

    public static final SpecLimits DEFAULTS = new SpecLimits(64, 65_536, 50_000_000L, 10_000, 65_536);
}
