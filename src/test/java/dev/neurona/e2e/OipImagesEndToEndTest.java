package dev.neurona.e2e;

import static dev.neurona.e2e.OipEndToEndTest.TRAINING;
import static dev.neurona.e2e.OipEndToEndTest.assertSameAsApiV1;
import static dev.neurona.e2e.OipEndToEndTest.error;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.hostile.HostileFiles;
import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Image models over the Open Inference Protocol v2: a digit-like model (bars from IDX files) and a Quick, Draw!
 * doodle model take pixel tensors in every accepted shape and answer as /api/v1 does for the same {@code images}.
 */
@EndToEndTest
class OipImagesEndToEndTest {

    @LocalServerPort
    int port;

    Http http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "neurona.catalog.mirror-dirs",
                () -> ImageEndToEndTest.SHARED_DATA.toAbsolutePath().toString());
        registry.add("neurona.catalog.download", () -> "false");
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anImageModelTakesPixelTensorsInEveryShape() {
        Http.Response upload = http.uploadParts(
                "/api/v1/datasets",
                List.of(
                        entry("images", entry("train-images.idx", HostileFiles.idxImages(200))),
                        entry("labels", entry("train-labels.idx", HostileFiles.idxLabels(200)))));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        String model = http.trainToModel(upload.json().get("id").asString(), CNN, TRAINING)
                .get("id")
                .asString();
        assertThat(http.get("/v2/models/" + model).json().get("inputs").toString())
                .isEqualTo("[{\"name\":\"input-0\",\"datatype\":\"FP32\",\"shape\":[-1,28,28]}]");
        List<List<Integer>> images = List.of(pixels(HostileFiles.bar(true, 12)), pixels(HostileFiles.bar(false, 9)));
        JsonNode v1 = v1Images(model, images);
        String infer = "/v2/models/" + model + "/infer";
        for (Object shape : List.of(List.of(2, 28, 28), List.of(2, 1, 28, 28), List.of(2, 784))) {
            Map<String, Object> input = Map.of("name", "input-0", "shape", shape, "datatype", "UINT8", "data", images);
            Http.Response v2 = http.postJson(infer, Map.of("inputs", List.of(input)));
            assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
            assertSameAsApiV1(v2.json(), v1, List.of("0", "1"));
        }
        List<Double> scaled = new ArrayList<>();
        images.get(0).forEach(p -> scaled.add(p / 255.0));
        Http.Response zeroToOne = http.postJson(
                infer,
                Map.of(
                        "inputs",
                        List.of(Map.of(
                                "name", "input-0", "shape", List.of(1, 28, 28), "datatype", "FP32", "data", scaled))));
        error(zeroToOne, 400);
        assertThat(zeroToOne.json().get("error").asString())
                .contains("input 'input-0', image 0")
                .contains("multiply the values by 255");
        Http.Response wrongShape = http.postJson(
                infer,
                Map.of(
                        "inputs",
                        List.of(Map.of(
                                "name",
                                "input-0",
                                "shape",
                                List.of(1, 27, 29),
                                "datatype",
                                "UINT8",
                                "data",
                                images.get(0).subList(0, 27 * 29)))));
        error(wrongShape, 400);
        assertThat(wrongShape.json().get("error").asString()).contains("[n, 28, 28]");
    }

    @Test
    void aDoodleModelTakesBitmaps() {
        Assumptions.assumeTrue(
                Files.isDirectory(ImageEndToEndTest.SHARED_DATA.resolve("quickdraw")),
                "../shared is absent: no Quick, Draw! mirror");
        Http.Response doodles =
                http.post("/api/v1/catalog/quickdraw/import?categories=circle,star&perClass=60", null, new byte[0]);
        assertThat(doodles.status()).as(doodles.toString()).isEqualTo(201);
        String model = http.trainToModel(doodles.json().get("id").asString(), CNN, TRAINING)
                .get("id")
                .asString();
        JsonNode meta = http.get("/v2/models/" + model).json();
        assertThat(meta.get("inputs").get(0).get("shape").toString()).isEqualTo("[-1,28,28]");
        assertThat(meta.get("outputs").get(1).get("shape").toString()).isEqualTo("[-1,2]");
        List<List<Integer>> bitmaps = List.of(pixels(HostileFiles.bar(true, 5)), pixels(HostileFiles.bar(false, 20)));
        JsonNode v1 = v1Images(model, bitmaps);
        Http.Response v2 = http.postJson(
                "/v2/models/" + model + "/infer",
                Map.of(
                        "id",
                        "doodles",
                        "inputs",
                        List.of(Map.of(
                                "name",
                                "input-0",
                                "shape",
                                List.of(2, 1, 28, 28),
                                "datatype",
                                "FP32",
                                "data",
                                bitmaps))));
        assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
        assertSameAsApiV1(v2.json(), v1, List.of("circle", "star"));
    }

    static final String CNN =
            """
            {"layers": [{"type": "conv2d", "filters": 4, "kernelSize": 5, "activation": "relu"},
                        {"type": "maxpool2d", "poolSize": 4}, {"type": "flatten"},
                        {"type": "dense", "units": 2, "activation": "softmax"}],
             "optimizer": {"type": "adam", "learningRate": 0.01}, "epochs": 3, "batchSize": 16, "seed": 2}""";

    private JsonNode v1Images(String model, List<List<Integer>> images) {
        Http.Response r = http.postJson("/api/v1/models/" + model + "/predictions", Map.of("images", images));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("predictions");
    }

    private static List<Integer> pixels(byte[] image) {
        List<Integer> out = new ArrayList<>(image.length);
        for (byte b : image) {
            out.add(b & 0xFF);
        }
        return out;
    }
}
