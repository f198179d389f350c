package dev.neurona.e2e;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.hostile.HostileFiles;
import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Images over real HTTP: an IDX upload with an official test split, a small CNN, and predictions from raw pixels,
 * from strokes and from a PNG a person could have drawn — vertical bars against horizontal bars.
 */
@EndToEndTest
class ImageEndToEndTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "neurona.catalog.mirror-dirs",
                () -> SHARED_DATA.toAbsolutePath().toString());
        registry.add("neurona.catalog.download", () -> "false");
    }

    static final Path SHARED_DATA = Path.of("..", "shared", "data");

    @Test
    void theCatalogListsBuiltInDatasetsAndImportsFromTheMirror() {
        Http http = new Http(port);
        JsonNode catalog = http.get("/api/v1/catalog").json();
        List<String> names = new ArrayList<>();
        catalog.forEach(e -> names.add(e.get("name").asString()));
        assertThat(names).contains("mnist", "fashion-mnist", "quickdraw", "iris", "penguins");
        assertThat(catalog.get(0).get("source").asString())
                .isEqualTo("bundled: io.github.padreati:rapaio-datasets:8.1.0 (Maven Central)");

        Http.Response unknown = http.post("/api/v1/catalog/imagenet/import", null, new byte[0]);
        assertThat(unknown.status()).isEqualTo(404);
        Http.Response noCategories = http.post("/api/v1/catalog/quickdraw/import", null, new byte[0]);
        assertThat(noCategories.status()).isEqualTo(400);
        assertThat(noCategories.json().get("errors").get(0).get("field").asString())
                .isEqualTo("categories");
        Http.Response fashion = http.post("/api/v1/catalog/fashion-mnist/import", null, new byte[0]);
        assertThat(fashion.status())
                .as("no mirror has Fashion-MNIST and downloads are off")
                .isEqualTo(503);
        assertThat(fashion.contentType()).startsWith("application/problem+json");

        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.isDirectory(SHARED_DATA.resolve("tabular")),
                "../shared is absent: skipping the catalog imports from the mirror");
        Http.Response penguins = http.post("/api/v1/catalog/penguins/import", null, new byte[0]);
        assertThat(penguins.status()).as(penguins.toString()).isEqualTo(201);
        assertThat(penguins.json().get("labelColumn").asString()).isEqualTo("species");
        assertThat(penguins.json().get("missingValues").asString()).isEqualTo("impute");
        Http.Response doodles =
                http.post("/api/v1/catalog/quickdraw/import?categories=cat,star&perClass=50", null, new byte[0]);
        assertThat(doodles.status()).as(doodles.toString()).isEqualTo(201);
        assertThat(doodles.json().get("rows").asInt()).isEqualTo(100);
        assertThat(doodles.json().get("imageStyle").asString()).isEqualTo("quickdraw");
    }

    @Test
    void barsAreUploadedTrainedAndRecognisedFromPixelsStrokesAndPictures() throws IOException {
        Http http = new Http(port);
        Random random = new Random(1);
        Http.Response upload = http.uploadParts(
                "/api/v1/datasets",
                List.of(
                        entry("images", entry("train-images.idx", idxImages(200, random))),
                        entry("labels", entry("train-labels.idx", HostileFiles.idxLabels(200))),
                        entry("testImages", entry("test-images.idx", idxImages(40, random))),
                        entry("testLabels", entry("test-labels.idx", HostileFiles.idxLabels(40)))));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        JsonNode dataset = upload.json();
        assertThat(dataset.get("kind").asString()).isEqualTo("image");
        assertThat(dataset.get("rows").asInt()).isEqualTo(240);
        assertThat(dataset.get("officialTestRows").asInt()).isEqualTo(40);
        assertThat(dataset.get("classes").toString()).isEqualTo("[\"0\",\"1\"]");
        Http.Response grid = http.get("/api/v1/datasets/" + dataset.get("id").asString() + "/samples?perClass=4");
        assertThat(grid.status()).isEqualTo(200);
        assertThat(grid.contentType()).startsWith("image/png");

        String spec =
                """
                {"layers": [{"type": "conv2d", "filters": 4, "kernelSize": 5, "activation": "relu"},
                            {"type": "maxpool2d", "poolSize": 4}, {"type": "flatten"},
                            {"type": "dense", "units": 2, "activation": "softmax"}],
                 "optimizer": {"type": "adam", "learningRate": 0.01}, "epochs": 5, "batchSize": 16, "seed": 2,
                 "images": {"shift": 2, "rotation": 5}}""";
        JsonNode dry = http.dryRun(dataset.get("id").asString(), spec);
        assertThat(dry.get("testRows").asInt()).isEqualTo(40);
        String job = http.submit(dataset.get("id").asString(), spec);
        JsonNode done = http.awaitState(job, "SUCCEEDED", Duration.ofSeconds(120));
        String model = done.get("modelId").asString();
        JsonNode record = http.get("/api/v1/models/" + model).json();
        assertThat(record.get("metrics").get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(record.get("preprocessing").get("kind").asString()).isEqualTo("image");
        assertThat(record.get("preprocessing").get("augmentation").asString()).contains("shift ±2");

        List<Integer> vertical = new ArrayList<>();
        byte[] v = bar(true, 14, random);
        for (byte b : v) {
            vertical.add(b & 0xFF);
        }
        JsonNode fromPixels = http.postJson(
                        "/api/v1/models/" + model + "/predictions",
                        Map.of("images", List.of(vertical), "includeInput", true))
                .json();
        assertThat(fromPixels.get("predictions").get(0).get("label").asString()).isEqualTo("0");
        assertThat(fromPixels.get("predictions").get(0).get("input").asString()).isNotBlank();
        rawBytesAndConcurrentRequestsAnswerLikeJson(
                http, model, v, fromPixels.get("predictions").get(0));

        JsonNode fromStrokes = http.postJson(
                        "/api/v1/models/" + model + "/predictions",
                        """
                {"drawings": [[[[500, 500], [100, 900]]], [[[100, 900], [500, 500]]]], "topK": 2}""")
                .json();
        assertThat(fromStrokes.get("predictions").get(0).get("label").asString())
                .isEqualTo("0");
        assertThat(fromStrokes.get("predictions").get(1).get("label").asString())
                .isEqualTo("1");
        assertThat(fromStrokes.get("predictions").get(0).get("top")).hasSize(2);
        for (String topK : new String[] {"-1", "0", "3", "1000000"}) {
            // 1 to the model's 2 classes; used to answer 200 with an empty or silently clipped ranking
            Problems.fieldProblem(
                    http.postJson(
                            "/api/v1/models/" + model + "/predictions",
                            "{\"drawings\": [[[[500, 500], [100, 900]]]], \"topK\": " + topK + "}"),
                    "topK");
        }

        Http.Response fromPicture = http.uploadParts(
                "/api/v1/models/" + model + "/predictions", List.of(entry("files", entry("bar.png", picture(false)))));
        assertThat(fromPicture.status()).as(fromPicture.toString()).isEqualTo(200);
        assertThat(fromPicture.json().get("predictions").get(0).get("label").asString())
                .isEqualTo("1");

        Http.Response garbage = http.uploadParts(
                "/api/v1/models/" + model + "/predictions",
                List.of(entry("files", entry("x.png", new byte[] {1, 2, 3}))));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("errors").get(0).get("field").asString()).isEqualTo("files[0]");
        BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        ByteArrayOutputStream blankPng = new ByteArrayOutputStream();
        ImageIO.write(blank, "png", blankPng);
        Http.Response empty = http.uploadParts(
                "/api/v1/models/" + model + "/predictions",
                List.of(entry("files", entry("blank.png", blankPng.toByteArray()))));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("detail").asString()).contains("no drawing");
        Http.Response ragged =
                http.postJson("/api/v1/models/" + model + "/predictions", "{\"drawings\": [[[[1, 2, 3], [1, 2]]]]}");
        assertThat(ragged.status()).isEqualTo(400);
        assertThat(ragged.json().get("errors").get(0).get("field").asString()).startsWith("drawings[0]");
        Http.Response mismatched = http.uploadParts(
                "/api/v1/datasets",
                List.of(
                        entry("images", entry("i.idx", idxImages(10, random))),
                        entry("labels", entry("l.idx", HostileFiles.idxLabels(9)))));
        assertThat(mismatched.status()).isEqualTo(400);
        assertThat(mismatched.json().get("errors").get(0).get("field").asString())
                .isIn("images", "labels");
        assertThat(http.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");

        Http.Response rows =
                http.postJson("/api/v1/models/" + model + "/predictions", Map.of("rows", List.of(Map.of("x", 1))));
        assertThat(rows.status()).isEqualTo(400);
        Http.Response short784 =
                http.postJson("/api/v1/models/" + model + "/predictions", Map.of("images", List.of(List.of(1, 2, 3))));
        assertThat(short784.status()).isEqualTo(400);
        assertThat(short784.json().get("errors").get(0).get("field").asString()).isEqualTo("images[0]");

        List<Double> scaled = new ArrayList<>();
        for (int p : vertical) {
            scaled.add(p / 255.0);
        }
        Http.Response zeroToOne =
                http.postJson("/api/v1/models/" + model + "/predictions", Map.of("images", List.of(vertical, scaled)));
        assertThat(zeroToOne.status()).as(zeroToOne.toString()).isEqualTo(400);
        assertThat(zeroToOne.json().get("errors").get(0).get("field").asString())
                .isEqualTo("images[1]");
        assertThat(zeroToOne.json().get("errors").get(0).get("message").asString())
                .contains("multiply the values by 255");

        byte[] claims6000 = HostileFiles.pngClaiming(6000, 6000);
        Http.Response tooManyPixels = http.uploadParts(
                "/api/v1/models/" + model + "/predictions",
                List.of(
                        entry("files", entry("a.png", claims6000)),
                        entry("files", entry("b.png", claims6000)),
                        entry("files", entry("c.png", claims6000))));
        assertThat(tooManyPixels.status()).as(tooManyPixels.toString()).isEqualTo(413);
        assertThat(tooManyPixels.contentType()).startsWith("application/problem+json");
        assertThat(tooManyPixels.json().get("errors").get(0).get("field").asString())
                .isEqualTo("files");
        assertThat(tooManyPixels.json().get("detail").asString())
                .contains("108,000,000 pixels")
                .contains("neurona.prediction.max-pixels");
    }

    /**
     * The same image as raw bytes (uint8 and float32) and from 16 concurrent requests, which the service gathers into
     * shared forward passes, answers as its JSON request did; a length that is no whole image is a 400 on the body.
     */
    private static void rawBytesAndConcurrentRequestsAnswerLikeJson(
            Http http, String model, byte[] image, JsonNode expected) {
        String path = "/api/v1/models/" + model + "/predictions";
        ByteBuffer floats = ByteBuffer.allocate(image.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (byte b : image) {
            floats.putFloat(b & 0xFF);
        }
        List<JsonNode> answers = new ArrayList<>();
        answers.add(
                http.post(path, "application/octet-stream", image).expect(200).json());
        answers.add(http.post(path + "?format=float32", "application/octet-stream", floats.array())
                .expect(200)
                .json());
        List<java.util.concurrent.CompletableFuture<JsonNode>> concurrent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            concurrent.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> http.post(path, "application/octet-stream", image)
                            .expect(200)
                            .json()));
        }
        concurrent.forEach(f -> answers.add(f.join()));
        for (JsonNode answer : answers) {
            JsonNode p = answer.get("predictions").get(0);
            assertThat(p.get("label").asString())
                    .isEqualTo(expected.get("label").asString());
            for (String c : List.of("0", "1")) {
                assertThat(p.get("probabilities").get(c).asDouble())
                        .isCloseTo(
                                expected.get("probabilities").get(c).asDouble(),
                                org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        Http.Response partial = http.post(path, "application/octet-stream", java.util.Arrays.copyOf(image, 785));
        assertThat(partial.status()).isEqualTo(400);
        assertThat(partial.body()).contains("body").contains("785 bytes are not a whole number of 1×28×28 uint8");
    }

    /** A white bar on black, vertical (class 0) or horizontal (class 1), at a random position. */
    private static byte[] bar(boolean vertical, int at, Random random) {
        byte[] image = new byte[784];
        int from = 4 + random.nextInt(4);
        int to = 20 + random.nextInt(4);
        for (int i = from; i < to; i++) {
            for (int w = 0; w < 3; w++) {
                int x = vertical ? at + w : i;
                int y = vertical ? i : at + w;
                image[y * 28 + x] = (byte) 255;
            }
        }
        return image;
    }

    private static byte[] idxImages(int n, Random random) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 784);
        b.putInt(0x00000803).putInt(n).putInt(28).putInt(28);
        for (int i = 0; i < n; i++) {
            b.put(bar(i % 2 == 0, 6 + random.nextInt(14), random));
        }
        return b.array();
    }

    /** A dark bar drawn on a white 300×200 page, off-centre, as a photo or canvas export would be. */
    private static byte[] picture(boolean vertical) throws IOException {
        BufferedImage page = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 200);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(12));
        if (vertical) {
            g.drawLine(200, 30, 200, 170);
        } else {
            g.drawLine(60, 140, 260, 140);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(page, "png", out);
        return out.toByteArray();
    }
}
