package dev.neurona.spec;

import ai.djl.ndarray.NDArray;

/**
 * The training losses, written from NDArray operations so each means exactly what Keras means (DJL's L2Loss is
 * ½·MSE). Cross-entropies take logits and fuse the softmax/sigmoid for numerical stability. Classification labels
 * arrive one-hot (n, K) for categorical and as 0/1 (n, 1) for binary; regression targets as (n, 1).
 */
public enum Loss {
    MSE {
        @Override
        public NDArray evaluate(NDArray output, NDArray labels) {
            return output.sub(labels).square().mean();
        }
    },
    MAE {
        @Override
        public NDArray evaluate(NDArray output, NDArray labels) {
            return output.sub(labels).abs().mean();
        }
    },
    BINARY_CROSSENTROPY {
        /** max(z, 0) − z·y + log(1 + e^−|z|): the logit form of −[y·log σ(z) + (1−y)·log(1−σ(z))]. */
        @Override
        public NDArray evaluate(NDArray output, NDArray labels) {
            return output.maximum(0f).sub(output.mul(labels)).add(output.abs().neg().exp().add(1f).log()).mean();
        }
    },
    CATEGORICAL_CROSSENTROPY {
        /** −Σ y·log softmax(z), averaged over the batch. */
        @Override
        public NDArray evaluate(NDArray output, NDArray labels) {
            return output.logSoftmax(1).mul(labels).sum(new int[] {1}).neg().mean();
        }
    };

    public abstract NDArray evaluate(NDArray output, NDArray labels);

    public static Loss named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
