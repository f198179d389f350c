package dev.neurona.spec.keras;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.spec.Graph;
import dev.neurona.spec.LayerRow;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.ShapeInference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resolved spec's architecture and compile settings as Keras 3 writes a model with {@code model.to_json()}, so
 * {@code keras.models.model_from_json} rebuilds the same network: a {@code Sequential} for a stack, a
 * {@code Functional} model for a graph. No weights: the result is what to train in Keras. Shapes become
 * channels-last; a layer Keras has no counterpart for is refused (409) by its path in the spec.
 */
public final class KerasExport {

    public static final String MEDIA_TYPE = "application/json";

    /** Keras' {@code to_json} top level of a graph: Functional is not in the public API, so its module is internal. */
    static final String FUNCTIONAL_MODULE = "keras.src.models.functional";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KerasExport() {}

    /** {@link #model} as UTF-8 JSON text. */
    public static byte[] json(ModelSpec resolved, List<Integer> inputShape, Task task, String name) {
        return JSON.writeValueAsBytes(model(resolved, inputShape, task, name));
    }

    /**
     * The {@code to_json()} dictionary of a resolved spec on inputs of {@code inputShape} (channels first, no batch),
     * named {@code name} (characters Keras refuses in names become _).
     */
    public static Map<String, Object> model(ModelSpec resolved, List<Integer> inputShape, Task task, String name) {
        List<LayerSpec> layers = resolved.layers();
        refuseWhatKerasLacks(resolved);
        Graph graph = Graph.of(layers);
        List<LayerRow> rows = ShapeInference.table(resolved, inputShape);
        List<String> names = names(layers);
        String input = unique("input_layer", new HashSet<>(names), new HashMap<>());
        boolean sequential = graph.chain();

        List<Map<String, Object>> configs = new ArrayList<>();
        Map<String, Object> inputLayer = inputLayer(inputShape, input);
        if (!sequential) {
            inputLayer.put("name", input);
            inputLayer.put("inbound_nodes", List.of());
        }
        configs.add(inputLayer);
        for (int i = 0; i < layers.size(); i++) {
            List<Integer> from = graph.inputs().get(i);
            List<Object> shapes = new ArrayList<>();
            List<Object> tensors = new ArrayList<>();
            for (int f : from) {
                List<Object> shape = KerasExportLayers.batched(f == Graph.INPUT ? inputShape : rowShape(rows.get(f)));
                shapes.add(shape);
                tensors.add(tensor(shape, f == Graph.INPUT ? input : names.get(f)));
            }
            boolean merge = layers.get(i).merge();
            Map<String, Object> layer = KerasExportLayers.layer(layers.get(i), i, names.get(i));
            if (KerasExportLayers.writesBuildConfig((String) layer.get("class_name"))) {
                layer.put("build_config", Map.of("input_shape", merge ? shapes : shapes.get(0)));
            }
            if (!sequential) {
                Map<String, Object> node = new LinkedHashMap<>();
                // a merge is called on one list of tensors, any other layer on one tensor
                node.put("args", merge ? List.of(tensors) : tensors);
                node.put("kwargs", Map.of());
                layer.put("name", names.get(i));
                layer.put("inbound_nodes", List.of(node));
            }
            configs.add(layer);
        }

        String modelName = modelName(name, sequential ? "sequential" : "functional");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", modelName);
        config.put("trainable", true);
        if (sequential) {
            config.put("dtype", KerasExportLayers.FLOAT32);
        }
        config.put("layers", configs);
        Map<String, Object> model;
        if (sequential) {
            config.put("build_input_shape", KerasExportLayers.batched(inputShape));
            model = KerasExportLayers.object("keras", "Sequential", config);
            model.put("build_config", Map.of("input_shape", KerasExportLayers.batched(inputShape)));
        } else {
            config.put("input_layers", List.of(List.of(input, 0, 0)));
            config.put("output_layers", List.of(List.of(names.get(layers.size() - 1), 0, 0)));
            model = KerasExportLayers.object(FUNCTIONAL_MODULE, "Functional", config);
            // what Keras' serializer writes for a class outside its public API; the loader finds it by module
            model.put("registered_name", "Functional");
            // a Functional model is built when it is made, from its input layers, so Keras records no shape
            Map<String, Object> build = new LinkedHashMap<>();
            build.put("input_shape", null);
            model.put("build_config", build);
        }
        model.put("compile_config", KerasExportCompile.config(resolved, task));
        return model;
    }

    /** The model's name as Keras takes it: no '/', and not empty. */
    public static String modelName(String name, String fallback) {
        String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return cleaned.isEmpty() ? fallback : cleaned;
    }

    /** The perceptron and layers Keras has no counterpart for, refused before anything is written. */
    private static void refuseWhatKerasLacks(ModelSpec resolved) {
        if (resolved.perceptron()) {
            throw new ConflictException(
                    "not-exportable",
                    "Model cannot be exported to Keras",
                    "spec.mode (perceptron): Rosenblatt's rule and its step/sign output have no Keras counterpart; "
                            + "Keras trains by gradient descent, which cannot pass through a step");
        }
        for (int i = 0; i < resolved.layers().size(); i++) {
            LayerSpec layer = resolved.layers().get(i);
            KerasExportLayers.kerasClass(layer, i);
            if (layer.activationName() != null) {
                KerasExportLayers.activation(layer.activationName(), layer, i);
            }
        }
    }

    /** Each layer's Keras name: its Neurona name when it has one, else Keras' default (dense, dense_1, …). */
    static List<String> names(List<LayerSpec> layers) {
        Set<String> taken = new HashSet<>();
        for (LayerSpec layer : layers) {
            if (layer.name() != null) {
                taken.add(layer.name());
            }
        }
        Map<String, Integer> counters = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (LayerSpec layer : layers) {
            names.add(layer.name() != null ? layer.name() : unique(KerasExportLayers.baseName(layer), taken, counters));
        }
        return names;
    }

    /** base, base_1, base_2, …: the first one not taken (and then taken). */
    private static String unique(String base, Set<String> taken, Map<String, Integer> counters) {
        while (true) {
            int n = counters.merge(base, 1, Integer::sum) - 1;
            String name = n == 0 ? base : base + "_" + n;
            if (taken.add(name)) {
                return name;
            }
        }
    }

    private static Map<String, Object> inputLayer(List<Integer> inputShape, String name) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("batch_shape", KerasExportLayers.batched(inputShape));
        config.put("dtype", KerasExportLayers.FLOAT32);
        config.put("sparse", false);
        config.put("name", name);
        return KerasExportLayers.object(KerasExportLayers.LAYERS, "InputLayer", config);
    }

    /** A symbolic tensor as a node's argument: the output of {@code layer}'s first (only) call. */
    private static Map<String, Object> tensor(List<Object> shape, String layer) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("shape", shape);
        config.put("dtype", KerasExportLayers.FLOAT32);
        config.put("keras_history", List.of(layer, 0, 0));
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("class_name", "__keras_tensor__");
        tensor.put("config", config);
        return tensor;
    }

    /** A dry-run row's output shape without its batch entry. */
    private static List<Integer> rowShape(LayerRow row) {
        return row.outputShape().subList(1, row.outputShape().size());
    }
}
