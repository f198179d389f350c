package dev.neurona.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Paths into a spec by index and, for a graph, by a layer's name. */
class SpecPathsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode GRAPH = JSON.readTree(
            """
            {"layers": [{"type": "dense", "units": 8, "activation": "relu", "name": "h1"},
                        {"type": "dense", "units": 8, "activation": "relu", "name": "skip_2-b"},
                        {"type": "add", "inputs": ["h1", "skip_2-b"], "name": "sum"},
                        {"type": "dense", "units": 3, "activation": "softmax"}],
             "optimizer": {"type": "adam", "learningRate": 0.01}, "epochs": 5}""");
    private static final JsonNode STACK = JSON.readTree(
            """
            {"layers": [{"type": "dense", "units": 8, "activation": "relu"},
                        {"type": "dense", "units": 3, "activation": "softmax"}], "epochs": 5}""");

    @Test
    void aNamedLayerIsFoundWhereverItIsListed() {
        assertThat(SpecPaths.problem(GRAPH, "layers.h1.units")).isNull();
        assertThat(SpecPaths.problem(GRAPH, "layers.skip_2-b.activation")).isNull();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("layers.skip_2-b.units", 13);
        values.put("layers.h1.activation", "tanh");
        values.put("layers[3].units", 4);
        ModelSpec spec = SpecPaths.apply(JSON, GRAPH, values, 7);

        LayerSpec.Dense h1 = (LayerSpec.Dense) spec.layers().get(0);
        LayerSpec.Dense skip = (LayerSpec.Dense) spec.layers().get(1);
        assertThat(h1.units()).isEqualTo(8);
        assertThat(h1.activation()).isEqualTo("tanh");
        assertThat(skip.units()).isEqualTo(13);
        assertThat(skip.name()).isEqualTo("skip_2-b");
        assertThat(((LayerSpec.Dense) spec.layers().get(3)).units()).isEqualTo(4);
        assertThat(spec.layers().get(2).inputs()).containsExactly("h1", "skip_2-b");
        assertThat(spec.epochs()).isEqualTo(7);
        assertThat(GRAPH.get("layers").get(1).get("units").asInt())
                .as("the base is not changed")
                .isEqualTo(8);
    }

    @Test
    void indexedPathsStillWork() {
        assertThat(SpecPaths.problem(STACK, "layers[0].units")).isNull();
        assertThat(SpecPaths.problem(STACK, "optimizer")).contains("no field optimizer");
        ModelSpec spec = SpecPaths.apply(JSON, STACK, Map.of("layers[0].units", 32), null);
        assertThat(((LayerSpec.Dense) spec.layers().get(0)).units()).isEqualTo(32);
        assertThat(SpecPaths.problem(STACK, "layers[2].units"))
                .isEqualTo("layers has 2 entries: there is no layers[2]");
    }

    @Test
    void anUnknownNameIsRefusedListingTheNames() {
        assertThat(SpecPaths.problem(GRAPH, "layers.h9.units"))
                .isEqualTo("no entry of layers is named 'h9'; the names are h1, skip_2-b, sum (or use layers[0], …)");
        assertThat(SpecPaths.problem(STACK, "layers.h1.units"))
                .contains("no entry of layers is named 'h1'")
                .contains("give the layer a \"name\" or use layers[0]");
        assertThat(SpecPaths.problem(GRAPH, "layers.h1.pieces")).isEqualTo("the spec has no field layers.h1.pieces");
        assertThat(SpecPaths.problem(GRAPH, "layers.h1.units[0]"))
                .isEqualTo("layers.h1.units has no entries: there is no layers.h1.units[0]");
        assertThat(SpecPaths.problem(GRAPH, "layers.h 1.units")).contains("is not a path");
    }
}
