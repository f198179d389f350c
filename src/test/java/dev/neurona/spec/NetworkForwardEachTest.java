package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.neurona.dataset.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Looking inside a trained network (dead ReLU units) walks its children one by one: for a graph that walk must
 * follow the wiring, or a layer that takes a concatenation would be fed the layer listed before it.
 */
class NetworkForwardEachTest {

    private static final DataShape IRIS = new DataShape(4, Task.CLASSIFICATION, List.of("a", "b", "c"), 150);

    @Test
    void aGraphsChildrenSeeWhatTheyTakeAndTheLastOutputIsTheBlocksOwn() {
        ModelSpec spec = SpecValidator.resolve(
                new ModelSpec(
                        List.of(
                                new LayerSpec.Dense(8, "relu", null, null, null, null).withWiring("h1", null),
                                new LayerSpec.Dense(6, "relu", null, null, null, null).withWiring("h2", null),
                                new LayerSpec.Concatenate("both", List.of("h1", "h2")),
                                new LayerSpec.Dense(3, "softmax", null, null, null, null)),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        5L),
                IRIS);
        Network network = NetworkBuilder.build(spec);
        assertThat(network.graph().chain()).isFalse();

        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            ParameterStore store = new ParameterStore(manager, false);
            NDList x = new NDList(manager.randomNormal(new Shape(5, 4)));
            List<Integer> children = new ArrayList<>();
            List<Shape> shapes = new ArrayList<>();
            NDArray last = network.forwardEach(store, x, (out, i) -> {
                        children.add(i);
                        shapes.add(out.singletonOrThrow().getShape());
                    })
                    .singletonOrThrow();

            int count = network.block().getChildren().size();
            assertThat(children).hasSize(count).isSorted().doesNotHaveDuplicates();
            // every child of the output layer (index 3) sees the concatenation's 8 + 6 features and gives 3
            assertThat(shapes.get(count - 1)).isEqualTo(new Shape(5, 3));
            assertThat(shapes).contains(new Shape(5, 8), new Shape(5, 6));
            NDArray direct = network.block().forward(store, x, false).singletonOrThrow();
            assertThat(last.getShape()).isEqualTo(new Shape(5, 3));
            assertThat(last.sub(direct).abs().max().getFloat()).isZero();
        }
    }
}
