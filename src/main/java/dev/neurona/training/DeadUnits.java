package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import dev.neurona.model.Finding;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Dead ReLU units: after training, a unit (a dense unit, or a conv channel) that outputs 0 for every one of a sample
 * of training rows gets no gradient and will never recover. Found by running the sample through the network block
 * by block and looking at what each ReLU lets through.
 */
public final class DeadUnits {

    static final int SAMPLE_ROWS = 512;

    private DeadUnits() {}

    public static List<Finding> find(Trainer trainer, Network network, ModelSpec spec, TrainingLoop.Data train) {
        List<Finding> findings = new ArrayList<>();
        int rows = Math.min(SAMPLE_ROWS, train.rows());
        if (rows == 0) {
            return findings;
        }
        int[] sample = IntStream.range(0, rows).toArray();
        try (NDManager sub = trainer.getManager().newSubManager()) {
            ParameterStore store = new ParameterStore(sub, false);
            NDList x = new NDList(train.inputs(sub, sample, 0, rows, false));
            // through the network's own wiring, so a graph's layers see what they take, not the layer listed before
            network.forwardEach(store, x, (output, i) -> {
                Block child = network.block().getChildren().get(i).getValue();
                int layer = network.blockLayers().get(i);
                if (!(child instanceof LambdaBlock)
                        || !"relu".equals(spec.layers().get(layer).activationName())) {
                    return;
                }
                Finding dead = dead(
                        output.singletonOrThrow(),
                        layer,
                        network.graph().names().get(layer),
                        rows);
                if (dead != null) {
                    findings.add(dead);
                }
            });
        }
        return findings;
    }

    /** The finding for one ReLU's output, or null when every unit lets something through. */
    private static Finding dead(NDArray out, int layer, String name, int rows) {
        // a unit is alive if any row (and, for conv, any position) is positive
        int[] overRows = out.getShape().dimension() == 4 ? new int[] {0, 2, 3} : new int[] {0};
        NDArray alive = out.gt(0f).toType(DataType.FLOAT32, false).sum(overRows).gt(0f);
        long units = alive.size();
        long dead = units - alive.sum().getLong();
        if (dead == 0) {
            return null;
        }
        return new Finding(
                "dead_relu",
                String.format(
                        Locale.ROOT,
                        "%d of %d ReLU units of layer %d%s "
                                + "output 0 for all %d sampled training rows (dead: they get no gradient and cannot "
                                + "recover); a lower learning rate, leaky_relu or He initialisation helps",
                        dead,
                        units,
                        layer,
                        name != null ? " (" + name + ")" : "",
                        rows),
                null,
                (double) dead / units);
    }
}
