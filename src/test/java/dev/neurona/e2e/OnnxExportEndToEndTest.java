package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.OrtRunner;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A model trained over HTTP, downloaded as ONNX and run in ONNX Runtime on raw rows (numbers and a category)
 * answers with the probabilities the service's own predictions give.
 */
@EndToEndTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxExportEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(180);

    @LocalServerPort
    int port;

    Http http;
    String modelId;
    JsonNode model;

    @BeforeAll
    void train() {
        http = new Http(port);
        String dataset = http.dataset(TestData.blobs(30, 11), Map.of("name", "blobs"))
                .get("id")
                .asString();
        model = http.trainToModel(
                dataset,
                """
                {"layers":[{"type":"dense","units":6,"activation":"relu"},{"type":"batchnorm"},
                           {"type":"dense","units":3,"activation":"softmax"}],"epochs":3,"seed":4}""",
                TRAINING);
        modelId = model.get("id").asString();
    }

    @Test
    void theOnnxFileAnswersAsThePredictionsEndpoint() {
        Http.Download onnx = http.download("/api/v1/models/" + modelId + "/export?format=onnx");
        assertThat(onnx.status()).isEqualTo(200);
        assertThat(onnx.contentType()).isEqualTo("application/onnx");
        assertThat(onnx.disposition()).contains("attachment").contains("model-" + modelId + ".onnx");

        assertAnswersAsPredictions(onnx.body(), modelId, model);
    }

    /** The stored parameters of a graph load into its wired network and export with their merges. */
    @Test
    void aGraphModelsOnnxFileAnswersAsThePredictionsEndpoint() {
        String dataset = http.dataset(TestData.blobs(30, 12), Map.of("name", "blobs"))
                .get("id")
                .asString();
        JsonNode graph = http.trainToModel(
                dataset,
                """
                {"layers":[{"type":"dense","units":6,"activation":"relu","name":"a"},
                           {"type":"dense","units":6,"activation":"tanh","inputs":["input"],"name":"b"},
                           {"type":"multiply","inputs":["a","b"],"name":"ab"},
                           {"type":"average","inputs":["a","ab"],"name":"mean"},
                           {"type":"concatenate","inputs":["mean","input"]},
                           {"type":"dense","units":3,"activation":"softmax"}],"epochs":3,"seed":4}""",
                TRAINING);
        String id = graph.get("id").asString();
        Http.Download onnx = http.download("/api/v1/models/" + id + "/export?format=onnx");
        assertThat(onnx.status()).isEqualTo(200);

        assertAnswersAsPredictions(onnx.body(), id, graph);
    }

    @Test
    void anUnknownFormatIsA400NamingFormat() {
        Http.Response r = http.get("/api/v1/models/" + modelId + "/export?format=pmml");

        assertThat(Problems.fieldProblem(r, "format")).contains("onnx");
    }

    @Test
    void anUnknownModelIsA404() {
        Problems.problem(http.get("/api/v1/models/00000000-0000-0000-0000-000000000000/export?format=onnx"), 404);
    }

    @Test
    void theOpenApiDescriptionShowsTheExport() {
        JsonNode export = http.get("/v3/api-docs")
                .json()
                .get("paths")
                .get("/api/v1/models/{ref}/export")
                .get("get");

        assertThat(export.get("responses").get("200").get("content").has("application/onnx"))
                .isTrue();
        assertThat(export.get("responses").get("409").get("content").has("application/problem+json"))
                .isTrue();
    }

    /** 40 random rows through the ONNX file in ONNX Runtime and through the service: the same probabilities. */
    private void assertAnswersAsPredictions(byte[] onnx, String id, JsonNode model) {
        Random random = new Random(2);
        String[] colours = {"red", "green", "blue"};
        List<Map<String, Object>> rows = new ArrayList<>();
        float[] x1 = new float[40];
        float[] x2 = new float[40];
        String[] color = new String[40];
        for (int r = 0; r < 40; r++) {
            x1[r] = (float) (random.nextGaussian() * 3);
            x2[r] = (float) (random.nextGaussian() * 3);
            color[r] = colours[random.nextInt(colours.length)];
            rows.add(Map.of("x1", (double) x1[r], "x2", (double) x2[r], "color", color[r]));
        }
        JsonNode predictions = http.predict(id, rows);
        Map<String, Object> inputs = new HashMap<>(Map.of("x1", x1, "x2", x2, "color", color));
        float[][] probabilities = OrtRunner.run(onnx, inputs).get("probabilities");

        List<String> classes = Http.strings(model.get("preprocessing").get("classes"), null);
        assertThat(probabilities).hasNumberOfRows(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < classes.size(); c++) {
                double served = predictions
                        .get(r)
                        .get("probabilities")
                        .get(classes.get(c))
                        .asDouble();
                assertThat(Math.abs(probabilities[r][c] - served))
                        .as("row %d class %s", r, classes.get(c))
                        .isLessThanOrEqualTo(1e-5);
            }
        }
    }
}
