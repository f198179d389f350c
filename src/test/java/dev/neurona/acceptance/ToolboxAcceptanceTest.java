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
 * The course's toolbox on MNIST (bundled, so no ../shared needed): the same MLP with each optimizer for 5 epochs, an
 * overfitting run the diagnosis must flag, and the perceptron on XOR. Figures are printed as "[acceptance]" lines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ToolboxAcceptanceTest {

    @LocalServerPort
    int port;

    static String mnist;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("neurona-toolbox-");
        registry.add("neurona.data-dir", dataDir::toString);
    }

    private Http api;

    @BeforeEach
    void client() {
        api = new Http(port).withTimeout(PATIENCE);
    }

    private String mnist() throws Exception {
        if (mnist == null) {
            mnist = api.postJson("/api/v1/catalog/mnist/import", "")
                    .expect(201)
                    .json()
                    .path("id")
                    .asString();
        }
        return mnist;
    }

    /** The same MLP and seed with each gradient-descent variant of the course, 5 epochs each. */
    @Test
    @Order(1)
    void everyOptimizerTrainsTheMnistMlp() throws Exception {
        String[][] optimizers = {
            {"sgd", "{\"type\": \"sgd\", \"learningRate\": 0.1}"},
            {"momentum", "{\"type\": \"sgd\", \"learningRate\": 0.01, \"momentum\": 0.9}"},
            {"nesterov", "{\"type\": \"sgd\", \"learningRate\": 0.01, \"momentum\": 0.9, \"nesterov\": true}"},
            {"rmsprop", "{\"type\": \"rmsprop\", \"learningRate\": 0.001}"},
            {"adam", "{\"type\": \"adam\", \"learningRate\": 0.001}"}
        };
        print("MNIST MLP 784-128-10, batch 128, 5 epochs, seed 21, official 10,000 test images:");
        print("| optimizer | test accuracy | samples/s (mean of epochs) | wall time |");
        for (String[] optimizer : optimizers) {
            long start = System.nanoTime();
            JsonNode model = api.trainToModel(
                    mnist(),
                    """
                    {"layers": [{"type": "flatten"}, {"type": "dense", "units": 128, "activation": "relu"},
                                {"type": "dense", "units": 10, "activation": "softmax"}],
                     "optimizer": %s, "epochs": 5, "batchSize": 128, "validationSplit": 0.05, "seed": 21}"""
                            .formatted(optimizer[1]),
                    PATIENCE);
            JsonNode history = api.getJson("/api/v1/jobs/" + model.path("jobId").asString())
                    .path("history");
            double samples = 0;
            for (JsonNode epoch : history) {
                samples += epoch.path("samplesPerSecond").asDouble() / history.size();
            }
            double accuracy = model.path("metrics").path("accuracy").asDouble();
            print("| %s | %.4f | %.0f | %.1f s |", optimizer[0], accuracy, samples, (System.nanoTime() - start) / 1e9);
            assertThat(accuracy).as(optimizer[0]).isGreaterThan(0.9);
        }
    }

    /** A small training set, a wide network, no regularisation and many epochs: the textbook overfit. */
    @Test
    @Order(2)
    void anOverfittingRunIsFlaggedByTheDiagnosis() throws Exception {
        long start = System.nanoTime();
        JsonNode model = api.trainToModel(
                mnist(),
                """
                {"layers": [{"type": "flatten"},
                            {"type": "dense", "units": 256, "activation": "relu"},
                            {"type": "dense", "units": 256, "activation": "relu"},
                            {"type": "dense", "units": 10, "activation": "softmax"}],
                 "optimizer": {"type": "adam", "learningRate": 0.001},
                 "epochs": 30, "batchSize": 64, "validationSplit": 0.85, "testSplit": 0, "seed": 11}""",
                PATIENCE);
        JsonNode history =
                api.getJson("/api/v1/jobs/" + model.path("jobId").asString()).path("history");
        JsonNode overfitting = null;
        for (JsonNode finding : model.path("diagnosis")) {
            if ("overfitting".equals(finding.path("kind").asString())) {
                overfitting = finding;
            }
        }
        JsonNode last = history.get(history.size() - 1);
        StringBuilder curve = new StringBuilder();
        for (JsonNode epoch : history) {
            curve.append(String.format(
                    java.util.Locale.ROOT,
                    " %.3f/%.3f",
                    epoch.path("loss").asDouble(),
                    epoch.path("valLoss").asDouble()));
        }
        print("overfitting run, train/validation loss per epoch:%s", curve);
        print(
                "overfitting run (MNIST, 9,000 training images, 784-256-256-10, 30 epochs, %.1f min): final train loss "
                        + "%.4f, val loss %.4f; diagnosis: %s",
                (System.nanoTime() - start) / 6e10,
                last.path("loss").asDouble(),
                last.path("valLoss").asDouble(),
                overfitting == null
                        ? model.path("diagnosis")
                        : overfitting.path("message").asString());
        assertThat(overfitting).as("diagnosis %s", model.path("diagnosis")).isNotNull();
    }

    @Test
    @Order(3)
    void thePerceptronDoesNotConvergeOnXor() throws Exception {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int copy = 0; copy < 25; copy++) {
            csv.append("0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        }
        JsonNode dataset = api.uploadParts(
                        "/api/v1/datasets",
                        List.of(Map.entry(
                                "file",
                                Map.entry(
                                        "xor.csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))))
                .expect(201)
                .json();
        JsonNode model = api.trainToModel(
                dataset.path("id").asString(),
                """
                {"mode": "perceptron", "layers": [{"type": "dense", "units": 1, "activation": "step"}],
                 "optimizer": {"type": "sgd", "learningRate": 1.0}, "epochs": 100, "validationSplit": 0,
                 "testSplit": 0.2, "seed": 1}""",
                PATIENCE);
        JsonNode finding = model.path("diagnosis").get(0);
        print(
                "perceptron on XOR (100 rows, 100 epochs): %s; test accuracy %.2f",
                finding.path("message").asString(),
                model.path("metrics").path("accuracy").asDouble());
        assertThat(finding.path("kind").asString()).isEqualTo("not_converged");
    }
}
