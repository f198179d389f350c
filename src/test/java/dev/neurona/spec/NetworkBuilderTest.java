package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.neurona.dataset.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkBuilderTest {

    private static final DataShape WINE = new DataShape(13, Task.CLASSIFICATION, List.of("a", "b", "c"), 178);

    @Test
    void theBuiltBlockHasExactlyTheDryRunsParametersAndOutputShape() {
        ModelSpec spec = SpecValidator.resolve(
                new ModelSpec(
                        List.of(
                                new LayerSpec.Dense(32, "relu", InitializerSpec.named("he_normal"), null, null, 0.01),
                                new LayerSpec.Dropout(0.3),
                                new LayerSpec.Dense(16, "tanh", null, null, 0.001, null),
                                new LayerSpec.Dense(3, "softmax", null, null, null, null)),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        5L),
                WINE);
        Network network = NetworkBuilder.build(spec);

        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 13));
            long parameters = 0;
            for (Pair<String, ai.djl.nn.Parameter> p : network.block().getParameters()) {
                parameters += p.getValue().getArray().size();
            }
            long dryRun = ShapeInference.table(spec, List.of(13)).stream()
                    .mapToLong(LayerRow::parameters)
                    .sum();
            assertThat(parameters).isEqualTo(dryRun).isEqualTo(13 * 32 + 32 + 32 * 16 + 16 + 16 * 3 + 3);

            NDArray out = network.block()
                    .forward(new ParameterStore(manager, false), new NDList(manager.ones(new Shape(5, 13))), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(5, 3));
        }
        assertThat(network.head()).isEqualTo(OutputHead.SOFTMAX);
        assertThat(network.objective().loss()).isEqualTo(Loss.CATEGORICAL_CROSSENTROPY);
        assertThat(network.penalties())
                .extracting(Network.Penalty::l1, Network.Penalty::l2)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0.0, 0.01),
                        org.assertj.core.groups.Tuple.tuple(0.001, 0.0));
    }

    @Test
    void theSoftmaxOfACrossEntropyOutputIsLeftToTheLossAndTheHead() {
        ModelSpec spec = SpecValidator.resolve(
                new ModelSpec(
                        List.of(new LayerSpec.Dense(3, "softmax", InitializerSpec.named("ones"), null, null, null)),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        5L),
                WINE);
        Network network = NetworkBuilder.build(spec);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 13));
            NDArray out = network.block()
                    .forward(new ParameterStore(manager, false), new NDList(manager.ones(new Shape(1, 13))), false)
                    .singletonOrThrow();
            // all-ones weights, zero bias: each logit is 13; a softmax inside the block would give 1/3
            assertThat(out.toFloatArray()).containsOnly(13f);
        }
    }

    @Test
    void anActivationLayersAlphaReachesTheNetwork() {
        ModelSpec spec = SpecValidator.resolve(
                new ModelSpec(
                        List.of(
                                new LayerSpec.Dense(2, "linear", null, null, null, null),
                                new LayerSpec.Activation("leaky_relu", 0.05),
                                new LayerSpec.Activation("elu", 0.5),
                                new LayerSpec.Dense(1, "linear", null, null, null, null)),
                        "mse",
                        null,
                        null,
                        null,
                        null,
                        null,
                        5L),
                new DataShape(2, Task.REGRESSION, List.of(), 100));
        Network network = NetworkBuilder.build(spec);
        List<ai.djl.nn.Block> children = network.block().getChildren().values();

        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.create(new float[] {-2f, 3f});
            NDList in = new NDList(x);
            ParameterStore store = new ParameterStore(manager, false);
            float[] leaky =
                    children.get(1).forward(store, in, false).singletonOrThrow().toFloatArray();
            float[] elu =
                    children.get(2).forward(store, in, false).singletonOrThrow().toFloatArray();

            assertThat(leaky).containsExactly(-0.1f, 3f);
            assertThat(elu[0])
                    .isCloseTo((float) (0.5 * (Math.exp(-2) - 1)), org.assertj.core.data.Offset.offset(1e-6f));
        }
    }
}
