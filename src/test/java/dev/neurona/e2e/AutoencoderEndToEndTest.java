package dev.neurona.e2e;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.hostile.HostileFiles;
import dev.neurona.support.Bundles;
import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Autoencoders over real HTTP: a table whose columns hang together (an outlier row breaks the pattern and must score
 * higher than the rows that keep it) and bar images with a denoising dense autoencoder; predictions answer
 * reconstructions, codes of the bottleneck's width and scores, the chart is a PNG, and a bundle round-trips.
 */
@EndToEndTest
class AutoencoderEndToEndTest {

    @LocalServerPort
    int port;

    /** x free, y = 2x, z = −x, kind by the sign of x (with a little noise), plus the dataset's own target t. */
    private static String table(int n, Random random) {
        StringBuilder csv = new StringBuilder("x,y,z,kind,t\n");
        for (int i = 0; i < n; i++) {
            double x = random.nextGaussian();
            csv.append(String.format(
                    Locale.ROOT,
                    "%.4f,%.4f,%.4f,%s,%.4f%n",
                    x,
                    2 * x + 0.05 * random.nextGaussian(),
                    -x + 0.05 * random.nextGaussian(),
                    x > 0 ? "up" : "down",
                    random.nextGaussian()));
        }
        return csv.toString();
    }

    private static Map<String, Object> row(double x, double y, double z, String kind) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("x", x);
        row.put("y", y);
        row.put("z", z);
        row.put("kind", kind);
        return row;
    }

    @Test
    void aTableAutoencoderScoresARowThatBreaksThePatternAboveTypicalRows() throws IOException {
        Http http = new Http(port);
        JsonNode dataset = http.dataset(table(400, new Random(5)), Map.of("name", "pattern", "labelColumn", "t"));
        String id = dataset.get("id").asString();
        String spec =
                """
                {"task": "reconstruction",
                 "layers": [{"type": "dense", "units": 8, "activation": "tanh"},
                            {"type": "dense", "units": 2, "name": "code"},
                            {"type": "dense", "units": 8, "activation": "tanh"},
                            {"type": "dense", "units": 5}],
                 "optimizer": {"type": "adam", "learningRate": 0.01}, "epochs": 40, "batchSize": 32, "seed": 3}""";
        JsonNode dry = http.dryRun(id, spec);
        assertThat(dry.get("spec").get("task").asString()).isEqualTo("reconstruction");
        assertThat(dry.get("spec").get("autoencoder").get("code").asInt()).isEqualTo(1);

        JsonNode model = http.trainToModel(id, spec, Duration.ofSeconds(120));
        String modelId = model.get("id").asString();
        JsonNode metrics = model.get("metrics");
        JsonNode r = metrics.get("reconstruction");
        assertThat(metrics.get("accuracy").isNull() || metrics.get("accuracy").isMissingNode())
                .isTrue();
        assertThat(r.get("measure").asString()).isEqualTo("mse");
        assertThat(metrics.get("mse").asDouble())
                .as("the network learned the pattern: far below the mean row's MSE")
                .isLessThan(0.5 * r.get("baselineMse").asDouble());
        assertThat(r.get("threshold").asDouble()).isPositive();
        assertThat(r.get("scoreP50").asDouble())
                .isLessThanOrEqualTo(r.get("scoreP95").asDouble());
        assertThat(r.get("scoreP95").asDouble())
                .isLessThanOrEqualTo(r.get("scoreMax").asDouble());

        List<Object> rows = new ArrayList<>();
        rows.add(row(0.5, 1.0, -0.5, "up"));
        rows.add(row(-1.0, -2.0, 1.0, "down"));
        rows.add(row(1.0, -2.0, 1.0, "down")); // y and z say x is −1, x says 1
        JsonNode answer = http.postJson("/api/v1/models/" + modelId + "/predictions", Map.of("rows", rows))
                .expect(200)
                .json();
        JsonNode p = answer.get("predictions");
        for (JsonNode one : p) {
            assertThat(one.get("code")).hasSize(2);
            assertThat(one.get("reconstruction").propertyNames()).containsExactly("x", "y", "z", "kind");
            assertThat(one.has("label")).isFalse();
        }
        // a typical row comes back near itself, in the table's own units and categories
        assertThat(p.get(1).get("reconstruction").get("y").asDouble()).isBetween(-2.6, -1.4);
        assertThat(p.get(1).get("reconstruction").get("kind").asString()).isEqualTo("down");
        double outlier = p.get(2).get("score").asDouble();
        assertThat(outlier).isGreaterThan(5 * p.get(0).get("score").asDouble());
        assertThat(outlier).isGreaterThan(5 * p.get(1).get("score").asDouble());
        assertThat(p.get(2).get("anomaly").asBoolean()).isTrue();
        assertThat(p.get(1).get("anomaly").asBoolean()).isFalse();

        Http.Binary chart = http.bytes("/api/v1/models/" + modelId + "/charts/reconstructions.png", null);
        assertThat(chart.status()).isEqualTo(200);
        assertThat(decode(chart.body()).getWidth()).isPositive();
        Path histogram = Path.of("target", "e2e", "autoencoder-table-scores.png");
        Files.createDirectories(histogram.getParent());
        Files.write(histogram, chart.body());
        Problems.problem(http.get("/api/v1/models/" + modelId + "/charts/confusion.png"), 404);
        Problems.problem(http.get("/api/v1/models/" + modelId + "/export?format=onnx"), 409);

        Http.Binary bundle = http.bytes("/api/v1/models/" + modelId + "/export?format=neurona", null);
        assertThat(bundle.status()).as("export: %s", bundle).isEqualTo(200);
        Http.Response imported = Bundles.importInto(http, bundle.body());
        assertThat(imported.status()).as("import: %s", imported).isEqualTo(201);
        String copy = imported.json().get("id").asString();
        JsonNode again = http.postJson("/api/v1/models/" + copy + "/predictions", Map.of("rows", rows))
                .expect(200)
                .json();
        assertThat(again.get("predictions").get(2).get("score").asDouble()).isEqualTo(outlier);
    }

    @Test
    void aDenoisingImageAutoencoderAnswersPngReconstructionsAndDrawsItsTestImages() throws IOException {
        Http http = new Http(port);
        Random random = new Random(1);
        Http.Response upload = http.uploadParts(
                "/api/v1/datasets",
                List.of(
                        entry("images", entry("train-images.idx", bars(300, random))),
                        entry("labels", entry("train-labels.idx", HostileFiles.idxLabels(300))),
                        entry("testImages", entry("test-images.idx", bars(40, random))),
                        entry("testLabels", entry("test-labels.idx", HostileFiles.idxLabels(40)))));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        String id = upload.json().get("id").asString();
        String bad =
                """
                {"task": "reconstruction", "layers": [{"type": "flatten"}, {"type": "dense", "units": 16},
                 {"type": "dense", "units": 784, "activation": "sigmoid"}]}""";
        Http.Response refused = http.postJson("/api/v1/jobs", "{\"datasetId\":\"" + id + "\",\"spec\":" + bad + "}");
        Problems.problem(refused, 400);
        assertThat(refused.body()).contains("spec.layers[2]").contains("reshape");

        String spec =
                """
                {"task": "reconstruction", "loss": "binary_crossentropy",
                 "autoencoder": {"noise": 0.2},
                 "layers": [{"type": "flatten"}, {"type": "dense", "units": 64, "activation": "relu"},
                            {"type": "dense", "units": 6, "activation": "relu"},
                            {"type": "dense", "units": 64, "activation": "relu"},
                            {"type": "dense", "units": 784, "activation": "sigmoid"},
                            {"type": "reshape", "targetShape": [1, 28, 28]}],
                 "optimizer": {"type": "adam", "learningRate": 0.003}, "epochs": 15, "batchSize": 32, "seed": 4}""";
        JsonNode model = http.trainToModel(id, spec, Duration.ofSeconds(180));
        String modelId = model.get("id").asString();
        JsonNode r = model.get("metrics").get("reconstruction");
        assertThat(r.get("measure").asString()).isEqualTo("binary_crossentropy");
        assertThat(model.get("metrics").get("mse").asDouble())
                .isLessThan(0.7 * r.get("baselineMse").asDouble());

        List<Integer> pixels = new ArrayList<>();
        for (byte b : bar(true, 14, random)) {
            pixels.add(b & 0xFF);
        }
        JsonNode p = http.postJson("/api/v1/models/" + modelId + "/predictions", Map.of("images", List.of(pixels)))
                .expect(200)
                .json()
                .get("predictions")
                .get(0);
        assertThat(p.get("code")).hasSize(6);
        assertThat(p.get("score").asDouble()).isPositive();
        BufferedImage back =
                decode(Base64.getDecoder().decode(p.get("reconstruction").asString()));
        assertThat(back.getWidth()).isEqualTo(28);
        assertThat(back.getHeight()).isEqualTo(28);
        // a vertical bar at column 14 comes back brighter on its column than beside it, top to bottom
        assertThat(columnMean(back, 14)).isGreaterThan(columnMean(back, 3) + 60);
        Problems.problem(
                http.postJson(
                        "/api/v1/models/" + modelId + "/predictions", Map.of("images", List.of(pixels), "topK", 2)),
                400);

        // a labelled dataset's autoencoder trains on no label: its curves are loss and MAE, never accuracy
        assertThat(http.bytes("/api/v1/models/" + modelId + "/charts/loss.png", null)
                        .status())
                .isEqualTo(200);
        Problems.problem(http.get("/api/v1/models/" + modelId + "/charts/loss.png?metric=accuracy"), 400);
        Http.Binary chart = http.bytes("/api/v1/models/" + modelId + "/charts/reconstructions.png", null);
        assertThat(chart.status()).isEqualTo(200);
        BufferedImage grid = decode(chart.body());
        assertThat(grid.getWidth()).isGreaterThan(10 * 28);
        Path out = Path.of("target", "e2e", "autoencoder-bars-reconstructions.png");
        Files.createDirectories(out.getParent());
        Files.write(out, chart.body());
    }

    private static double columnMean(BufferedImage image, int x) {
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            sum += image.getRaster().getSample(x, y, 0);
        }
        return sum / image.getHeight();
    }

    private static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("a decodable PNG").isNotNull();
            return image;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Even images vertical bars, odd ones horizontal, at a random place. */
    private static byte[] bars(int n, Random random) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 784);
        b.putInt(0x00000803).putInt(n).putInt(28).putInt(28);
        for (int i = 0; i < n; i++) {
            b.put(bar(i % 2 == 0, 6 + random.nextInt(16), random));
        }
        return b.array();
    }

    /** A 3-pixel-wide bright bar across the image at {@code at}, on black. */
    private static byte[] bar(boolean vertical, int at, Random random) {
        byte[] image = new byte[784];
        for (int i = 0; i < 28; i++) {
            for (int w = -1; w <= 1; w++) {
                int x = vertical ? at + w : i;
                int y = vertical ? i : at + w;
                image[y * 28 + x] = (byte) (200 + random.nextInt(56));
            }
        }
        return image;
    }
}
