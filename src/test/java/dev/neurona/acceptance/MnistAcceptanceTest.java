package dev.neurona.acceptance;

import static dev.neurona.acceptance.TabularAcceptanceTest.PATIENCE;
import static dev.neurona.acceptance.TabularAcceptanceTest.print;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * MNIST from the bundled catalog entry (no ../shared needed), trained through the HTTP API, judged on the official
 * 10,000-image test set. Figures are printed as "[acceptance]" lines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MnistAcceptanceTest {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    static String mnist;
    static String cnn;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("neurona-mnist-");
        registry.add("neurona.data-dir", dataDir::toString);
    }

    private Http api;

    @BeforeEach
    void client() {
        api = new Http(port).withTimeout(PATIENCE);
    }

    @Test
    @Order(1)
    void importsTheBundledMnistFast() throws Exception {
        long start = System.nanoTime();
        JsonNode dataset =
                api.postJson("/api/v1/catalog/mnist/import", "").expect(201).json();
        double seconds = (System.nanoTime() - start) / 1e9;
        mnist = dataset.path("id").asString();
        print("MNIST import (60,000 + 10,000 images, gunzip + parse + store): %.2f s", seconds);
        assertThat(dataset.path("rows").asInt()).isEqualTo(70_000);
        assertThat(dataset.path("officialTestRows").asInt()).isEqualTo(10_000);
        assertThat(dataset.path("inputShape").toString()).isEqualTo("[1,28,28]");

        // the same 60,000 training images as a user's upload over HTTP: multipart IDX, gunzip, parse, store
        List<Map.Entry<String, Map.Entry<String, byte[]>>> files = List.of(
                Map.entry(
                        "images",
                        Map.entry("train-images-idx3-ubyte.gz", PersonDigits.bundled("train-images-idx3-ubyte.gz"))),
                Map.entry(
                        "labels",
                        Map.entry("train-labels-idx1-ubyte.gz", PersonDigits.bundled("train-labels-idx1-ubyte.gz"))));
        start = System.nanoTime();
        JsonNode uploaded =
                api.uploadParts("/api/v1/datasets", files).expect(201).json();
        print(
                "MNIST 60,000 training images uploaded over HTTP (IDX, gzipped) and parsed: %.2f s",
                (System.nanoTime() - start) / 1e9);
        assertThat(uploaded.path("rows").asInt()).isEqualTo(60_000);
    }

    @Test
    @Order(2)
    void cnnReachesTheBarOnTheOfficialTestSet() throws Exception {
        long start = System.nanoTime();
        JsonNode model = api.trainToModel(mnist, smallCnn(10, 8, 7), PATIENCE);
        double minutes = (System.nanoTime() - start) / 6e10;
        JsonNode history =
                api.getJson("/api/v1/jobs/" + model.path("jobId").asString()).path("history");
        double samples = 0;
        for (JsonNode epoch : history) {
            samples += epoch.path("samplesPerSecond").asDouble() / history.size();
        }
        double accuracy = model.path("metrics").path("accuracy").asDouble();
        cnn = model.path("id").asString();
        print("peak RSS of the JVM so far (VmHWM, service + tests): %d MiB", peakRssMiB());
        print(
                "MNIST CNN: test accuracy %.4f on %d official test images, %d epochs, %.1f min wall time, "
                        + "%.0f samples/s",
                accuracy, model.path("metrics").path("testRows").asInt(), history.size(), minutes, samples);
        io.micrometer.core.instrument.Timer checkpoints =
                meters.get("neurona.checkpoint.write").timer();
        double epochMs = 0;
        for (JsonNode epoch : history) {
            epochMs += epoch.path("durationMs").asDouble() / history.size();
        }
        double checkpointMs = checkpoints.mean(java.util.concurrent.TimeUnit.MILLISECONDS);
        print(
                "MNIST CNN checkpoints: %d written (one after every epoch but the last), mean %.1f ms, max %.1f ms, "
                        + "against %.0f ms of training per epoch: %.2f%% overhead",
                checkpoints.count(),
                checkpointMs,
                checkpoints.max(java.util.concurrent.TimeUnit.MILLISECONDS),
                epochMs,
                100 * checkpointMs / epochMs);
        assertThat(checkpoints.count()).isEqualTo(history.size() - 1);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.992);
        assertThat(minutes).as("training wall time").isLessThanOrEqualTo(10.0);
    }

    @Test
    @Order(3)
    void mlpReachesItsBar() throws Exception {
        long start = System.nanoTime();
        JsonNode model = api.trainToModel(
                mnist,
                """
                {"layers": [{"type": "flatten"},
                            {"type": "dense", "units": 256, "activation": "relu"},
                            {"type": "dropout", "rate": 0.2},
                            {"type": "dense", "units": 128, "activation": "relu"},
                            {"type": "dropout", "rate": 0.2},
                            {"type": "dense", "units": 10, "activation": "softmax"}],
                 "epochs": 15, "batchSize": 128, "validationSplit": 0.05, "seed": 3}""",
                PATIENCE);
        double accuracy = model.path("metrics").path("accuracy").asDouble();
        JsonNode history =
                api.getJson("/api/v1/jobs/" + model.path("jobId").asString()).path("history");
        print(
                "MNIST MLP 784-256-128-10: test accuracy %.4f, %d epochs, %.1f min, %.0f samples/s in the last epoch",
                accuracy,
                history.size(),
                (System.nanoTime() - start) / 6e10,
                history.get(history.size() - 1).path("samplesPerSecond").asDouble());
        assertThat(accuracy).isGreaterThanOrEqualTo(0.98);
    }

    /**
     * The course's question "which units, learning rate, batch size?" answered by a random search of 8 trials, each
     * an ordinary training job, against the default spec (Neurona's defaults: Adam at 0.001, batches of 32).
     */
    @Test
    @Order(5)
    void aRandomSearchOfEightTrialsBeatsTheDefaultSpec() throws Exception {
        String base =
                """
                {"layers": [{"type": "flatten"},
                            {"type": "dense", "units": 32, "activation": "relu"},
                            {"type": "dense", "units": 10, "activation": "softmax"}],
                 "epochs": 2, "validationSplit": 0.1, "seed": 5}""";
        JsonNode defaultModel = api.trainToModel(mnist, base, PATIENCE);
        double defaultAccuracy = 0;
        for (JsonNode epoch : api.getJson(
                        "/api/v1/jobs/" + defaultModel.path("jobId").asString())
                .path("history")) {
            defaultAccuracy =
                    Math.max(defaultAccuracy, epoch.path("valAccuracy").asDouble());
        }
        long start = System.nanoTime();
        JsonNode run = api.postJson(
                        "/api/v1/tuning",
                        """
                {"datasetId": "%s", "spec": %s,
                 "space": {"layers[1].units": {"type": "int", "min": 16, "max": 256, "log": true},
                           "optimizer.learningRate": {"type": "float", "min": 0.0003, "max": 0.01, "log": true},
                           "batchSize": {"type": "choice", "values": [32, 64, 128, 256]}},
                 "strategy": "random", "maxTrials": 8, "seed": 11, "parallelTrials": 2,
                 "objective": {"metric": "val_accuracy"}}"""
                                .formatted(mnist, base))
                .expect(202)
                .json();
        String id = run.path("id").asString();
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(20).toNanos();
        while (run.path("state").asString().equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            run = api.getJson("/api/v1/tuning/" + id);
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        print(
                "MNIST random search, 8 trials (units 16–256 log, learning rate 3e-4–1e-2 log, batch 32–256), "
                        + "2 epochs each: %.1f min wall time; the default spec (32 units, Adam 0.001, batch 32) reached "
                        + "val_accuracy %.4f",
                minutes, defaultAccuracy);
        for (JsonNode t : run.path("leaderboard")) {
            print(
                    "  trial %d  %-8s val_accuracy %.4f  units %3d  lr %.5f  batch %3d  %5.1f s%s",
                    t.path("trial").asInt(),
                    t.path("status").asString(),
                    t.path("objective").asDouble(),
                    t.path("params").path("layers[1].units").asInt(),
                    t.path("params").path("optimizer.learningRate").asDouble(),
                    t.path("params").path("batchSize").asInt(),
                    t.path("durationMs").asLong() / 1000.0,
                    t.path("best").asBoolean() ? "  ← best" : "");
        }
        assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("leaderboard")).hasSize(8);
        assertThat(run.path("best").path("objective").asDouble())
                .as("the search beats the default spec")
                .isGreaterThan(defaultAccuracy);
        assertThat(api.getJson("/api/v1/models/"
                                + run.path("best").path("modelId").asString())
                        .path("bestOfTuning")
                        .asString())
                .isEqualTo(id);
    }

    /** Test digits drawn as a person's photo would show them: 280×280, black on white, off-centre, with margins. */
    @Test
    @Order(4)
    void digitsDrawnAsPicturesAreRecognisedThroughTheImageEndpoint() throws Exception {
        byte[][] digits = PersonDigits.testImages(1000);
        int[] labels = PersonDigits.testLabels(1000);
        java.util.Random random = new java.util.Random(5);
        int correct = 0;
        for (int from = 0; from < digits.length; from += 50) {
            List<Map.Entry<String, Map.Entry<String, byte[]>>> pngs = new java.util.ArrayList<>();
            for (int i = from; i < from + 50; i++) {
                pngs.add(Map.entry("files", Map.entry("digit-" + i + ".png", PersonDigits.asPhoto(digits[i], random))));
            }
            JsonNode answer = api.uploadParts("/api/v1/models/" + cnn + "/predictions", pngs)
                    .expect(200)
                    .json();
            for (int i = 0; i < 50; i++) {
                correct += answer.path("predictions")
                                .get(i)
                                .path("label")
                                .asString()
                                .equals(String.valueOf(labels[from + i]))
                        ? 1
                        : 0;
            }
        }
        double accuracy = correct / (double) digits.length;
        print(
                "MNIST CNN on %d test digits rendered as 280×280 black-on-white off-centre PNGs: accuracy %.4f",
                digits.length, accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.97);
    }

    /** The README's digits tour sends docs/samples/digit.png, a hand-drawn-looking 7: the CNN must read it as a 7. */
    @Test
    @Order(4)
    void theReadmeSampleDigitIsASeven() throws Exception {
        byte[] png = Files.readAllBytes(Path.of("docs/samples/digit.png"));
        JsonNode answer = api.uploadParts(
                        "/api/v1/models/" + cnn + "/predictions",
                        List.of(Map.entry("files", Map.entry("digit.png", png))))
                .expect(200)
                .json();
        JsonNode prediction = answer.path("predictions").get(0);
        print(
                "docs/samples/digit.png: %s with probability %.4f",
                prediction.path("label").asString(),
                prediction.path("probabilities").path("7").asDouble());
        assertThat(prediction.path("label").asString()).isEqualTo("7");
    }

    static long peakRssMiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(l -> l.startsWith("VmHWM:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                        .findFirst()
                        .orElse(-1)
                / 1024;
    }

    /**
     * The small CNN the image acceptance runs share: 32 filters 3×3 (same) → pool → 64 filters 3×3 (valid) → pool →
     * dropout 0.3 → 128 → dropout 0.3 → classes, Adam 0.001, batch 128, 5 % validation.
     */
    static String smallCnn(int classes, int epochs, long seed) {
        return """
                {"layers": [
                   {"type": "conv2d", "filters": 32, "kernelSize": 3, "padding": "same", "activation": "relu"},
                   {"type": "maxpool2d", "poolSize": 2},
                   {"type": "conv2d", "filters": 64, "kernelSize": 3, "activation": "relu"},
                   {"type": "maxpool2d", "poolSize": 2},
                   {"type": "flatten"},
                   {"type": "dropout", "rate": 0.3},
                   {"type": "dense", "units": 128, "activation": "relu"},
                   {"type": "dropout", "rate": 0.3},
                   {"type": "dense", "units": %d, "activation": "softmax"}],
                 "optimizer": {"type": "adam", "learningRate": 0.001},
                 "epochs": %d, "batchSize": 128, "validationSplit": 0.05, "seed": %d}"""
                .formatted(classes, epochs, seed);
    }
}
