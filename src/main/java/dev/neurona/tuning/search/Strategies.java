package dev.neurona.tuning.search;

import dev.neurona.tuning.TuningSettings;

/** The strategy a run's settings name, built afresh at every step: strategies keep no state of their own. */
public final class Strategies {

    private Strategies() {}

    public static SearchStrategy of(TuningSettings s) {
        int epochs = s.spec().epochs();
        return switch (s.strategy()) {
            case "grid" -> new GridSearch(s.dimensions(), epochs, s.maxTrials());
            case "random" -> new RandomSearch(s.dimensions(), epochs, s.maxTrials(), s.seed());
            case "bayesian" -> new TpeSearch(s.dimensions(), epochs, s.maxTrials(), s.seed());
            case "hyperband" -> new Hyperband(s.dimensions(), s.maxEpochs(), s.eta(), s.maxTrials(), s.seed());
            default -> throw new IllegalStateException("validated strategy " + s.strategy());
        };
    }
}
