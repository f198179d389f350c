package dev.neurona.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Adam (Kingma &amp; Ba, Algorithm 1) and, with a weight decay λ &gt; 0, AdamW (Loshchilov &amp; Hutter):
 * <pre>
 * AdamW only: w ← w − ηλw                    decoupled: not part of the gradient, so not rescaled by v̂
 * m ← β₁m + (1−β₁)g;   v ← β₂v + (1−β₂)g²
 * m̂ = m/(1−β₁ᵗ);        v̂ = v/(1−β₂ᵗ)          bias correction: m and v start at 0
 * w ← w − ηm̂/(√v̂ + ε)
 * </pre>
 * This is the paper's and PyTorch's form. Keras folds the correction into the learning rate,
 * η·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε), which amounts to using ε/√(1−β₂ᵗ) in place of ε: the same update unless the
 * gradients are about ε in size. The decay is multiplied by the scheduled η, as in Keras and PyTorch.
 */
final class AdamOptimizer extends JavaOptimizer {

    private final double beta1;
    private final double beta2;
    private final float epsilon;
    private final float weightDecay;

    AdamOptimizer(
            LearningRateSchedule schedule,
            GradientClipping clipping,
            double beta1,
            double beta2,
            double epsilon,
            double weightDecay) {
        super(schedule, clipping);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = (float) epsilon;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    NDArray[] initialState(NDManager manager, NDArray weight) {
        return new NDArray[] {
            manager.zeros(weight.getShape(), weight.getDataType()),
            manager.zeros(weight.getShape(), weight.getDataType())
        };
    }

    @Override
    void step(NDArray w, NDArray g, NDArray[] state, float lr, int t) {
        if (weightDecay > 0f) {
            w.subi(w.mul(lr * weightDecay));
        }
        NDArray m = state[0].muli((float) beta1).addi(g.mul((float) (1 - beta1)));
        NDArray v = state[1].muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
        NDArray mHat = m.div((float) (1 - Math.pow(beta1, t)));
        NDArray vHat = v.div((float) (1 - Math.pow(beta2, t)));
        w.subi(mHat.muli(lr).divi(vHat.sqrt().addi(epsilon)));
    }
}
