package dev.neurona.tuning.search;

import java.util.List;
import java.util.Map;

/**
 * Proposes the next trial from the trials so far. Implementations are deterministic functions of (dimensions,
 * settings, seed, trials): a tuning run restarted after a crash asks again and gets the same answer, so nothing about
 * a strategy needs saving. Randomness comes from {@code new Random(mix(seed, trial index))}, never from state.
 */
public interface SearchStrategy {

    /** What to do next. */
    sealed interface Step permits Propose, Wait, Done {}

    /** Start trial number {@code index} with these values, training for {@code epochs}. */
    record Propose(int index, Map<String, Object> params, int epochs) implements Step {}

    /** Nothing to start until a running trial finishes (Hyperband's rungs, or grid/random at their last trial). */
    record Wait() implements Step {}

    /** The search is complete: every trial it will ever propose has been proposed. */
    record Done() implements Step {}

    /**
     * @param trials every trial proposed so far, finished or not, in index order (indices 0..n-1)
     */
    Step next(List<Trial> trials);
}
