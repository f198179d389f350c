package dev.neurona.acceptance;

import static dev.neurona.acceptance.TabularAcceptanceTest.PATIENCE;
import static dev.neurona.acceptance.TabularAcceptanceTest.print;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Transfer learning from digits to doodles: a small CNN trained on MNIST, then its convolutions and its 64-unit
 * "features" layer under a new 10-class head, trained on 50 Quick, Draw! bitmaps per class, against the same
 * architecture trained from scratch on the same 500 bitmaps (same epochs, batches and seed). Both are judged on the
 * same 200 held-out bitmaps per class. Quick, Draw!'s bitmaps are white ink on black, as MNIST's digits are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TransferAcceptanceTest {

    private static final Path SHARED = Path.of(System.getProperty("neurona.shared-dir", "../shared"), "data");
    private static final List<String> CATEGORIES =
            List.of("airplane", "apple", "bicycle", "cat", "crown", "diamond", "eye", "fish", "skull", "star");

    /** conv 16 → pool → conv 32 → pool → dense 64: the part that is kept. */
    private static final String BODY =
            """
            {"type": "conv2d", "filters": 16, "kernelSize": 3, "activation": "relu", "name": "c1"},
            {"type": "maxpool2d", "poolSize": 2},
            {"type": "conv2d", "filters": 32, "kernelSize": 3, "activation": "relu", "name": "c2"},
            {"type": "maxpool2d", "poolSize": 2},
            {"type": "flatten"},
            {"type": "dense", "units": 64, "activation": "relu", "name": "features"}""";

    /** 250 per class, 80 % held out (stratified): 50 per class to train on, 200 per class to test. */
    private static final String FEW =
            "\"epochs\": 20, \"batchSize\": 32, \"validationSplit\": 0, \"testSplit\": 0.8, \"seed\": 9";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("neurona-transfer-");
        registry.add("neurona.data-dir", dataDir::toString);
        registry.add(
                "neurona.catalog.mirror-dirs", () -> SHARED.toAbsolutePath().toString());
        registry.add("neurona.catalog.download", () -> "false");
    }

    @BeforeAll
    static void sharedData() {
        Assumptions.assumeTrue(
                Files.isDirectory(SHARED.resolve("quickdraw")),
                "../shared/data/quickdraw is absent: skipping the transfer acceptance run");
    }

    @Test
    void digitsFeaturesHelpDoodlesWithFiftyExamplesPerClass() {
        Http api = new Http(port).withTimeout(PATIENCE);
        long start = System.nanoTime();
        String mnist = api.postJson("/api/v1/catalog/mnist/import", "")
                .expect(201)
                .json()
                .path("id")
                .asString();
        JsonNode base = api.trainToModel(
                mnist,
                "{\"layers\": [" + BODY + ",\n{\"type\": \"dense\", \"units\": 10, \"activation\": \"softmax\"}],"
                        + " \"epochs\": 1, \"batchSize\": 128, \"validationSplit\": 0.05, \"seed\": 5}",
                PATIENCE);
        print(
                "transfer base: MNIST CNN, 1 epoch, test accuracy %.4f on the official 10,000, %.0f s",
                base.path("metrics").path("accuracy").asDouble(), (System.nanoTime() - start) / 1e9);

        String doodles = api.postJson(
                        "/api/v1/catalog/quickdraw/import?perClass=250&categories=" + String.join(",", CATEGORIES), "")
                .expect(201)
                .json()
                .path("id")
                .asString();
        String head = "{\"type\": \"dense\", \"units\": 10, \"activation\": \"softmax\", \"name\": \"doodles\"}";
        String baseId = base.path("id").asString();

        JsonNode scratchMetrics =
                accuracy(api, doodles, "scratch", "{\"layers\": [" + BODY + ",\n" + head + "], " + FEW + "}");
        JsonNode frozenMetrics = accuracy(
                api,
                doodles,
                "fine-tuned, convolutions frozen throughout",
                "{\"from\": {\"model\": \"" + baseId + "\", \"upTo\": \"features\", \"frozen\": [\"c1\", \"c2\"]},"
                        + " \"layers\": [" + head + "], " + FEW + "}");
        JsonNode gradualMetrics = accuracy(
                api,
                doodles,
                "fine-tuned, all frozen, features from epoch 6, convolutions from epoch 11",
                "{\"from\": {\"model\": \"" + baseId + "\", \"upTo\": \"features\"},"
                        + " \"unfreeze\": [{\"epoch\": 6, \"layers\": [\"features\"]},"
                        + " {\"epoch\": 11, \"layers\": [\"c1\", \"c2\"]}],"
                        + " \"layers\": [" + head + "], " + FEW + "}");
        double scratch = scratchMetrics.path("accuracy").asDouble();
        double frozenConvs = frozenMetrics.path("accuracy").asDouble();
        double gradual = gradualMetrics.path("accuracy").asDouble();
        print(
                "transfer: Quick, Draw! 10 classes × 50 training bitmaps, 2,000 held out: scratch %.4f, fine-tuned "
                        + "(convolutions frozen) %.4f (%+.1f points), gradual unfreezing %.4f (%+.1f points); %.0f s in all",
                scratch,
                frozenConvs,
                100 * (frozenConvs - scratch),
                gradual,
                100 * (gradual - scratch),
                (System.nanoTime() - start) / 1e9);
        // measured (docs/transfer.md): with a 2-epoch base the frozen-convolution variant beat scratch by 2.2 points;
        // with this 1-epoch base all three tied on accuracy (0.7950) and the fine-tuned one had the lower test loss
        assertThat(frozenConvs).isGreaterThanOrEqualTo(scratch);
        assertThat(frozenMetrics.path("loss").asDouble())
                .isLessThan(scratchMetrics.path("loss").asDouble());
    }

    private static JsonNode accuracy(Http api, String dataset, String label, String spec) {
        long start = System.nanoTime();
        JsonNode model = api.trainToModel(dataset, spec, PATIENCE);
        JsonNode metrics = model.path("metrics");
        double accuracy = metrics.path("accuracy").asDouble();
        print(
                "transfer %s: test accuracy %.4f, test loss %.4f, top-3 %.4f on %d bitmaps, trained on %d, %.1f s",
                label,
                accuracy,
                metrics.path("loss").asDouble(),
                metrics.path("top3Accuracy").asDouble(),
                metrics.path("testRows").asInt(),
                model.path("receipt").path("trainRows").asInt(),
                (System.nanoTime() - start) / 1e9);
        return metrics;
    }
}
