package dev.neurona.training.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Gradient clipping, applied to the gradient an optimizer is about to use (never to the stored gradient, which the
 * optimizer zeroes afterwards anyway).
 * <ul>
 * <li>{@code clipNorm}: when the global L2 norm ‖g‖ = √(Σ over all parameters of Σg²) exceeds c, every gradient is
 * multiplied by c/‖g‖, so the direction of the whole step is kept. This is {@code tf.clip_by_global_norm} (Keras'
 * {@code global_clipnorm}); PyTorch's {@code clip_grad_norm_} divides by ‖g‖ + 1e-6, a relative difference of
 * 1e-6/‖g‖. Keras' own {@code clipnorm} clips each tensor separately; this one does not.</li>
 * <li>{@code clipValue}: every element is clamped to [−c, c] (Keras' {@code clipvalue},
 * {@code torch.nn.utils.clip_grad_value_}); the step's direction may change.</li>
 * </ul>
 * The global norm needs every gradient before the first parameter is updated, so the training loop measures it
 * (see {@link Optimization#beforeStep}) and the optimizer applies the resulting factor.
 */
final class GradientClipping {

    private final Double clipNorm;
    private final Double clipValue;
    private float scale = 1f;
    private long measuredStep;

    GradientClipping(Double clipNorm, Double clipValue) {
        this.clipNorm = clipNorm;
        this.clipValue = clipValue;
    }

    static GradientClipping none() {
        return new GradientClipping(null, null);
    }

    boolean byNorm() {
        return clipNorm != null;
    }

    /** √(Σ‖gᵢ‖²) over all gradients, accumulated in double. */
    static double globalNorm(List<NDArray> gradients) {
        double sum = 0;
        for (NDArray g : gradients) {
            try (NDArray squares = g.square();
                    NDArray total = squares.sum()) {
                sum += total.getFloat();
            }
        }
        return Math.sqrt(sum);
    }

    /** The factor clipNorm applies for a given global norm: c/‖g‖ above c, else 1. */
    static double scaleFor(double norm, double clipNorm) {
        return norm > clipNorm ? clipNorm / norm : 1.0;
    }

    /** Records the global norm of the gradients of the coming update (number {@code step}, counting from 1). */
    void measured(double norm, long step) {
        scale = (float) scaleFor(norm, clipNorm);
        measuredStep = step;
    }

    /**
     * The clipped gradient: {@code gradient} itself when nothing is clipped, else a new array in the caller's scope.
     *
     * @param step the update number (from 1); with clipNorm it must be the step last measured
     */
    NDArray apply(NDArray gradient, long step) {
        if (clipValue != null) {
            return gradient.clip(-clipValue.floatValue(), clipValue.floatValue());
        }
        if (clipNorm == null) {
            return gradient;
        }
        if (step != measuredStep) {
            throw new IllegalStateException("clipNorm needs the global gradient norm of update " + step
                    + " (last measured: " + measuredStep + "): call Optimization.beforeStep before trainer.step()");
        }
        return scale < 1f ? gradient.mul(scale) : gradient;
    }
}
