package dev.neurona.tuning.search;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Independent uniform draws (log-uniform on log dimensions), trial i from {@code new Random(mix(seed, i))}: a trial's
 * values depend on the seed and its index only, so a restarted run, or one whose trials finish in another order,
 * proposes the same values.
 */
final class RandomSearch implements SearchStrategy {

    private final List<Dimension> dims;
    private final int epochs;
    private final int maxTrials;
    private final long seed;

    RandomSearch(List<Dimension> dims, int epochs, int maxTrials, long seed) {
        Sampling.checkAll(dims);
        if (epochs < 1 || maxTrials < 0) {
            throw new IllegalArgumentException("epochs must be at least 1 and maxTrials not negative");
        }
        this.dims = List.copyOf(dims);
        this.epochs = epochs;
        this.maxTrials = maxTrials;
        this.seed = seed;
    }

    @Override
    public Step next(List<Trial> trials) {
        int index = trials.size();
        if (index >= maxTrials) {
            return new Done();
        }
        return new Propose(index, draw(dims, seed, index), epochs);
    }

    /** Trial index's values; TPE's start-up trials and Hyperband's new configurations are drawn the same way. */
    static Map<String, Object> draw(List<Dimension> dims, long seed, int index) {
        return Sampling.drawAll(dims, new Random(Sampling.mix(seed, index)));
    }
}
