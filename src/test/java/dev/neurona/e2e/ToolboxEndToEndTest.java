package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The course's toolbox over HTTP: the perceptron on AND and XOR, an all-zero network, hinge, huber, cross-entropy
 * from logits, sparse labels with class weights and early stopping — each trained as a real job.
 */
@EndToEndTest
class ToolboxEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(120);

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    /** The four points of a truth table, each repeated, as x1,x2,y. */
    private static String truthTable(int[] outputs) {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int copy = 0; copy < 10; copy++) {
            for (int i = 0; i < 4; i++) {
                csv.append(i / 2)
                        .append(',')
                        .append(i % 2)
                        .append(',')
                        .append(outputs[i])
                        .append('\n');
            }
        }
        return csv.toString();
    }

    private JsonNode trainedModel(String datasetId, String spec) {
        String job = http.submit(datasetId, spec);
        String model =
                http.awaitState(job, "SUCCEEDED", TRAINING).get("modelId").asString();
        return http.get("/api/v1/models/" + model).json();
    }

    @Test
    void thePerceptronConvergesOnAndAndReportsThatXorIsNotLinearlySeparable() {
        String perceptron =
                """
                {"mode": "perceptron", "layers": [{"type": "dense", "units": 1, "activation": "step",
                 "kernelInitializer": "zeros"}], "optimizer": {"type": "sgd", "learningRate": 1.0},
                 "epochs": 100, "validationSplit": 0, "testSplit": 0, "seed": 3}""";
        String and = http.dataset(truthTable(new int[] {0, 0, 0, 1}), Map.of("name", "and"))
                .get("id")
                .asString();
        JsonNode andModel = trainedModel(and, perceptron);
        JsonNode converged = andModel.get("diagnosis").get(0);
        assertThat(converged.get("kind").asString()).isEqualTo("converged");
        assertThat(converged.get("epoch").asInt()).isLessThan(100);
        JsonNode p = http.predict(
                andModel.get("id").asString(), List.of(Map.of("x1", 1, "x2", 1), Map.of("x1", 0, "x2", 1)));
        assertThat(p.get(0).get("label").asString()).isEqualTo("1");
        assertThat(p.get(1).get("label").asString()).isEqualTo("0");
        assertThat(p.get(0).has("probabilities"))
                .as("a perceptron's score is no probability")
                .isFalse();

        String xor = http.dataset(truthTable(new int[] {0, 1, 1, 0}), Map.of("name", "xor"))
                .get("id")
                .asString();
        JsonNode xorModel = trainedModel(xor, perceptron);
        JsonNode finding = xorModel.get("diagnosis").get(0);
        assertThat(finding.get("kind").asString()).isEqualTo("not_converged");
        assertThat(finding.get("message").asString())
                .contains("not linearly separable")
                .contains("XOR");
        assertThat(finding.get("epoch").asInt()).isEqualTo(100);
        assertThat(finding.get("value").asDouble())
                .as("rows still wrong in the last epoch")
                .isPositive();
    }

    @Test
    void anAllZeroNetworkTrainsAndLearnsNothing() {
        String blobs = http.dataset(TestData.blobs(30, 4), Map.of("name", "blobs"))
                .get("id")
                .asString();
        JsonNode model = trainedModel(
                blobs,
                """
                {"layers": [{"type": "dense", "units": 8, "activation": "relu", "kernelInitializer": "zeros"},
                            {"type": "dense", "units": 3, "activation": "softmax", "kernelInitializer": "zeros"}],
                 "epochs": 5, "seed": 1}""");
        // every hidden unit stays at relu(0) = 0, so the output is the (equal) bias for every row
        assertThat(model.get("metrics").get("accuracy").asDouble()).isLessThan(0.6);
    }

    @Test
    void deadReluUnitsAreCountedPerLayer() {
        String blobs = http.dataset(TestData.blobs(30, 6), Map.of("name", "blobs"))
                .get("id")
                .asString();
        // a bias of −50 keeps every pre-activation far below 0: all 8 units of layer 0 are dead from the start
        JsonNode model = trainedModel(
                blobs,
                """
                {"layers": [{"type": "dense", "units": 8, "activation": "relu",
                             "biasInitializer": {"type": "constant", "value": -50}},
                            {"type": "dense", "units": 4, "activation": "relu"},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "optimizer": {"type": "sgd", "learningRate": 0.01}, "epochs": 3, "seed": 1}""");
        JsonNode dead = null;
        for (JsonNode finding : model.get("diagnosis")) {
            if (finding.get("message").asString().startsWith("8 of 8 ReLU units of layer 0 ")) {
                dead = finding;
            }
        }
        assertThat(dead).as("diagnosis %s", model.get("diagnosis")).isNotNull();
        assertThat(dead.get("kind").asString()).isEqualTo("dead_relu");
        assertThat(dead.get("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void marginAndLogitsAndRobustLossesTrainAndPredict() {
        String binary =
                http.dataset(twoBlobs(60, 7), Map.of("name", "two")).get("id").asString();
        JsonNode hinge = trainedModel(
                binary,
                """
                {"layers": [{"type": "dense", "units": 1, "activation": "tanh"}], "loss": "hinge",
                 "optimizer": {"type": "sgd", "learningRate": 0.1}, "epochs": 30, "seed": 2}""");
        assertThat(hinge.get("metrics").get("accuracy").asDouble()).isGreaterThan(0.9);
        JsonNode scored = http.predict(hinge.get("id").asString(), List.of(Map.of("x1", 3, "x2", 3)));
        assertThat(scored.get(0).get("label").asString()).isEqualTo("b");
        assertThat(scored.get(0).get("value").asDouble()).isPositive();

        JsonNode logits = trainedModel(
                binary,
                """
                {"layers": [{"type": "dense", "units": 1}], "loss": "binary_crossentropy",
                 "lossOptions": {"fromLogits": true}, "optimizer": {"type": "adam", "learningRate": 0.05},
                 "epochs": 30, "seed": 2}""");
        assertThat(logits.get("spec").get("lossOptions").get("fromLogits").asBoolean())
                .isTrue();
        JsonNode probabilities = http.predict(logits.get("id").asString(), List.of(Map.of("x1", -3, "x2", -3)))
                .get(0)
                .get("probabilities");
        assertThat(probabilities.get("a").asDouble() + probabilities.get("b").asDouble())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(probabilities.get("a").asDouble()).isGreaterThan(0.9);

        String linear = http.dataset(TestData.linear(200, 5), Map.of("name", "linear"))
                .get("id")
                .asString();
        JsonNode huber = trainedModel(
                linear,
                """
                {"layers": [{"type": "dense", "units": 1}], "loss": "huber", "lossOptions": {"delta": 0.5},
                 "optimizer": {"type": "adam", "learningRate": 0.05}, "epochs": 60, "seed": 2}""");
        assertThat(huber.get("spec").get("lossOptions").get("delta").asDouble()).isEqualTo(0.5);
        assertThat(huber.get("metrics").get("r2").asDouble()).isGreaterThan(0.95);
    }

    @Test
    void sparseLabelsClassWeightsAndEarlyStoppingWorkTogether() {
        String blobs = http.dataset(TestData.blobs(40, 9), Map.of("name", "blobs"))
                .get("id")
                .asString();
        String spec =
                """
                {"layers": [{"type": "dense", "units": 16,
                             "kernelInitializer": {"type": "random_normal", "stddev": 0.1},
                             "biasInitializer": {"type": "constant", "value": 0.01}},
                            {"type": "activation", "activation": "leaky_relu", "alpha": 0.1},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "loss": "sparse_categorical_crossentropy", "classWeights": "balanced",
                 "earlyStopping": {"monitor": "val_loss", "patience": 2, "minDelta": 0.01},
                 "optimizer": {"type": "adam", "learningRate": 0.05}, "epochs": 500, "seed": 5}""";
        JsonNode plan = http.dryRun(blobs, spec);
        assertThat(plan.get("spec").get("layers").get(1).get("alpha").asDouble())
                .isEqualTo(0.1);
        assertThat(plan.get("spec")
                        .get("layers")
                        .get(0)
                        .get("kernelInitializer")
                        .get("mean")
                        .asDouble())
                .isEqualTo(0.0);
        assertThat(plan.get("spec")
                        .get("earlyStopping")
                        .get("restoreBestWeights")
                        .asBoolean())
                .isTrue();
        assertThat(plan.get("spec").get("classWeights").asString()).isEqualTo("balanced");

        String job = http.submit(blobs, spec);
        JsonNode done = http.awaitState(job, "SUCCEEDED", TRAINING);
        JsonNode model =
                http.get("/api/v1/models/" + done.get("modelId").asString()).json();
        JsonNode stopped = model.get("diagnosis").get(0);
        assertThat(stopped.get("kind").asString()).isEqualTo("early_stopped");
        assertThat(done.get("history").size())
                .as("stopped long before 500 epochs")
                .isLessThan(200)
                .isEqualTo(stopped.get("epoch").asInt() + 2);
        assertThat(model.get("metrics").get("accuracy").asDouble()).isGreaterThan(0.9);
    }

    @Test
    void aSeededModelReplaysFromItsReceiptToIdenticalMetrics() {
        String blobs = http.dataset(TestData.blobs(40, 12), Map.of("name", "blobs"))
                .get("id")
                .asString();
        JsonNode original = trainedModel(
                blobs,
                """
                {"layers": [{"type": "dense", "units": 16, "activation": "relu"}, {"type": "dropout", "rate": 0.3},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "optimizer": {"type": "adam", "learningRate": 0.01}, "epochs": 15, "batchSize": 8, "seed": 77}""");
        JsonNode receipt = original.get("receipt");
        assertThat(receipt.get("seed").asLong()).isEqualTo(77);
        assertThat(receipt.get("splitSha256").asString()).hasSize(64);
        assertThat(receipt.get("datasetSha256").asString())
                .isEqualTo(http.get("/api/v1/datasets/" + blobs)
                        .json()
                        .get("sha256")
                        .asString());
        assertThat(receipt.get("trainRows").asInt()
                        + receipt.get("validationRows").asInt()
                        + receipt.get("testRows").asInt())
                .isEqualTo(120);
        assertThat(receipt.get("pytorchVersion").asString()).isNotBlank();
        assertThat(receipt.get("djlVersion").asString()).isNotBlank();
        assertThat(receipt.get("device").asString()).contains("cpu");

        Http.Response replay =
                http.postJson("/api/v1/models/" + original.get("id").asString() + "/replay", "");
        assertThat(replay.status()).as("%s", replay).isEqualTo(202);
        assertThat(replay.json().get("replayOf").asString())
                .isEqualTo(original.get("id").asString());
        String job = replay.json().get("id").asString();
        JsonNode copy = http.get("/api/v1/models/"
                        + http.awaitState(job, "SUCCEEDED", TRAINING)
                                .get("modelId")
                                .asString())
                .json();
        assertThat(copy.get("receipt").get("replayMatches").asBoolean())
                .as("%s", copy.get("diagnosis"))
                .isTrue();
        assertThat(copy.get("receipt").get("splitSha256").asString())
                .isEqualTo(receipt.get("splitSha256").asString());
        assertThat(copy.get("metrics")).isEqualTo(original.get("metrics"));
        assertThat(copy.get("diagnosis").toString()).contains("replay_matches");
        Problems.problem(http.postJson("/api/v1/models/00000000-0000-0000-0000-000000000000/replay", ""), 404);
    }

    /** Two Gaussian blobs a (around −2, −2) and b (around 2, 2). Columns x1, x2, cls. */
    private static String twoBlobs(int perClass, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("x1,x2,cls\n");
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < 2; c++) {
                double centre = c == 0 ? -2 : 2;
                csv.append(String.format(
                        Locale.ROOT,
                        "%.4f,%.4f,%s%n",
                        centre + random.nextGaussian() * 0.7,
                        centre + random.nextGaussian() * 0.7,
                        c == 0 ? "a" : "b"));
            }
        }
        return csv.toString();
    }
}
