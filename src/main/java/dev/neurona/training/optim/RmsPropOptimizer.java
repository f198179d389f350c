package dev.neurona.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * RMSProp (Hinton, lecture 6e), with Keras' options:
 * <pre>
 * s ← ρs + (1−ρ)g²                          running mean of squared gradients
 * centered:  ḡ ← ρḡ + (1−ρ)g;  d = √(s − ḡ²) + ε   (an estimate of the gradient's standard deviation)
 * otherwise: d = √s + ε
 * no momentum:  w ← w − ηg/d
 * momentum μ:   b ← μb + ηg/d;  w ← w − b          (Keras: the buffer holds the step, η included)
 * </pre>
 * ε is added outside the root, as in PyTorch and in the course's formula; Keras adds it inside (√(s + ε)). The two
 * differ only where s is about ε or smaller, i.e. for weights whose gradient has stayed near 0.
 */
final class RmsPropOptimizer extends JavaOptimizer {

    private static final int SQUARES = 0;
    private static final int MEAN = 1;
    private static final int BUFFER = 2;

    private final float rho;
    private final float momentum;
    private final float epsilon;
    private final boolean centered;

    RmsPropOptimizer(
            LearningRateSchedule schedule,
            GradientClipping clipping,
            double rho,
            double momentum,
            double epsilon,
            boolean centered) {
        super(schedule, clipping);
        this.rho = (float) rho;
        this.momentum = (float) momentum;
        this.epsilon = (float) epsilon;
        this.centered = centered;
    }

    @Override
    NDArray[] initialState(NDManager manager, NDArray weight) {
        return new NDArray[] {
            manager.zeros(weight.getShape(), weight.getDataType()),
            centered ? manager.zeros(weight.getShape(), weight.getDataType()) : null,
            momentum > 0f ? manager.zeros(weight.getShape(), weight.getDataType()) : null
        };
    }

    @Override
    void step(NDArray w, NDArray g, NDArray[] state, float lr, int t) {
        NDArray s = state[SQUARES].muli(rho).addi(g.square().muli(1f - rho));
        NDArray variance = s;
        if (centered) {
            NDArray mean = state[MEAN].muli(rho).addi(g.mul(1f - rho));
            // s − ḡ² ≥ 0 in exact arithmetic; rounding can make it a hair negative, and √ of that is NaN
            variance = s.sub(mean.square()).maximum(0f);
        }
        NDArray increment = g.mul(lr).divi(variance.sqrt().addi(epsilon));
        if (momentum > 0f) {
            w.subi(state[BUFFER].muli(momentum).addi(increment));
        } else {
            w.subi(increment);
        }
    }
}
