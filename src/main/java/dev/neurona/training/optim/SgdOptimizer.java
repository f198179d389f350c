package dev.neurona.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Stochastic gradient descent in Keras' convention (the velocity holds the step, learning rate included):
 * <pre>
 * plain     w ← w − ηg
 * momentum  v ← μv − ηg;  w ← w + v
 * Nesterov  v ← μv − ηg;  w ← w + μv − ηg   (the new v: a step along the velocity, then the gradient step)
 * </pre>
 * PyTorch keeps v ← μv + g and steps w ← w − ηv; with a constant η the two agree, with a schedule Keras' velocity
 * keeps the learning rate each gradient was taken with.
 */
final class SgdOptimizer extends JavaOptimizer {

    private final float momentum;
    private final boolean nesterov;

    SgdOptimizer(LearningRateSchedule schedule, GradientClipping clipping, double momentum, boolean nesterov) {
        super(schedule, clipping);
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
    }

    @Override
    NDArray[] initialState(NDManager manager, NDArray weight) {
        return new NDArray[] {momentum == 0f ? null : manager.zeros(weight.getShape(), weight.getDataType())};
    }

    @Override
    void step(NDArray w, NDArray g, NDArray[] state, float lr, int t) {
        NDArray gradientStep = g.mul(lr);
        if (momentum == 0f) {
            w.subi(gradientStep);
            return;
        }
        NDArray v = state[0];
        v.muli(momentum).subi(gradientStep);
        if (nesterov) {
            w.addi(v.mul(momentum)).subi(gradientStep);
        } else {
            w.addi(v);
        }
    }
}
