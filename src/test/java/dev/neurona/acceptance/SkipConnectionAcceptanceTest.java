package dev.neurona.acceptance;

import static dev.neurona.acceptance.TabularAcceptanceTest.print;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A graph spec on MNIST (bundled catalog, all 60,000 training images, judged on the official 10,000 test images): a
 * deep, narrow MLP trained twice with the same seed, epochs and batches, once as a plain stack and once with an
 * identity shortcut (a residual connection) around each block. The adds have no parameters and the layers are
 * created in the same order, so both networks start from the same weights and see the same batches: the shortcuts
 * are the only difference.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SkipConnectionAcceptanceTest {

    /** Blocks after the first hidden layer: deep enough that a plain stack of them is hard to train in few epochs. */
    static final int DEPTH = Integer.getInteger("skip.depth", 12);

    static final int WIDTH = 64;

    static final int EPOCHS = 2;
    /** Another seed: -Dskip.seed=8 (how the tolerance below was measured). */
    static final long SEED = Long.getLong("skip.seed", 7);

    /**
     * How far below the plain stack the skip version may land and still "match" it: 0.003 is 30 of the 10,000 test
     * images, about 1.7 standard errors of one accuracy near 0.97 measured on 10,000 images (√(0.97·0.03/10,000) ≈
     * 0.0017), the noise a tie shows on this test set; a skip connection that costs accuracy falls outside it.
     */
    static final double TOLERANCE = 0.003;

    /** The bar is the accuracy, not the speed: a machine shared by many builds may take minutes per epoch. */
    static final Duration PATIENCE = Duration.ofMinutes(30);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("neurona-skip-");
        registry.add("neurona.data-dir", dataDir::toString);
    }

    @Test
    void theSkipConnectionBeatsOrMatchesThePlainStack() {
        Http api = new Http(port).withTimeout(PATIENCE);
        String mnist = api.postJson("/api/v1/catalog/mnist/import", "")
                .expect(201)
                .json()
                .path("id")
                .asString();
        String plain = spec(false);
        String skip = spec(true);
        long plainParameters = api.dryRun(mnist, plain).path("totalParameters").asLong();
        assertThat(api.dryRun(mnist, skip).path("totalParameters").asLong())
                .as("the add has no parameters")
                .isEqualTo(plainParameters);

        Run stack = train(api, mnist, plain);
        Run residual = train(api, mnist, skip);
        print(
                "MNIST deep MLP (784-%d-%d×%d-10, %,d parameters, %d epochs, batch 128, seed %d), plain stack: test "
                        + "accuracy %.4f, epoch-1 loss %.4f, %.1f s",
                WIDTH, DEPTH, WIDTH, plainParameters, EPOCHS, SEED, stack.accuracy, stack.firstLoss, stack.seconds);
        print(
                "MNIST deep MLP, the same with an identity shortcut around each of its %d blocks: test accuracy %.4f, "
                        + "epoch-1 loss %.4f, "
                        + "%.1f s; skip − plain = %+.4f (tolerance %.3f)",
                DEPTH,
                residual.accuracy,
                residual.firstLoss,
                residual.seconds,
                residual.accuracy - stack.accuracy,
                TOLERANCE);

        assertThat(stack.testRows).isEqualTo(10_000);
        assertThat(residual.testRows).isEqualTo(10_000);
        assertThat(stack.accuracy)
                .as("the plain stack trains (ten classes: chance is 0.1)")
                .isGreaterThanOrEqualTo(0.9);
        assertThat(residual.accuracy).as("the skip version trains").isGreaterThanOrEqualTo(0.9);
        assertThat(residual.accuracy)
                .as("the skip version beats or matches the plain stack")
                .isGreaterThanOrEqualTo(stack.accuracy - TOLERANCE);
    }

    private record Run(double accuracy, int testRows, double firstLoss, double seconds) {}

    private static Run train(Http api, String dataset, String spec) {
        long start = System.nanoTime();
        JsonNode model = api.trainToModel(dataset, spec, PATIENCE);
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode history =
                api.getJson("/api/v1/jobs/" + model.path("jobId").asString()).path("history");
        assertThat(history).as("one record per epoch").hasSize(EPOCHS);
        return new Run(
                model.path("metrics").path("accuracy").asDouble(),
                model.path("metrics").path("testRows").asInt(),
                history.get(0).path("loss").asDouble(),
                seconds);
    }

    /**
     * flatten → h0 (dense 64 relu) → DEPTH blocks → dense 10 softmax. A block is a linear dense 64 layer and a relu;
     * with shortcuts the relu takes the block's input plus the layer's output (He et al.'s identity shortcut,
     * s_k = relu(s_{k−1} + W_k·s_{k−1} + b_k)), so the signal and its gradient have a path around every layer.
     */
    static String spec(boolean skip) {
        List<String> layers = new ArrayList<>();
        layers.add("{\"type\": \"flatten\"}");
        layers.add("{\"type\": \"dense\", \"units\": " + WIDTH + ", \"activation\": \"relu\", \"name\": \"s0\"}");
        for (int k = 1; k <= DEPTH; k++) {
            layers.add("{\"type\": \"dense\", \"units\": " + WIDTH + ", \"name\": \"h" + k + "\"}");
            if (skip) {
                layers.add("{\"type\": \"add\", \"inputs\": [\"s" + (k - 1) + "\", \"h" + k + "\"]}");
            }
            layers.add("{\"type\": \"activation\", \"activation\": \"relu\", \"name\": \"s" + k + "\"}");
        }
        layers.add("{\"type\": \"dense\", \"units\": 10, \"activation\": \"softmax\"}");
        return """
                {"layers": [%s],
                 "optimizer": {"type": "adam", "learningRate": 0.001},
                 "epochs": %d, "batchSize": 128, "validationSplit": 0.05, "seed": %d}"""
                .formatted(String.join(",\n", layers), EPOCHS, SEED);
    }
}
