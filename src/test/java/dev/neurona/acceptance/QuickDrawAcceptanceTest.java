package dev.neurona.acceptance;

import static dev.neurona.acceptance.TabularAcceptanceTest.PATIENCE;
import static dev.neurona.acceptance.TabularAcceptanceTest.print;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 13 Quick, Draw! bitmap categories in ../shared imported through the catalog (mirror folder), a CNN on a
 * stratified 10 % hold-out, then the same model on real stroke drawings sent to the strokes endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuickDrawAcceptanceTest {

    private static final Path SHARED = Path.of(System.getProperty("neurona.shared-dir", "../shared"), "data");
    private static final List<String> CATEGORIES = List.of(
            "airplane",
            "apple",
            "bicycle",
            "cat",
            "circle",
            "crown",
            "diamond",
            "eye",
            "fish",
            "skull",
            "smiley_face",
            "square",
            "star");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("neurona-quickdraw-");
        registry.add("neurona.data-dir", dataDir::toString);
        registry.add(
                "neurona.catalog.mirror-dirs", () -> SHARED.toAbsolutePath().toString());
        registry.add("neurona.catalog.download", () -> "false");
    }

    @BeforeAll
    static void sharedData() {
        Assumptions.assumeTrue(
                Files.isDirectory(SHARED.resolve("quickdraw")),
                "../shared/data/quickdraw is absent: skipping the Quick, Draw! acceptance run");
    }

    @Test
    void bitmapsTrainACnnThatAlsoReadsStrokes() throws Exception {
        Http api = new Http(port).withTimeout(PATIENCE);
        long start = System.nanoTime();
        JsonNode dataset = api.postJson(
                        "/api/v1/catalog/quickdraw/import?perClass=5000&categories=" + String.join(",", CATEGORIES), "")
                .expect(201)
                .json();
        print(
                "Quick, Draw! import of %d bitmaps in %d categories: %.2f s",
                dataset.path("rows").asInt(), dataset.path("classes").size(), (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        JsonNode model = api.trainToModel(
                dataset.path("id").asString(),
                """
                {"layers": [
                   {"type": "conv2d", "filters": 32, "kernelSize": 3, "padding": "same", "activation": "relu"},
                   {"type": "maxpool2d", "poolSize": 2},
                   {"type": "conv2d", "filters": 64, "kernelSize": 3, "padding": "same", "activation": "relu"},
                   {"type": "maxpool2d", "poolSize": 2},
                   {"type": "flatten"},
                   {"type": "dropout", "rate": 0.4},
                   {"type": "dense", "units": 128, "activation": "relu"},
                   {"type": "dropout", "rate": 0.4},
                   {"type": "dense", "units": 13, "activation": "softmax"}],
                 "epochs": 6, "batchSize": 128, "validationSplit": 0.05, "testSplit": 0.1, "seed": 11}""",
                PATIENCE);
        double bitmapAccuracy = model.path("metrics").path("accuracy").asDouble();
        print(
                "Quick, Draw! CNN: test accuracy %.4f on %d held-out bitmaps (stratified 10 %%), %.1f min",
                bitmapAccuracy, model.path("metrics").path("testRows").asInt(), (System.nanoTime() - start) / 6e10);

        int correct = 0;
        int total = 0;
        for (String category : CATEGORIES) {
            List<JsonNode> drawings = new ArrayList<>();
            for (String line : Files.readAllLines(SHARED.resolve("quickdraw/strokes/" + category + ".ndjson"))) {
                if (!line.isBlank()) {
                    drawings.add(JSON.readTree(line).path("drawing"));
                }
            }
            String body = "{\"drawings\": " + JSON.writeValueAsString(drawings) + ", \"topK\": 1}";
            JsonNode answer = api.postJson("/api/v1/models/" + model.path("id").asString() + "/predictions", body)
                    .expect(200)
                    .json();
            for (JsonNode p : answer.path("predictions")) {
                correct += category.equals(p.path("label").asString()) ? 1 : 0;
                total++;
            }
        }
        double strokeAccuracy = (double) correct / total;
        print(
                "Quick, Draw! same model on %d real stroke drawings through the strokes endpoint: accuracy %.4f "
                        + "(%.1f points from the bitmaps)",
                total, strokeAccuracy, 100 * (bitmapAccuracy - strokeAccuracy));
        assertThat(bitmapAccuracy).isGreaterThanOrEqualTo(0.88);
        assertThat(bitmapAccuracy - strokeAccuracy).isLessThanOrEqualTo(0.08);
    }
}
