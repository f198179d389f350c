package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.spec.LayerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The trained network as a {@link Advection.Field} of raw (x, t): the table's standardisation in front (so the
 * stored preprocessing is the usual one and a prediction row {x, t} answers φ), the dense layers with their
 * activations, and the target's de-standardisation behind. The chain rule of both affine maps is in the derivatives:
 * ∂x'/∂x = 1/σx at the input, ∂φ/∂y = σφ at the output. The parameters are the block's own arrays, so a backward
 * pass reaches them as it does through {@code trainer.forward}.
 */
final class PhysicsNetwork implements Advection.Field {

    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();
    private final List<String> activations = new ArrayList<>();
    private final TabularEncoding.Feature[] inputs;
    private final double targetMean;
    private final double targetStd;

    PhysicsNetwork(Block block, List<LayerSpec> layers, TabularEncoding encoding) {
        List<Linear> linears = block.getChildren().values().stream()
                .filter(Linear.class::isInstance)
                .map(Linear.class::cast)
                .toList();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec.Dense dense = (LayerSpec.Dense) layers.get(i);
            weights.add(linears.get(i).getParameters().get("weight").getArray());
            biases.add(linears.get(i).getParameters().get("bias").getArray());
            activations.add(dense.activation());
        }
        inputs = encoding.features().toArray(new TabularEncoding.Feature[0]);
        targetMean = encoding.targetMean();
        targetStd = encoding.targetStd();
    }

    @Override
    public Dual at(NDArray x, NDArray t) {
        NDArray[] values = new NDArray[inputs.length];
        NDArray[] dx = new NDArray[inputs.length];
        NDArray[] dt = new NDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            TabularEncoding.Feature feature = inputs[i];
            boolean isX = PhysicsTraining.X.equals(feature.name());
            NDArray raw = isX ? x : t;
            values[i] = raw.sub(feature.mean().floatValue()).div(feature.std().floatValue());
            float slope = (float) (1 / feature.std());
            dx[i] = isX ? x.onesLike().mul(slope) : x.zerosLike();
            dt[i] = isX ? x.zerosLike() : x.onesLike().mul(slope);
        }
        Dual h = new Dual(NDArrays.concat(list(values), 1), NDArrays.concat(list(dx), 1), NDArrays.concat(list(dt), 1));
        for (int i = 0; i < weights.size(); i++) {
            h = h.dense(weights.get(i), biases.get(i)).activation(activations.get(i));
        }
        return h.affine(targetStd, targetMean);
    }

    private static ai.djl.ndarray.NDList list(NDArray[] arrays) {
        return new ai.djl.ndarray.NDList(arrays);
    }
}
