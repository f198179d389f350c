package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRegistry;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.storage.ArtifactStore;
import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import dev.neurona.training.Checkpoint;
import dev.neurona.training.Checkpoints;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * Transfer learning over HTTP: a base trained on iris, a new head on its first two layers with h1 frozen throughout
 * and h2 frozen for two epochs. The weights are compared bit for bit with the base's (read by DJL from the stored
 * files), at the end and in the checkpoint after every epoch; the receipt, the resolved spec, predictions and the
 * problems of bad transfer specs.
 */
@EndToEndTest(properties = "neurona.recovery.checkpoint-every-epochs=1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(180);
    static final String BASE =
            """
            {"layers": [{"type": "dense", "units": 8, "activation": "relu", "name": "h1"},
                        {"type": "dense", "units": 8, "activation": "relu", "name": "h2"},
                        {"type": "dense", "units": 3, "activation": "softmax", "name": "out"}],
             "optimizer": {"type": "adam", "learningRate": 0.02}, "epochs": 15, "batchSize": 16, "seed": 7}""";
    static final String TRANSFER =
            """
            {"from": {"model": "iris-base", "upTo": "h2"},
             "layers": [{"type": "dense", "units": 3, "activation": "softmax", "name": "head"}],
             "unfreeze": [{"epoch": 3, "layers": ["h2"]}],
             "optimizer": {"type": "adam", "learningRate": 0.02}, "epochs": 4, "batchSize": 16, "seed": 11}""";

    @LocalServerPort
    int port;

    @MockitoSpyBean
    Checkpoints checkpoints;

    @Autowired
    ModelRegistry registry;

    @Autowired
    ArtifactStore artifacts;

    Http http;
    String iris;
    JsonNode base;
    JsonNode model;
    final Map<UUID, Map<Integer, Checkpoint>> saved = new ConcurrentHashMap<>();

    @BeforeAll
    void train() {
        http = new Http(port);
        doAnswer(call -> {
                    Checkpoint c = call.getArgument(1);
                    saved.computeIfAbsent(call.getArgument(0), j -> new ConcurrentHashMap<>())
                            .put(c.epoch(), c);
                    return call.callRealMethod();
                })
                .when(checkpoints)
                .save(any(), any());
        Http.Response imported = http.post("/api/v1/catalog/iris/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        iris = imported.json().get("id").asString();
        JsonNode baseJob = http.awaitState(http.submit(iris, BASE, "iris-base"), "SUCCEEDED", TRAINING);
        base = http.getJson("/api/v1/models/" + baseJob.get("modelId").asString());
        JsonNode job = http.awaitState(http.submit(iris, TRANSFER), "SUCCEEDED", TRAINING);
        model = http.getJson("/api/v1/models/" + job.get("modelId").asString());
    }

    @Test
    void frozenLayersKeepTheBasesWeightsBitForBitAndTheOthersTrain() {
        Map<Integer, float[]> before = weights(id(base));
        Map<Integer, float[]> after = weights(id(model));

        assertThat(after.get(0)).as("h1, frozen throughout").isEqualTo(before.get(0));
        assertThat(after.get(1)).as("h2 trained from epoch 3").isNotEqualTo(before.get(1));
        assertThat(after.get(2)).hasSize(8 * 3 + 3);
    }

    @Test
    void aLayerFrozenUntilAnEpochChangesOnlyFromThatEpoch() {
        Map<Integer, float[]> before = weights(id(base));
        Map<Integer, Checkpoint> epochs =
                saved.get(UUID.fromString(model.get("jobId").asString()));
        assertThat(epochs).as("checkpoints after epochs 1 to 3").containsOnlyKeys(1, 2, 3);
        ModelSpec spec = registry.get(id(model)).spec();

        Map<Integer, float[]> first = checkpointWeights(spec, epochs.get(1));
        Map<Integer, float[]> second = checkpointWeights(spec, epochs.get(2));
        Map<Integer, float[]> third = checkpointWeights(spec, epochs.get(3));

        assertThat(second.get(1)).as("h2 after epoch 2").isEqualTo(before.get(1));
        assertThat(third.get(1)).as("h2 after epoch 3").isNotEqualTo(before.get(1));
        assertThat(third.get(0)).as("h1 after epoch 3").isEqualTo(before.get(0));
        assertThat(second.get(2)).as("the head trains from epoch 1").isNotEqualTo(first.get(2));
    }

    @Test
    void theReceiptNamesTheBaseAndWhatWasFrozenWhen() {
        JsonNode receipt = model.get("receipt").get("base");
        assertThat(receipt.get("modelId").asString()).isEqualTo(base.get("id").asString());
        assertThat(receipt.get("name").asString()).isEqualTo("iris-base");
        assertThat(receipt.get("version").asInt()).isEqualTo(1);
        assertThat(receipt.get("datasetId").asString()).isEqualTo(iris);
        assertThat(receipt.get("upTo").asInt()).isEqualTo(1);
        JsonNode frozen = receipt.get("frozen");
        assertThat(frozen).hasSize(2);
        assertThat(frozen.get(0).get("name").asString()).isEqualTo("h1");
        assertThat(frozen.get(0).get("frozenEpochs").asInt()).isEqualTo(4);
        assertThat(frozen.get(0).get("throughout").asBoolean()).isTrue();
        assertThat(frozen.get(1).get("name").asString()).isEqualTo("h2");
        assertThat(frozen.get(1).get("frozenEpochs").asInt()).isEqualTo(2);
        assertThat(frozen.get(1).get("throughout").asBoolean()).isFalse();
        assertThat(base.get("receipt").has("base")).isFalse();
    }

    @Test
    void theResolvedSpecHoldsTheWholeNetworkAndNamesTheBase() {
        JsonNode spec = model.get("spec");
        assertThat(Http.strings(spec.get("layers"), "name")).containsExactly("h1", "h2", "head");
        assertThat(spec.get("from").get("id").asString())
                .isEqualTo(base.get("id").asString());
        assertThat(spec.get("from").get("upTo").asInt()).isEqualTo(1);
        assertThat(spec.get("from").get("frozen").toString()).isEqualTo("[0,1]");
        assertThat(spec.get("unfreeze").toString()).isEqualTo("[{\"epoch\":3,\"layers\":[1]}]");
        assertThat(base.get("spec").has("from")).isFalse();
        assertThat(base.get("spec").has("unfreeze")).isFalse();

        // submitted again as it is, the resolved spec is the same network, not the base twice
        JsonNode again = http.dryRun(iris, spec.toString());
        assertThat(again.get("layers")).hasSize(3);
        assertThat(again.get("spec")).isEqualTo(spec);
    }

    @Test
    void theFineTunedModelPredicts() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row(5.1, 3.5, 1.4, 0.2));
        JsonNode predictions = http.predict(model.get("id").asString(), rows);
        assertThat(predictions.get(0).get("label").asString()).isIn("setosa", "versicolor", "virginica");
    }

    @Test
    void badTransferSpecsAreProblemsAtTheirPathsAllAtOnce() {
        Http.Response unknown = dryRunAnswer(iris, TRANSFER.replace("\"iris-base\"", "\"no-such-model\""));
        assertThat(Problems.fieldProblem(unknown, "spec.from.model")).contains("no-such-model");

        String several = TRANSFER.replace("\"upTo\": \"h2\"", "\"upTo\": \"h7\"")
                .replace("\"name\": \"head\"", "\"name\": \"h1\"");
        Http.Response r = dryRunAnswer(iris, several);
        assertThat(Problems.fieldProblem(r, "spec.from.upTo")).contains("'h7'");

        Http.Response clash = dryRunAnswer(iris, TRANSFER.replace("\"name\": \"head\"", "\"name\": \"h1\""));
        assertThat(Problems.fieldProblem(clash, "spec.layers[0].name")).contains("'h1'");

        String schedule = TRANSFER.replace("\"epoch\": 3", "\"epoch\": 9")
                .replace(
                        "\"units\": 3, \"activation\": \"softmax\", \"name\": \"head\"",
                        "\"units\": 5, \"activation\": \"softmax\", \"name\": \"head\"")
                .replace("\"upTo\": \"h2\"}", "\"upTo\": \"h2\", \"frozen\": [\"h2\", 7]}");
        Http.Response wrong = dryRunAnswer(iris, schedule);
        assertThat(Problems.fieldProblem(wrong, "spec.unfreeze[0].epoch")).contains("between 1 and 4");
        assertThat(Problems.fieldProblem(wrong, "spec.layers[0].units")).contains("3 classes");
        assertThat(Problems.fieldProblem(wrong, "spec.from.frozen[1]")).contains("7");

        Http.Response notFrozen =
                dryRunAnswer(iris, TRANSFER.replace("\"layers\": [\"h2\"]", "\"layers\": [\"head\"]"));
        assertThat(Problems.fieldProblem(notFrozen, "spec.unfreeze[0].layers[0]"))
                .contains("not frozen");

        Http.Response alone = dryRunAnswer(iris, BASE.replace("\"epochs\": 15", "\"unfreeze\": [], \"epochs\": 15"));
        assertThat(Problems.fieldProblem(alone, "spec.unfreeze")).contains("spec.from");

        // x1, x2 and a one-hot colour: 5 inputs
        String blobs = http.dataset(TestData.blobs(20, 3), Map.of("name", "blobs"))
                .get("id")
                .asString();
        Http.Response shape = dryRunAnswer(blobs, TRANSFER);
        assertThat(Problems.fieldProblem(shape, "spec.from.model"))
                .contains("[4]")
                .contains("[5]");

        Http.Response job = http.postJson(
                "/api/v1/jobs",
                "{\"datasetId\":\"" + iris + "\",\"spec\":" + TRANSFER.replace("\"iris-base\"", "\"nobody@x\"") + "}");
        Problems.fieldProblem(job, "spec.from.model");
    }

    /**
     * Keras' {@code trainable: false} on a layer of an ordinary spec: the layer keeps its initial weights (constant
     * here, so they are known) until the schedule releases it; the layer after it trains throughout.
     */
    @Test
    void aLayerThatSaysTrainableFalseKeepsItsInitialWeightsUntilItIsUnfrozen() {
        String spec =
                """
                {"layers": [{"type": "dense", "units": 4, "activation": "tanh", "name": "fixed", "trainable": false,
                             "kernelInitializer": {"type": "constant", "value": 0.25}},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "optimizer": {"type": "adam", "learningRate": 0.02}, "epochs": 3, "batchSize": 16, "seed": 5}""";
        JsonNode kept = http.awaitState(http.submit(iris, spec), "SUCCEEDED", TRAINING);
        assertThat(kept.get("spec").get("layers").get(0).get("trainable").asBoolean())
                .isFalse();
        float[] fixed = weights(UUID.fromString(kept.get("modelId").asString())).get(0);
        assertThat(fixed).hasSize(4 * 4 + 4);
        for (int i = 0; i < 16; i++) {
            assertThat(fixed[i]).as("weight %d", i).isEqualTo(0.25f);
        }
        for (int i = 16; i < 20; i++) {
            assertThat(fixed[i]).as("bias %d", i - 16).isZero();
        }

        JsonNode released = http.awaitState(
                http.submit(
                        iris,
                        spec.replace(
                                "\"seed\": 5}",
                                "\"seed\": 5, \"unfreeze\": [{\"epoch\": 2, \"layers\": [\"fixed\"]}]}")),
                "SUCCEEDED",
                TRAINING);
        float[] trained =
                weights(UUID.fromString(released.get("modelId").asString())).get(0);
        assertThat(trained).isNotEqualTo(fixed);

        // the schedule needs a frozen layer; a perceptron or a PINN trains every layer
        Http.Response refused = dryRunAnswer(
                iris,
                "{\"layers\": [{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}],"
                        + " \"unfreeze\": [{\"epoch\": 1, \"layers\": [0]}]}");
        assertThat(Problems.fieldProblem(refused, "spec.unfreeze")).contains("trainable: false");
    }

    private Http.Response dryRunAnswer(String dataset, String spec) {
        return http.postJson(
                "/api/v1/jobs", "{\"datasetId\":\"" + dataset + "\",\"spec\":" + spec + ",\"dryRun\":true}");
    }

    private static UUID id(JsonNode trained) {
        return UUID.fromString(trained.get("id").asString());
    }

    /** Every parameter of each spec layer, concatenated in the block's order, as DJL loads the stored file. */
    private Map<Integer, float[]> weights(UUID id) {
        ModelRecord record = registry.get(id);
        Network network = NetworkBuilder.build(record.spec());
        try (Model djl = Model.newInstance("check-" + id)) {
            djl.setBlock(network.block());
            djl.load(artifacts.localDirectory(ModelRecord.prefix(id)), ModelRecord.PARAMETERS_NAME);
            Map<Integer, List<float[]>> parts = new TreeMap<>();
            List<Block> children = network.block().getChildren().values();
            for (int c = 0; c < children.size(); c++) {
                for (Pair<String, Parameter> p : children.get(c).getParameters()) {
                    parts.computeIfAbsent(network.blockLayers().get(c), l -> new ArrayList<>())
                            .add(p.getValue().getArray().toFloatArray());
                }
            }
            return concatenated(parts);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same for a checkpoint's parameters, written under the whole block's parameter names. */
    private static Map<Integer, float[]> checkpointWeights(ModelSpec spec, Checkpoint checkpoint) {
        Network network = NetworkBuilder.build(spec);
        Map<Parameter, Integer> layerOf = new IdentityHashMap<>();
        List<Block> children = network.block().getChildren().values();
        for (int c = 0; c < children.size(); c++) {
            for (Pair<String, Parameter> p : children.get(c).getParameters()) {
                layerOf.put(p.getValue(), network.blockLayers().get(c));
            }
        }
        Map<Integer, List<float[]>> parts = new TreeMap<>();
        try (NDManager manager = NDManager.newBaseManager();
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint.parameters()))) {
            Map<String, float[]> byName = new LinkedHashMap<>();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                NDArray array = NDArray.decode(manager, in.readNBytes(in.readInt()));
                byName.put(name, array.toFloatArray());
            }
            for (Pair<String, Parameter> p : network.block().getParameters()) {
                parts.computeIfAbsent(layerOf.get(p.getValue()), l -> new ArrayList<>())
                        .add(byName.get(p.getKey()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return concatenated(parts);
    }

    private static Map<Integer, float[]> concatenated(Map<Integer, List<float[]>> parts) {
        Map<Integer, float[]> out = new TreeMap<>();
        parts.forEach((layer, arrays) -> {
            int size = arrays.stream().mapToInt(a -> a.length).sum();
            float[] all = new float[size];
            int at = 0;
            for (float[] a : arrays) {
                System.arraycopy(a, 0, all, at, a.length);
                at += a.length;
            }
            out.put(layer, all);
        });
        return out;
    }

    private static Map<String, Object> row(double... values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(NewLayersEndToEndTest.IRIS_COLUMNS.get(i), values[i]);
        }
        return row;
    }
}
