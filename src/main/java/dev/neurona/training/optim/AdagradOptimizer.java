package dev.neurona.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Adagrad (Duchi, Hazan &amp; Singer), dense:
 * <pre>
 * a ← a + g²                 a starts at initialAccumulatorValue (Keras: 0.1; PyTorch: 0)
 * w ← w − ηg/(√a + ε)
 * </pre>
 * ε outside the root as in PyTorch and the course (Keras: √(a + ε)); with Keras' starting value of 0.1 the
 * difference is below 1e-6 relative. Every weight's step only shrinks, which is why Adagrad stalls on long runs.
 */
final class AdagradOptimizer extends JavaOptimizer {

    private final float initialAccumulator;
    private final float epsilon;

    AdagradOptimizer(
            LearningRateSchedule schedule, GradientClipping clipping, double initialAccumulator, double epsilon) {
        super(schedule, clipping);
        this.initialAccumulator = (float) initialAccumulator;
        this.epsilon = (float) epsilon;
    }

    @Override
    NDArray[] initialState(NDManager manager, NDArray weight) {
        return new NDArray[] {manager.full(weight.getShape(), initialAccumulator, weight.getDataType())};
    }

    @Override
    void step(NDArray w, NDArray g, NDArray[] state, float lr, int t) {
        NDArray a = state[0].addi(g.square());
        w.subi(g.mul(lr).divi(a.sqrt().addi(epsilon)));
    }
}
