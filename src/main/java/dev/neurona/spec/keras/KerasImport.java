package dev.neurona.spec.keras;

import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.spec.LayerRow;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.ShapeInference;
import dev.neurona.spec.SpecLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what Keras' {@code model.to_json()} writes (Keras 2 and 3, Sequential and Functional) as a Neurona spec.
 * Every option is translated or refused by its JSON path in the document; nothing is silently dropped. See
 * docs/keras.md.
 */
public final class KerasImport {

    /** The most values one input row may hold: a 4096 × 4096 picture; more is no small network's input. */
    static final long MAX_INPUT_VALUES = 4096L * 4096;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KerasImport() {}

    /** One Keras layer as found in the document. */
    private record Found(int index, String path, String className, JsonNode layer, JsonNode config, String name) {}

    public static KerasModel read(String document, SpecLimits limits) {
        JsonNode root;
        try {
            root = JSON.readTree(document == null ? "" : document);
        } catch (JacksonException e) {
            throw new InvalidInputException("$", "not JSON: " + e.getOriginalMessage());
        }
        return read(root, limits);
    }

    public static KerasModel read(JsonNode root, SpecLimits limits) {
        if (root == null || !root.isObject() || !root.path("class_name").isString()) {
            throw new InvalidInputException(
                    "$",
                    "not a Keras model: expected what model.to_json() writes, {\"class_name\": \"Sequential\" or "
                            + "\"Functional\", \"config\": {\"layers\": [...]}, ...}");
        }
        String className = root.get("class_name").asString();
        boolean sequential = className.equals("Sequential");
        if (!sequential && !className.equals("Functional") && !className.equals("Model")) {
            throw new InvalidInputException(
                    "$.class_name",
                    className + " is not a model Neurona can import: Sequential or Functional (Model); the to_json "
                            + "of a subclassed model holds no layers");
        }
        boolean three = root.has("module")
                || root.has("registered_name")
                || root.path("keras_version").asString("").startsWith("3");
        Reading r = new Reading(three ? 3 : 2);
        JsonNode config = root.path("config");
        // Keras ≤ 2.2 wrote a Sequential's config as the bare list of layers
        String layersPath = config.isArray() ? "$.config" : "$.config.layers";
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new InvalidInputException(layersPath, "not a Keras model: expected its list of layers");
        }
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String path = layersPath + "[" + i + "]";
            if (!layer.isObject()
                    || !layer.path("class_name").isString()
                    || !layer.path("config").isObject()) {
                throw new InvalidInputException(path, "not a Keras layer: expected {\"class_name\", \"config\"}");
            }
            JsonNode c = layer.get("config");
            String name = c.path("name").isString()
                    ? c.get("name").asString()
                    : layer.path("name").asString(null);
            found.add(new Found(i, path, layer.get("class_name").asString(), layer, c, name));
        }
        long count =
                found.stream().filter(f -> !f.className().equals("InputLayer")).count();
        if (count > limits.maxLayers()) {
            throw new InvalidInputException(layersPath, count + " layers; at most " + limits.maxLayers());
        }
        Translation t = sequential ? sequential(root, found, r) : functional(root, config, found, r);
        r.note(
                root.has("compile_config") ? "$.compile_config" : "$",
                (root.has("compile_config")
                                ? "the compile settings are not read: "
                                : "to_json holds no loss, optimizer or training settings: ")
                        + "Neurona's defaults apply (the loss "
                        + "follows the output layer, adam with learning rate 0.001, 20 epochs, batches of 32); no weights "
                        + "are imported, training starts afresh");
        if (!r.problems.isEmpty() || t.inputShape() == null) {
            throw new InvalidInputException("Cannot import the Keras model", r.problems);
        }
        ModelSpec spec = new ModelSpec(t.layers(), null, null, null, null, null, null, null);
        String model = sequential ? "Sequential" : "Functional";
        KerasModel partial =
                new KerasModel(spec, t.inputShape(), t.inputPath(), List.of(), r.notes, r.version, model, t.paths());
        List<LayerRow> rows;
        try {
            rows = ShapeInference.rows(t.layers(), t.inputShape(), limits);
        } catch (InvalidInputException e) {
            throw partial.inKerasTerms(e);
        }
        checkAxes(t, rows, r);
        if (!r.problems.isEmpty()) {
            throw new InvalidInputException("Cannot import the Keras model", r.problems);
        }
        return new KerasModel(spec, t.inputShape(), t.inputPath(), rows, r.notes, r.version, model, t.paths());
    }

    /** The spec layers, each one's Keras path and the Keras configs behind them, and the input. */
    private record Translation(
            List<LayerSpec> layers,
            List<String> paths,
            List<JsonNode> configs,
            List<Integer> inputShape,
            String inputPath) {}

    private static Translation sequential(JsonNode root, List<Found> found, Reading r) {
        List<Integer> shape = null;
        String inputPath = null;
        List<LayerSpec> layers = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<JsonNode> configs = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Found f : found) {
            if (f.className().equals("InputLayer")) {
                if (f.index() != 0) {
                    r.refuse(f.path() + ".class_name", "an InputLayer can only come first in a Sequential model");
                    continue;
                }
                inputPath = f.path() + ".config";
                shape = inputShape(f.config(), inputPath, r);
                continue;
            }
            if (shape == null && inputPath == null) {
                // Keras 2 without an InputLayer: the first layer carries batch_input_shape
                if (f.config().has("batch_input_shape")) {
                    inputPath = f.path() + ".config";
                    shape = inputShape(f.config(), inputPath, r);
                } else if (root.path("config").path("build_input_shape").isArray()) {
                    inputPath = "$.config";
                    shape = shapeFrom(root.path("config").get("build_input_shape"), "$.config.build_input_shape", r);
                } else if (root.path("build_config").path("input_shape").isArray()) {
                    inputPath = "$.build_config";
                    shape = shapeFrom(root.path("build_config").get("input_shape"), "$.build_config.input_shape", r);
                } else {
                    inputPath = f.path();
                    r.refuse(
                            f.path(),
                            "the model has no input shape: build it (keras.Input(shape=...) or "
                                    + "input_shape=...) before calling to_json");
                }
            }
            LayerSpec layer = KerasLayers.translate(f.className(), f.config(), f.path(), r);
            String name = KerasWiring.name(f.name(), taken, f.path() + ".config.name", r);
            layers.add(layer == null ? null : layer.withWiring(name, null));
            paths.add(f.path());
            configs.add(f.config());
        }
        if (layers.isEmpty()) {
            r.refuse("$.config.layers", "the model has no layers besides its input");
        }
        return new Translation(layers, paths, configs, shape, inputPath);
    }

    private static Translation functional(JsonNode root, JsonNode config, List<Found> found, Reading r) {
        String input = KerasWiring.single(config.get("input_layers"), "$.config.input_layers", "input", r);
        String output = KerasWiring.single(config.get("output_layers"), "$.config.output_layers", "output", r);
        Map<String, Integer> index = new HashMap<>();
        for (Found f : found) {
            String key = f.layer().path("name").asString(f.name());
            if (index.put(key, f.index()) != null) {
                r.refuse(f.path() + ".name", "the name " + key + " is used twice");
            }
        }
        List<Integer> shape = null;
        String inputPath = null;
        Map<Integer, List<String>> takes = new LinkedHashMap<>();
        for (Found f : found) {
            if (f.className().equals("InputLayer")) {
                if (index.get(input) == null || index.get(input) != f.index()) {
                    r.refuse(f.path(), "a second input: Neurona models have exactly one");
                } else {
                    inputPath = f.path() + ".config";
                    shape = inputShape(f.config(), inputPath, r);
                }
                continue;
            }
            List<String> in = KerasWiring.inbound(f.layer(), f.path(), r);
            takes.put(f.index(), in == null ? List.of() : in);
            for (String name : in == null ? List.<String>of() : in) {
                if (!index.containsKey(name)) {
                    r.refuse(f.path() + ".inbound_nodes", "takes " + name + ", which is not a layer of the model");
                }
            }
        }
        if (input != null && inputPath == null) {
            r.refuse("$.config.input_layers", "the input " + input + " is not an InputLayer of the model");
        }
        Set<String> taken = new HashSet<>();
        Map<String, String> names = new HashMap<>();
        if (input != null) {
            names.put(input, "input");
        }
        for (Found f : found) {
            if (takes.containsKey(f.index())) {
                names.put(
                        f.layer().path("name").asString(f.name()),
                        KerasWiring.name(f.name(), taken, f.path() + ".config.name", r));
            }
        }
        List<LayerSpec> layers = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<JsonNode> configs = new ArrayList<>();
        List<Integer> order = KerasWiring.order(index, takes);
        if (output != null
                && index.containsKey(output)
                && !order.isEmpty()
                && order.get(order.size() - 1) != (int) index.get(output)) {
            r.refuse("$.config.output_layers", "the output " + output + " must be the layer every other one leads to");
        }
        for (int i : order) {
            Found f = found.get(i);
            LayerSpec layer = KerasLayers.translate(f.className(), f.config(), f.path(), r);
            List<String> inputs =
                    takes.get(i).stream().map(n -> names.getOrDefault(n, n)).toList();
            String name = names.get(f.layer().path("name").asString(f.name()));
            layers.add(layer == null ? null : layer.withWiring(name, inputs));
            paths.add(f.path());
            configs.add(f.config());
        }
        if (layers.isEmpty()) {
            r.refuse("$.config.layers", "the model has no layers besides its input");
        }
        return new Translation(layers, paths, configs, shape, inputPath);
    }

    /** An InputLayer's (or Keras 2 first layer's) batch shape, channels-first without the batch. */
    private static List<Integer> inputShape(JsonNode c, String path, Reading r) {
        for (String key : List.of("batch_shape", "batch_input_shape")) {
            if (c.has(key)) {
                return shapeFrom(c.get(key), path + "." + key, r);
            }
        }
        r.refuse(path, "the input has no shape: expected batch_shape (Keras 3) or batch_input_shape (Keras 2)");
        return null;
    }

    private static List<Integer> shapeFrom(JsonNode batchShape, String path, Reading r) {
        List<Integer> shape = new ArrayList<>();
        boolean ok = batchShape.isArray() && batchShape.size() >= 2;
        long values = 1;
        for (int i = 1; ok && i < batchShape.size(); i++) {
            JsonNode d = batchShape.get(i);
            ok = Reading.wholeInt(d) && d.asInt() > 0;
            if (ok) {
                shape.add(d.asInt());
                values = Math.min(values * d.asInt(), Long.MAX_VALUE / Integer.MAX_VALUE);
            }
        }
        if (ok && values > MAX_INPUT_VALUES) {
            r.refuse(
                    path,
                    "the input holds " + (values >= Long.MAX_VALUE / Integer.MAX_VALUE ? "over " : "") + values
                            + " values per row; at most " + MAX_INPUT_VALUES + " (a 4096 × 4096 picture) here");
            return null;
        }
        List<Integer> ours = ok ? KerasValues.channelsFirst(shape) : null;
        if (ours == null) {
            r.refuse(
                    path,
                    "expected [null, then 1 to 3 sizes] (features; length, channels; or height, width, "
                            + "channels), was " + batchShape + ": Neurona needs every size but the batch's");
            return null;
        }
        r.note(
                path,
                shape.size() == 1
                        ? "input of " + shape.get(0) + " features"
                        : "Keras' channels-last " + KerasValues.tuple(shape) + " is Neurona's channels-first " + ours);
        return ours;
    }

    /** A positive axis on Concatenate, BatchNormalization or Softmax must be Keras' last: Neurona's channels. */
    private static void checkAxes(Translation t, List<LayerRow> rows, Reading r) {
        Map<String, List<Integer>> shapes = new HashMap<>();
        for (LayerRow row : rows) {
            shapes.put(
                    row.name(), row.outputShape().subList(1, row.outputShape().size()));
        }
        for (int i = 0; i < t.layers().size(); i++) {
            JsonNode axis = t.configs().get(i).get("axis");
            if (axis != null && axis.isArray() && axis.size() == 1) {
                axis = axis.get(0);
            }
            if (axis == null || !Reading.wholeInt(axis) || axis.asInt() < 0) {
                continue;
            }
            LayerSpec layer = t.layers().get(i);
            String from = layer.inputs() != null
                    ? layer.inputs().get(0)
                    : i == 0 ? "input" : t.layers().get(i - 1).name();
            List<Integer> in = from.equals("input") ? t.inputShape() : shapes.get(from);
            if (in != null && axis.asInt() != in.size()) {
                r.refuse(
                        t.paths().get(i) + ".config.axis",
                        "axis " + axis.asInt() + " is not the channel axis: "
                                + "Neurona joins and normalises along Keras' last axis only (here " + in.size()
                                + " or -1)");
            }
        }
    }
}
