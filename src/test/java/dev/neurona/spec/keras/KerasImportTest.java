package dev.neurona.spec.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.spec.LayerRow;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.SpecLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents written the way Keras' model.to_json() writes them (src/test/resources/keras): Keras 2.2 and tf.keras
 * 2.12, Keras 3; Sequential and Functional. Parameter counts are those Keras' model.summary() prints.
 */
class KerasImportTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static String document(String name) {
        try (InputStream in = KerasImportTest.class.getResourceAsStream("/keras/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static KerasModel read(String document) {
        return KerasImport.read(document, SpecLimits.DEFAULTS);
    }

    static List<String> types(KerasModel model) {
        return model.spec().layers().stream().map(LayerSpec::typeName).toList();
    }

    @ParameterizedTest
    @CsvSource({"mnist_mlp_keras2, 2", "mnist_mlp_keras3, 3"})
    void mnistMlpHas669706Parameters(String file, int version) {
        KerasModel model = read(document(file));

        assertThat(model.parameters()).isEqualTo(669_706);
        assertThat(model.version()).isEqualTo(version);
        assertThat(model.model()).isEqualTo("Sequential");
        assertThat(model.inputShape()).containsExactly(784);
        assertThat(types(model)).containsExactly("dense", "dropout", "dense", "dropout", "dense");
        assertThat(model.spec().layers()).allSatisfy(l -> assertThat(l.inputs()).isNull());
        assertThat(model.rows())
                .allSatisfy(
                        r -> assertThat(r.inputs()).as("a stack stays a stack").isNull());
        LayerSpec.Dense first = (LayerSpec.Dense) model.spec().layers().get(0);
        assertThat(first.units()).isEqualTo(512);
        assertThat(first.activation()).isEqualTo("relu");
        assertThat(first.kernelInitializer())
                .as("glorot_uniform is Neurona's default")
                .isNull();
        assertThat(((LayerSpec.Dropout) model.spec().layers().get(1)).rate()).isEqualTo(0.2);
        assertThat(model.rows().get(4).outputShape()).containsExactly(-1, 10);
        assertThat(model.notes()).anySatisfy(n -> assertThat(n.note()).contains("no loss, optimizer"));
    }

    @Test
    void keras2NamesAreKeptAndKeras22sVarianceScalingIsGlorot() {
        KerasModel model = read(document("mnist_mlp_keras2"));

        assertThat(model.spec().layers().stream().map(LayerSpec::name))
                .containsExactly("dense_1", "dropout_1", "dense_2", "dropout_2", "dense_3");
        assertThat(model.inputPath()).isEqualTo("$.config.layers[0].config");
        assertThat(model.notes())
                .contains(new KerasNote(
                        "$.config.layers[0].config.kernel_initializer",
                        "VarianceScaling{\"scale\":1.0,\"mode\":\"fan_avg\",\"distribution\":\"uniform\",\"seed\":null}"
                                + " is glorot_uniform"));
    }

    @ParameterizedTest
    @CsvSource({
        "mnist_cnn_keras2, 2, $.config.layers[0].config.batch_input_shape",
        "mnist_cnn_keras3, 3, $.config.layers[0].config.batch_shape"
    })
    void mnistCnnHas1199882Parameters(String file, int version, String inputPath) {
        KerasModel model = read(document(file));

        assertThat(model.parameters()).isEqualTo(1_199_882);
        assertThat(model.version()).isEqualTo(version);
        assertThat(model.inputShape()).as("channels-first").containsExactly(1, 28, 28);
        assertThat(types(model))
                .containsExactly("conv2d", "conv2d", "maxpool2d", "dropout", "flatten", "dense", "dropout", "dense");
        assertThat(model.rows().stream().map(LayerRow::outputShape).toList().subList(0, 5))
                .containsExactly(
                        List.of(-1, 32, 26, 26),
                        List.of(-1, 64, 24, 24),
                        List.of(-1, 64, 12, 12),
                        List.of(-1, 64, 12, 12),
                        List.of(-1, 9216));
        LayerSpec.Conv2d conv = (LayerSpec.Conv2d) model.spec().layers().get(0);
        assertThat(conv.kernelSize()).containsExactly(3, 3);
        assertThat(conv.strides()).isNull();
        assertThat(model.notes())
                .contains(new KerasNote(
                        inputPath, "Keras' channels-last (28, 28, 1) is Neurona's channels-first [1, 28, 28]"));
    }

    @ParameterizedTest
    @CsvSource({"residual_keras2, 2", "residual_keras3, 3"})
    void aResidualModelMergesWithAdd(String file, int version) {
        KerasModel model = read(document(file));

        assertThat(model.model()).isEqualTo("Functional");
        assertThat(model.version()).isEqualTo(version);
        // 160 + 2,320 + batchnorm 4 · 16 + 170, as Keras' summary counts (64 = 32 trainable + 32 not)
        assertThat(model.parameters()).isEqualTo(2_714);
        assertThat(types(model))
                .containsExactly("conv2d", "conv2d", "batchnorm", "add", "activation", "globalavgpool2d", "dense");
        List<LayerSpec> layers = model.spec().layers();
        assertThat(layers.get(0).inputs()).containsExactly("input");
        assertThat(layers.get(3).name()).isEqualTo("add");
        assertThat(layers.get(3).inputs()).containsExactly("conv2d", "batch_normalization");
        assertThat(((LayerSpec.Conv2d) layers.get(0)).padding()).isEqualTo("same");
        assertThat(model.rows().get(3).inputs()).containsExactly("conv2d", "batch_normalization");
        assertThat(model.rows().get(3).outputShape()).containsExactly(-1, 16, 28, 28);
        assertThat(model.layerPaths().get(3)).isEqualTo("$.config.layers[4]");
    }

    @Test
    void twoTowersJoinWithConcatenate() {
        KerasModel model = read(document("concatenate_keras3"));

        assertThat(model.parameters()).isEqualTo(336 + 168 + 25);
        assertThat(types(model)).containsExactly("dense", "activation", "dense", "concatenate", "dense");
        List<LayerSpec> layers = model.spec().layers();
        assertThat(layers.get(0).name()).isEqualTo("wide");
        assertThat(layers.get(2).inputs()).containsExactly("input");
        assertThat(layers.get(3).inputs()).containsExactly("leaky_re_lu", "deep");
        assertThat(model.rows().get(3).outputShape()).containsExactly(-1, 24);
        LayerSpec.Dense wide = (LayerSpec.Dense) layers.get(0);
        assertThat(wide.kernelInitializer().type()).isEqualTo("he_normal");
        assertThat(wide.l2())
                .as("float32's 0.0010000000474974513 read as typed")
                .isEqualTo(0.001);
        assertThat(((LayerSpec.Activation) layers.get(1)).alpha()).isEqualTo(0.1);
        assertThat(model.notes())
                .contains(new KerasNote("$.config.layers[1].config.kernel_regularizer", "translated to l2 = 0.001"));
    }

    @Test
    void aFlatInputFedImagesGetsAFlattenFirst() {
        KerasModel model = read(document("mnist_mlp_keras3")).flattenedFor(List.of(1, 28, 28), SpecLimits.DEFAULTS);

        assertThat(types(model)).containsExactly("flatten", "dense", "dropout", "dense", "dropout", "dense");
        assertThat(model.parameters()).isEqualTo(669_706);
        assertThat(model.inputShape()).containsExactly(1, 28, 28);
        assertThat(model.kerasPath("spec.layers[1].units")).isEqualTo("$.config.layers[1].config.units");

        KerasModel graph = read(document("residual_keras3"));
        assertThat(graph.kerasPath("spec.layers[0].kernelSize")).isEqualTo("$.config.layers[1].config.kernel_size");
        assertThat(graph.kerasPath("spec.loss")).isEqualTo("spec.loss");
    }

    // ---------------------------------------------------------------- refusals, each by its JSON path

    static ObjectNode tree(String file) {
        return (ObjectNode) JSON.readTree(document(file));
    }

    static ObjectNode config(ObjectNode root, int layer) {
        return (ObjectNode) root.get("config").get("layers").get(layer).get("config");
    }

    static List<FieldProblem> refused(String file, Consumer<ObjectNode> change) {
        ObjectNode root = tree(file);
        change.accept(root);
        try {
            read(root.toString());
        } catch (InvalidInputException e) {
            return e.errors();
        }
        throw new AssertionError("imported " + root);
    }

    @Test
    void anUnknownLayerIsRefusedByItsClassName() {
        assertThat(refused(
                        "mnist_cnn_keras3",
                        r -> ((ObjectNode) r.get("config").get("layers").get(3)).put("class_name", "LSTM")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("$.config.layers[3].class_name");
                    assertThat(p.message()).contains("LSTM").contains("supported: InputLayer, Dense");
                });
    }

    @Test
    void unsupportedOptionsAreRefusedByTheirPaths() {
        assertThat(refused("mnist_cnn_keras3", r -> config(r, 1).put("use_bias", false)))
                .extracting(FieldProblem::field)
                .containsExactly("$.config.layers[1].config.use_bias");
        assertThat(refused("mnist_cnn_keras2", r -> config(r, 2).put("data_format", "channels_first")))
                .extracting(FieldProblem::field)
                .containsExactly("$.config.layers[2].config.data_format");
        assertThat(refused("mnist_mlp_keras3", r -> config(r, 1).put("activation", "hard_sigmoid")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("$.config.layers[1].config.activation");
                    assertThat(p.message()).contains("hard_sigmoid");
                });
        assertThat(refused(
                        "mnist_mlp_keras3",
                        r -> config(r, 3).putArray("strides").add(2)))
                .extracting(FieldProblem::field)
                .containsExactly("$.config.layers[3].config.strides");
        assertThat(refused(
                        "mnist_cnn_keras3",
                        r -> config(r, 1).putArray("dilation_rate").add(2).add(2)))
                .extracting(FieldProblem::field)
                .containsExactly("$.config.layers[1].config.dilation_rate");
        assertThat(refused("mnist_mlp_keras2", r -> config(r, 2).put("trainable", false)))
                .extracting(FieldProblem::field)
                .containsExactly("$.config.layers[2].config.trainable");
        assertThat(refused("mnist_mlp_keras2", r -> ((ObjectNode) config(r, 0).get("kernel_initializer"))
                        .put("class_name", "Orthogonal")))
                .extracting(FieldProblem::field)
                .containsExactly("$.config.layers[0].config.kernel_initializer");
        assertThat(refused("residual_keras2", r -> config(r, 3).put("center", false)))
                .extracting(FieldProblem::field)
                .containsExactly("$.config.layers[3].config.center");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(refused("mnist_cnn_keras3", r -> {
                    config(r, 1).put("use_bias", false);
                    config(r, 7).put("activation", "mish");
                }))
                .extracting(FieldProblem::field)
                .containsExactly("$.config.layers[1].config.use_bias", "$.config.layers[7].config.activation");
    }

    @Test
    void aLayerThatDoesNotFitItsInputIsNamedInTheDocument() {
        // without its Flatten, the cnn's dense layer meets (64, 12, 12)
        List<FieldProblem> problems =
                refused("mnist_cnn_keras3", r -> ((ArrayNode) r.get("config").get("layers")).remove(5));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("$.config.layers[5]");
            assertThat(p.message()).contains("dense needs a flat input");
        });
    }

    @Test
    void concatenatingAlongAnotherAxisThanTheChannelsIsRefused() {
        ObjectNode vectors = tree("concatenate_keras3");
        config(vectors, 4).put("axis", 1);
        assertThat(read(vectors.toString()).parameters())
                .as("axis 1 of (batch, features) is the last axis")
                .isEqualTo(529);

        Consumer<ObjectNode> concatenate =
                r -> ((ObjectNode) r.get("config").get("layers").get(4)).put("class_name", "Concatenate");
        ObjectNode images = tree("residual_keras3");
        concatenate.andThen(r -> config(r, 4).put("axis", 3)).accept(images);
        assertThat(read(images.toString()).rows().get(3).outputShape())
                .as("axis 3 of (batch, height, width, channels) is the channels")
                .containsExactly(-1, 32, 28, 28);
        assertThat(refused(
                        "residual_keras3", concatenate.andThen(r -> config(r, 4).put("axis", 1))))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("$.config.layers[4].config.axis");
                    assertThat(p.message()).contains("not the channel axis");
                });
    }

    @Test
    void sharedLayersAndSeveralInputsAreRefused() {
        assertThat(refused("residual_keras3", r -> {
                    ArrayNode nodes =
                            (ArrayNode) r.get("config").get("layers").get(1).get("inbound_nodes");
                    nodes.add(nodes.get(0).deepCopy());
                }))
                .extracting(FieldProblem::field)
                .containsExactly("$.config.layers[1].inbound_nodes");
        assertThat(refused("residual_keras2", r -> ((ArrayNode) r.get("config").get("input_layers"))
                        .addArray()
                        .add("other")
                        .add(0)
                        .add(0)))
                .extracting(FieldProblem::field)
                .contains("$.config.input_layers");
    }

    @Test
    void anInputWithoutASizeIsRefused() {
        assertThat(refused(
                        "mnist_mlp_keras3", r -> ((ArrayNode) config(r, 0).get("batch_shape")).set(1, JSON.nullNode())))
                .extracting(FieldProblem::field)
                .containsExactly("$.config.layers[0].config.batch_shape");
    }

    @Test
    void tooManyLayersAreRefusedBeforeReadingThem() {
        ObjectNode root = tree("mnist_mlp_keras3");
        ArrayNode layers = (ArrayNode) root.get("config").get("layers");
        JsonNode dropout = layers.get(2);
        for (int i = 0; i < 70; i++) {
            layers.insert(2, dropout.deepCopy());
        }
        assertThatThrownBy(() -> read(root.toString()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .singleElement()
                        .satisfies(p -> assertThat(p.field()).isEqualTo("$.config.layers")));
    }

    @Test
    void notJsonAndNotAKerasModelAreToldApart() {
        assertThatThrownBy(() -> read("{\"class_name\": "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).message()).startsWith("not JSON"));
        assertThatThrownBy(() -> read("{\"layers\": [{\"type\": \"dense\", \"units\": 3}]}"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).message()).startsWith("not a Keras model"));
        assertThatThrownBy(() -> read("{\"class_name\": \"MyModel\", \"config\": {}}"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("$.class_name"));
    }
}
