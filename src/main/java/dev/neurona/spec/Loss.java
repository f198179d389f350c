package dev.neurona.spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The training losses, written from NDArray operations so each means exactly what Keras means (DJL's L2Loss is
 * ½·MSE). Cross-entropies take logits and fuse the softmax/sigmoid for numerical stability: with probabilities
 * from a softmax/sigmoid output (Keras' default) the network's last activation is folded into the loss, with
 * {@code fromLogits} the output is linear; the value is the same either way. Labels arrive one-hot (n, K) for
 * categorical, as class indices (n, 1) for sparse categorical, as 0/1 (n, 1) for binary and hinge (hinge maps them
 * to −1/+1, as Keras does), and as targets (n, 1) for regression.
 */
public enum Loss {
    MSE {
        @Override
        public NDArray perRow(NDArray output, NDArray labels, double delta) {
            return output.sub(labels).square().mean(new int[] {1});
        }
    },
    MAE {
        @Override
        public NDArray perRow(NDArray output, NDArray labels, double delta) {
            return output.sub(labels).abs().mean(new int[] {1});
        }
    },
    HUBER {
        /** ½e² for |e| ≤ δ, δ(|e| − ½δ) beyond: quadratic near the target, linear (robust to outliers) far away. */
        @Override
        public NDArray perRow(NDArray output, NDArray labels, double delta) {
            NDArray error = output.sub(labels).abs();
            NDArray quadratic = error.minimum((float) delta);
            NDArray linear = error.sub(quadratic);
            return quadratic.square().mul(0.5f).add(linear.mul((float) delta)).mean(new int[] {1});
        }
    },
    BINARY_CROSSENTROPY {
        /** max(z, 0) − z·y + log(1 + e^−|z|): the logit form of −[y·log σ(z) + (1−y)·log(1−σ(z))]. */
        @Override
        public NDArray perRow(NDArray output, NDArray labels, double delta) {
            return output.maximum(0f)
                    .sub(output.mul(labels))
                    .add(output.abs().neg().exp().add(1f).log())
                    .mean(new int[] {1});
        }
    },
    /**
     * −[y·log p + (1−y)·log(1−p)] of probabilities p clipped to [ε, 1−ε] with Keras' ε = 10⁻⁷: a reconstruction's
     * binary cross-entropy, whose targets are any values in [0, 1] (pixels) and whose output keeps its sigmoid.
     */
    BINARY_CROSSENTROPY_OF_PROBABILITIES {
        @Override
        public NDArray perRow(NDArray output, NDArray labels, double delta) {
            NDArray p = output.clip(1e-7f, 1f - 1e-7f);
            return labels.mul(p.log())
                    .add(labels.neg().add(1f).mul(p.neg().add(1f).log()))
                    .neg()
                    .mean(new int[] {1});
        }

        @Override
        public String keyword() {
            return "binary_crossentropy";
        }
    },
    CATEGORICAL_CROSSENTROPY {
        /** −Σ y·log softmax(z). */
        @Override
        public NDArray perRow(NDArray output, NDArray labels, double delta) {
            return output.logSoftmax(1).mul(labels).sum(new int[] {1}).neg();
        }
    },
    SPARSE_CATEGORICAL_CROSSENTROPY {
        /** −log softmax(z)[y]: the same number as categorical, from the class index instead of a one-hot row. */
        @Override
        public NDArray perRow(NDArray output, NDArray labels, double delta) {
            return output.logSoftmax(1)
                    .gather(labels.toType(DataType.INT64, false), 1)
                    .squeeze(1)
                    .neg();
        }

        @Override
        public boolean sparseLabels() {
            return true;
        }
    },
    HINGE {
        /** max(0, 1 − t·z) with t = 2y − 1 ∈ {−1, +1}: the SVM margin loss, zero once a row is beyond the margin. */
        @Override
        public NDArray perRow(NDArray output, NDArray labels, double delta) {
            NDArray sign = labels.mul(2f).sub(1f);
            return sign.mul(output).neg().add(1f).maximum(0f).mean(new int[] {1});
        }
    };

    /** The loss of each row, shape (n); {@code delta} is Huber's threshold and ignored by the others. */
    public abstract NDArray perRow(NDArray output, NDArray labels, double delta);

    /** The mean over the batch, with Huber's default δ = 1. */
    public NDArray evaluate(NDArray output, NDArray labels) {
        return perRow(output, labels, 1.0).mean();
    }

    /** Labels as class indices (n, 1) rather than one-hot rows. */
    public boolean sparseLabels() {
        return false;
    }

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Loss named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
