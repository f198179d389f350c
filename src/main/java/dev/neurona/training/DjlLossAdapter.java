package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * DJL's Trainer insists on a Loss; ours is computed by the loop itself, this only hands it over (a perceptron has
 * none: its rule never asks).
 */
public final class DjlLossAdapter extends Loss {

    private final dev.neurona.spec.Objective loss;

    public DjlLossAdapter(dev.neurona.spec.Objective loss) {
        super(loss == null ? "perceptron" : loss.loss().keyword());
        this.loss = loss;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return loss.evaluate(predictions.singletonOrThrow(), labels.singletonOrThrow());
    }
}
