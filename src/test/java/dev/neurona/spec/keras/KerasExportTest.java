package dev.neurona.spec.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.SpecValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolved specs written as Keras 3's {@code model.to_json()}: the JSON text is read back and checked key by key
 * against what Keras itself writes for the same model (Keras 3.3's serializer: keras/src/saving/serialization_lib.py,
 * models/sequential.py and models/functional.py).
 */
class KerasExportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> IRIS = List.of("setosa", "versicolor", "virginica");

    @Test
    void aStackIsASequentialStartingWithItsInputLayer() {
        ModelSpec spec = resolve(
                """
                [{"type": "dense", "units": 8, "activation": "relu", "kernelInitializer": "he_normal", "l2": 0.01},
                 {"type": "dropout", "rate": 0.2},
                 {"type": "dense", "units": 3, "activation": "softmax"}]""",
                "\"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.05, \"momentum\": 0.9}",
                List.of(4),
                Task.CLASSIFICATION);

        JsonNode model = export(spec, List.of(4), Task.CLASSIFICATION, "iris/mlp");

        assertThat(model.get("module").asString()).isEqualTo("keras");
        assertThat(model.get("class_name").asString()).isEqualTo("Sequential");
        assertThat(model.get("registered_name").isNull()).isTrue();
        assertThat(shape(model.get("build_config").get("input_shape"))).containsExactly(null, 4);
        JsonNode config = model.get("config");
        assertThat(config.get("name").asString()).as("Keras refuses / in names").isEqualTo("iris_mlp");
        assertThat(config.get("dtype").asString()).isEqualTo("float32");
        JsonNode layers = config.get("layers");
        assertThat(layers).hasSize(4);

        JsonNode input = layers.get(0);
        assertThat(input.get("class_name").asString()).isEqualTo("InputLayer");
        assertThat(shape(input.get("config").get("batch_shape"))).containsExactly(null, 4);
        assertThat(input.get("config").get("name").asString()).isEqualTo("input_layer");
        assertThat(input.get("config").get("sparse").asBoolean()).isFalse();

        JsonNode hidden = layers.get(1);
        assertThat(hidden.get("module").asString()).isEqualTo("keras.layers");
        assertThat(hidden.get("class_name").asString()).isEqualTo("Dense");
        JsonNode dense = hidden.get("config");
        assertThat(dense.get("name").asString()).isEqualTo("dense");
        assertThat(dense.get("units").asInt()).isEqualTo(8);
        assertThat(dense.get("activation").asString()).isEqualTo("relu");
        assertThat(dense.get("use_bias").asBoolean()).isTrue();
        assertThat(dense.get("kernel_initializer").get("class_name").asString()).isEqualTo("HeNormal");
        assertThat(dense.get("kernel_initializer").get("module").asString()).isEqualTo("keras.initializers");
        assertThat(dense.get("kernel_initializer").get("config").get("seed").isNull())
                .isTrue();
        assertThat(dense.get("bias_initializer").get("class_name").asString()).isEqualTo("Zeros");
        JsonNode penalty = dense.get("kernel_regularizer");
        assertThat(penalty.get("class_name").asString()).isEqualTo("L1L2");
        assertThat(penalty.get("config").get("l1").asDouble()).isZero();
        assertThat(penalty.get("config").get("l2").asDouble()).isEqualTo(0.01);
        assertThat(dense.get("bias_regularizer").isNull()).isTrue();
        assertThat(dense.has("activity_regularizer"))
                .as("Dense writes none when unset")
                .isFalse();
        assertThat(shape(hidden.get("build_config").get("input_shape"))).containsExactly(null, 4);
        assertThat(hidden.has("inbound_nodes")).as("a Sequential has no wiring").isFalse();

        assertThat(layers.get(2).get("class_name").asString()).isEqualTo("Dropout");
        assertThat(layers.get(2).get("config").get("rate").asDouble()).isEqualTo(0.2);
        assertThat(layers.get(2).get("config").get("name").asString()).isEqualTo("dropout");
        JsonNode output = layers.get(3);
        assertThat(output.get("config").get("name").asString()).isEqualTo("dense_1");
        assertThat(output.get("config").get("activation").asString())
                .as("the head's activation stays on the last Dense")
                .isEqualTo("softmax");
        assertThat(output.get("config").get("kernel_regularizer").isNull()).isTrue();
        assertThat(shape(output.get("build_config").get("input_shape"))).containsExactly(null, 8);

        JsonNode compile = model.get("compile_config");
        assertThat(compile.get("loss").asString()).isEqualTo("categorical_crossentropy");
        assertThat(compile.get("metrics").get(0).asString()).isEqualTo("accuracy");
        JsonNode optimizer = compile.get("optimizer");
        assertThat(optimizer.get("module").asString()).isEqualTo("keras.optimizers");
        assertThat(optimizer.get("class_name").asString()).isEqualTo("SGD");
        assertThat(optimizer.get("config").get("learning_rate").asDouble()).isEqualTo(0.05);
        assertThat(optimizer.get("config").get("momentum").asDouble()).isEqualTo(0.9);
        assertThat(optimizer.get("config").get("nesterov").asBoolean()).isFalse();
    }

    @Test
    void aCnnIsWrittenChannelsLast() {
        String layers =
                """
                [{"type": "conv2d", "filters": 4, "kernelSize": 3, "padding": "same", "activation": "relu"},
                 {"type": "maxpool2d"},
                 {"type": "batchnorm"},
                 {"type": "conv2d", "filters": 6, "kernelSize": [3, 3]},
                 {"type": "flatten"},
                 {"type": "dense", "units": 3, "activation": "softmax"}]""";
        List<Integer> image = List.of(3, 8, 8);
        JsonNode model = export(resolve(layers, null, image, Task.CLASSIFICATION), image, Task.CLASSIFICATION, "cnn");

        JsonNode keras = model.get("config").get("layers");
        assertThat(shape(keras.get(0).get("config").get("batch_shape"))).containsExactly(null, 8, 8, 3);
        JsonNode conv = keras.get(1);
        assertThat(conv.get("class_name").asString()).isEqualTo("Conv2D");
        assertThat(conv.get("config").get("name").asString()).isEqualTo("conv2d");
        assertThat(conv.get("config").get("data_format").asString()).isEqualTo("channels_last");
        assertThat(shape(conv.get("config").get("kernel_size"))).containsExactly(3, 3);
        assertThat(shape(conv.get("config").get("strides"))).containsExactly(1, 1);
        assertThat(conv.get("config").get("padding").asString()).isEqualTo("same");
        assertThat(conv.get("config").get("filters").asInt()).isEqualTo(4);
        assertThat(shape(conv.get("build_config").get("input_shape"))).containsExactly(null, 8, 8, 3);
        JsonNode pool = keras.get(2);
        assertThat(pool.get("class_name").asString()).isEqualTo("MaxPooling2D");
        assertThat(shape(pool.get("config").get("pool_size"))).containsExactly(2, 2);
        assertThat(pool.has("build_config"))
                .as("Keras writes none for layers without weights")
                .isFalse();
        JsonNode norm = keras.get(3);
        assertThat(norm.get("class_name").asString()).isEqualTo("BatchNormalization");
        assertThat(norm.get("config").get("axis").asInt()).as("channels, last").isEqualTo(-1);
        assertThat(norm.get("config").get("momentum").asDouble()).isEqualTo(0.99);
        assertThat(shape(norm.get("build_config").get("input_shape")))
                .as("(4, 8, 8) after the first conv, pooled")
                .containsExactly(null, 4, 4, 4);
        assertThat(shape(keras.get(4).get("build_config").get("input_shape"))).containsExactly(null, 4, 4, 4);
        assertThat(keras.get(4).get("config").get("name").asString()).isEqualTo("conv2d_1");
        JsonNode flatten = keras.get(5);
        assertThat(flatten.get("class_name").asString()).isEqualTo("Flatten");
        assertThat(shape(flatten.get("build_config").get("input_shape"))).containsExactly(null, 2, 2, 6);
        assertThat(shape(keras.get(6).get("build_config").get("input_shape"))).containsExactly(null, 24);
    }

    @Test
    void reshapesAndSequencesAreChannelsLastToo() {
        String layers =
                """
                [{"type": "reshape", "targetShape": [2, -1]},
                 {"type": "conv1d", "filters": 3, "kernelSize": 3, "activation": "swish"},
                 {"type": "maxpool1d"},
                 {"type": "flatten"},
                 {"type": "dense", "units": 1}]""";
        ModelSpec spec = resolve(layers, null, List.of(12), Task.REGRESSION);
        JsonNode model = export(spec, List.of(12), Task.REGRESSION, "seq");

        JsonNode keras = model.get("config").get("layers");
        assertThat(shape(keras.get(1).get("config").get("target_shape")))
                .as("(channels, length) → (length, channels)")
                .containsExactly(-1, 2);
        JsonNode conv = keras.get(2);
        assertThat(conv.get("class_name").asString()).isEqualTo("Conv1D");
        assertThat(shape(conv.get("config").get("kernel_size"))).containsExactly(3);
        assertThat(conv.get("config").get("activation").asString()).isEqualTo("silu");
        assertThat(shape(conv.get("build_config").get("input_shape"))).containsExactly(null, 6, 2);
        assertThat(keras.get(3).get("class_name").asString()).isEqualTo("MaxPooling1D");
        assertThat(shape(keras.get(4).get("build_config").get("input_shape"))).containsExactly(null, 2, 3);
        assertThat(shape(keras.get(5).get("build_config").get("input_shape"))).containsExactly(null, 6);
        assertThat(model.get("compile_config").get("loss").asString()).isEqualTo("mse");
        assertThat(model.get("compile_config").get("metrics").get(0).asString()).isEqualTo("mae");
    }

    @Test
    void aGraphIsAFunctionalModelWiredByInboundNodes() {
        String layers =
                """
                [{"type": "dense", "units": 8, "activation": "relu", "name": "h1"},
                 {"type": "dense", "units": 8, "activation": "tanh", "name": "h2"},
                 {"type": "add", "inputs": ["h1", "h2"], "name": "sum"},
                 {"type": "concatenate", "inputs": ["sum", "input"]},
                 {"type": "dense", "units": 3, "activation": "softmax"}]""";
        JsonNode model = export(
                resolve(layers, null, List.of(4), Task.CLASSIFICATION), List.of(4), Task.CLASSIFICATION, "graph");

        assertThat(model.get("class_name").asString()).isEqualTo("Functional");
        assertThat(model.get("module").asString()).isEqualTo("keras.src.models.functional");
        assertThat(model.get("registered_name").asString()).isEqualTo("Functional");
        assertThat(model.get("build_config").get("input_shape").isNull()).isTrue();
        JsonNode config = model.get("config");
        JsonNode keras = config.get("layers");
        assertThat(keras).hasSize(6);
        assertThat(keras.get(0).get("name").asString()).isEqualTo("input_layer");
        assertThat(keras.get(0).get("inbound_nodes")).isEmpty();

        JsonNode h1 = keras.get(1);
        assertThat(h1.get("name").asString()).isEqualTo("h1");
        assertThat(h1.get("config").get("name").asString()).isEqualTo("h1");
        assertThat(sources(h1)).containsExactly("input_layer");
        JsonNode tensor = h1.get("inbound_nodes").get(0).get("args").get(0);
        assertThat(tensor.get("class_name").asString()).isEqualTo("__keras_tensor__");
        assertThat(shape(tensor.get("config").get("shape"))).containsExactly(null, 4);
        assertThat(tensor.get("config").get("dtype").asString()).isEqualTo("float32");
        assertThat(shape(tensor.get("config").get("keras_history"))).containsExactly("input_layer", 0, 0);
        assertThat(h1.get("inbound_nodes").get(0).get("kwargs")).isEmpty();
        assertThat(sources(keras.get(2))).as("h2 takes the layer before it").containsExactly("h1");

        JsonNode sum = keras.get(3);
        assertThat(sum.get("class_name").asString()).isEqualTo("Add");
        assertThat(sum.get("name").asString()).isEqualTo("sum");
        assertThat(sum.get("inbound_nodes").get(0).get("args"))
                .as("a merge is called on one list")
                .hasSize(1);
        assertThat(sources(sum)).containsExactly("h1", "h2");

        JsonNode joined = keras.get(4);
        assertThat(joined.get("class_name").asString()).isEqualTo("Concatenate");
        assertThat(joined.get("name").asString()).isEqualTo("concatenate");
        assertThat(joined.get("config").get("axis").asInt()).isEqualTo(-1);
        assertThat(sources(joined)).containsExactly("sum", "input_layer");
        JsonNode shapes = joined.get("build_config").get("input_shape");
        assertThat(shape(shapes.get(0))).containsExactly(null, 8);
        assertThat(shape(shapes.get(1))).containsExactly(null, 4);

        JsonNode out = keras.get(5);
        assertThat(out.get("name").asString()).isEqualTo("dense");
        assertThat(sources(out)).containsExactly("concatenate");
        assertThat(shape(out.get("build_config").get("input_shape"))).containsExactly(null, 12);
        assertThat(shape(config.get("input_layers").get(0))).containsExactly("input_layer", 0, 0);
        assertThat(shape(config.get("output_layers").get(0))).containsExactly("dense", 0, 0);
    }

    @Test
    void givenNamesAreKeptAndDefaultsStepAroundThem() {
        String layers =
                """
                [{"type": "dense", "units": 4, "activation": "relu"},
                 {"type": "dense", "units": 4, "activation": "relu", "name": "dense"},
                 {"type": "dense", "units": 4, "activation": "relu", "name": "input_layer"},
                 {"type": "dense", "units": 3, "activation": "softmax"}]""";
        JsonNode keras = export(
                        resolve(layers, null, List.of(4), Task.CLASSIFICATION), List.of(4), Task.CLASSIFICATION, "n")
                .get("config")
                .get("layers");

        List<String> names = new ArrayList<>();
        keras.forEach(layer -> names.add(layer.get("config").get("name").asString()));
        assertThat(names).containsExactly("input_layer_1", "dense_1", "dense", "input_layer", "dense_2");
    }

    @Test
    void aLossFromLogitsIsALossObject() {
        ModelSpec spec = resolve(
                "[{\"type\": \"dense\", \"units\": 3}]",
                "\"loss\": \"categorical_crossentropy\", \"lossOptions\": {\"fromLogits\": true}, "
                        + "\"optimizer\": {\"type\": \"adamw\", \"learningRate\": 0.002, \"clipNorm\": 1.0}",
                List.of(4),
                Task.CLASSIFICATION);
        JsonNode compile =
                export(spec, List.of(4), Task.CLASSIFICATION, "logits").get("compile_config");

        JsonNode loss = compile.get("loss");
        assertThat(loss.get("module").asString()).isEqualTo("keras.losses");
        assertThat(loss.get("class_name").asString()).isEqualTo("CategoricalCrossentropy");
        assertThat(loss.get("config").get("from_logits").asBoolean()).isTrue();
        JsonNode optimizer = compile.get("optimizer").get("config");
        assertThat(compile.get("optimizer").get("class_name").asString()).isEqualTo("AdamW");
        assertThat(optimizer.get("learning_rate").asDouble()).isEqualTo(0.002);
        assertThat(optimizer.get("weight_decay").asDouble()).isEqualTo(0.004);
        assertThat(optimizer.get("global_clipnorm").asDouble()).isEqualTo(1.0);
        assertThat(optimizer.get("clipnorm").isNull()).isTrue();
    }

    @Test
    void maxoutIsRefusedByItsPath() {
        ModelSpec spec = resolve(
                """
                [{"type": "dense", "units": 8, "activation": "relu"},
                 {"type": "maxout", "units": 4, "pieces": 3},
                 {"type": "dense", "units": 3, "activation": "softmax"}]""",
                null,
                List.of(4),
                Task.CLASSIFICATION);

        assertThatThrownBy(() -> KerasExport.model(spec, List.of(4), Task.CLASSIFICATION, "m"))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("spec.layers[1] (maxout)")
                .hasMessageContaining("Keras has no maxout layer");
    }

    @Test
    void aPerceptronIsRefused() {
        ModelSpec spec = resolve(
                "[{\"type\": \"dense\", \"units\": 1, \"activation\": \"step\"}]",
                "\"mode\": \"perceptron\"",
                List.of(2),
                Task.CLASSIFICATION,
                List.of("no", "yes"));

        assertThatThrownBy(() -> KerasExport.model(spec, List.of(2), Task.CLASSIFICATION, "p"))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("spec.mode (perceptron)");
    }

    @Test
    void activationLayersWithTheirOwnSlopeBecomeKerasActivationLayers() {
        String layers =
                """
                [{"type": "dense", "units": 4},
                 {"type": "activation", "activation": "leaky_relu", "alpha": 0.1},
                 {"type": "activation", "activation": "leaky_relu"},
                 {"type": "activation", "activation": "elu", "alpha": 0.5},
                 {"type": "dense", "units": 3, "activation": "softmax"}]""";
        JsonNode keras = export(
                        resolve(layers, null, List.of(4), Task.CLASSIFICATION), List.of(4), Task.CLASSIFICATION, "a")
                .get("config")
                .get("layers");

        assertThat(keras.get(2).get("class_name").asString()).isEqualTo("LeakyReLU");
        assertThat(keras.get(2).get("config").get("negative_slope").asDouble()).isEqualTo(0.1);
        assertThat(keras.get(3).get("class_name").asString())
                .as("Keras' default slope is 0.2")
                .isEqualTo("Activation");
        assertThat(keras.get(3).get("config").get("activation").asString()).isEqualTo("leaky_relu");
        assertThat(keras.get(4).get("class_name").asString()).isEqualTo("ELU");
        assertThat(keras.get(4).get("config").get("alpha").asDouble()).isEqualTo(0.5);
    }

    /** The layer names a Functional layer's (single) call takes its tensors from. */
    private static List<String> sources(JsonNode layer) {
        JsonNode args = layer.get("inbound_nodes").get(0).get("args");
        JsonNode tensors = args.get(0).isArray() ? args.get(0) : args;
        List<String> names = new ArrayList<>();
        tensors.forEach(
                t -> names.add(t.get("config").get("keras_history").get(0).asString()));
        return names;
    }

    /** A JSON array as a list of its numbers, strings and nulls. */
    private static List<Object> shape(JsonNode array) {
        assertThat(array.isArray()).as("%s is an array", array).isTrue();
        List<Object> out = new ArrayList<>();
        array.forEach(e -> out.add(e.isNull() ? null : e.isNumber() ? (Object) e.asInt() : e.asString()));
        return out;
    }

    private static JsonNode export(ModelSpec spec, List<Integer> inputShape, Task task, String name) {
        return JSON.readTree(KerasExport.json(spec, inputShape, task, name));
    }

    private static ModelSpec resolve(String layers, String settings, List<Integer> inputShape, Task task) {
        return resolve(layers, settings, inputShape, task, IRIS);
    }

    private static ModelSpec resolve(
            String layers, String settings, List<Integer> inputShape, Task task, List<String> classes) {
        String json = "{\"layers\": " + layers + (settings == null ? "" : ", " + settings) + ", \"seed\": 1}";
        DataShape data = new DataShape(inputShape, task, task == Task.CLASSIFICATION ? classes : List.of(), 1_000);
        return SpecValidator.resolve(JSON.readValue(json, ModelSpec.class), data);
    }
}
