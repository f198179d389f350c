package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.OrtRunner;
import dev.neurona.support.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Maxout and reshape over HTTP: a maxout network learns the catalog's iris and its ONNX file answers as the service
 * does; a table reshaped into a 4×4 board trains a convolution, and exports too, and as one long sequence a conv1d.
 */
@EndToEndTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewLayersEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(180);
    static final List<String> IRIS_COLUMNS =
            List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)");
    static final String MAXOUT_SPEC =
            """
            {"layers": [{"type": "maxout", "units": 8, "pieces": 3},
                        {"type": "dense", "units": 3, "activation": "softmax"}],
             "optimizer": {"type": "adam", "learningRate": 0.02}, "epochs": 60, "batchSize": 16, "seed": 7}""";
    static final String BOARD_SPEC =
            """
            {"layers": [{"type": "reshape", "targetShape": [1, 4, -1]},
                        {"type": "conv2d", "filters": 4, "kernelSize": 2, "activation": "relu"},
                        {"type": "flatten"},
                        {"type": "dense", "units": 2, "activation": "softmax"}],
             "optimizer": {"type": "adam", "learningRate": 0.02}, "epochs": 30, "batchSize": 16, "seed": 5}""";

    @LocalServerPort
    int port;

    Http http;
    String iris;
    String boards;
    JsonNode maxoutModel;
    JsonNode boardModel;

    @BeforeAll
    void train() {
        http = new Http(port);
        Http.Response imported = http.post("/api/v1/catalog/iris/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        iris = imported.json().get("id").asString();
        maxoutModel = http.trainToModel(iris, MAXOUT_SPEC, TRAINING);
        boards =
                http.dataset(boards(150, 3), Map.of("name", "boards")).get("id").asString();
        boardModel = http.trainToModel(boards, BOARD_SPEC, TRAINING);
    }

    @Test
    void theDryRunShowsMaxoutsPiecesAndParameters() {
        JsonNode layers = http.dryRun(iris, MAXOUT_SPEC).get("layers");

        assertThat(layers.get(0).get("type").asString()).isEqualTo("maxout");
        assertThat(layers.get(0).get("detail").asString()).isEqualTo("8 units, max of 3 pieces");
        assertThat(layers.get(0).get("outputShape").toString()).isEqualTo("[-1,8]");
        assertThat(layers.get(0).get("parameters").asLong()).isEqualTo((4 + 1) * 8 * 3);
        assertThat(layers.get(1).get("parameters").asLong()).isEqualTo(8 * 3 + 3);
    }

    @Test
    void aMaxoutNetworkLearnsIris() {
        double accuracy = maxoutModel.get("metrics").get("accuracy").asDouble();
        System.out.printf(Locale.ROOT, "maxout(8 units, 3 pieces) on iris: test accuracy %.4f%n", accuracy);

        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
        assertThat(maxoutModel.get("spec").get("layers").get(0).toString())
                .contains("\"pieces\":3")
                .contains("\"kernelInitializer\"");
    }

    @Test
    void theMaxoutOnnxFileAnswersAsTheService() {
        Random random = new Random(11);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> inputs = new HashMap<>();
        double[][] ranges = {{4.3, 7.9}, {2.0, 4.4}, {1.0, 6.9}, {0.1, 2.5}};
        for (int c = 0; c < IRIS_COLUMNS.size(); c++) {
            inputs.put(IRIS_COLUMNS.get(c), new float[30]);
        }
        for (int r = 0; r < 30; r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < IRIS_COLUMNS.size(); c++) {
                float v = (float) (ranges[c][0] + random.nextDouble() * (ranges[c][1] - ranges[c][0]));
                ((float[]) inputs.get(IRIS_COLUMNS.get(c)))[r] = v;
                row.put(IRIS_COLUMNS.get(c), (double) v);
            }
            rows.add(row);
        }
        assertSameProbabilities(maxoutModel, rows, inputs);
    }

    @Test
    void aTableReshapedToABoardTrainsAConvolutionAndExports() {
        JsonNode plan = http.dryRun(boards, BOARD_SPEC).get("layers");
        assertThat(plan.get(0).get("outputShape").toString()).isEqualTo("[-1,1,4,4]");
        assertThat(plan.get(1).get("outputShape").toString()).isEqualTo("[-1,4,3,3]");
        double accuracy = boardModel.get("metrics").get("accuracy").asDouble();
        System.out.printf(
                Locale.ROOT, "reshape [1, 4, -1] → conv2d on a 16-column table: test accuracy %.4f%n", accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);

        String[] lines = boards(10, 99).split("\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> inputs = new HashMap<>();
        for (int c = 0; c < 16; c++) {
            inputs.put("c" + c, new float[lines.length - 1]);
        }
        for (int r = 1; r < lines.length; r++) {
            String[] cells = lines[r].split(",");
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < 16; c++) {
                float v = Float.parseFloat(cells[c]);
                ((float[]) inputs.get("c" + c))[r - 1] = v;
                row.put("c" + c, (double) v);
            }
            rows.add(row);
        }
        assertSameProbabilities(boardModel, rows, inputs);
    }

    @Test
    void theSameTableAsOneLongSequenceTrainsConv1dAndMaxpool1d() {
        String spec =
                """
                {"layers": [{"type": "reshape", "targetShape": [1, -1]},
                            {"type": "conv1d", "filters": 6, "kernelSize": 5, "activation": "relu"},
                            {"type": "maxpool1d", "poolSize": 2},
                            {"type": "flatten"},
                            {"type": "dense", "units": 2, "activation": "softmax"}],
                 "optimizer": {"type": "adam", "learningRate": 0.02}, "epochs": 30, "batchSize": 16, "seed": 5}""";
        JsonNode plan = http.dryRun(boards, spec).get("layers");
        assertThat(plan.get(1).get("outputShape").toString()).isEqualTo("[-1,6,12]");
        assertThat(plan.get(2).get("outputShape").toString()).isEqualTo("[-1,6,6]");

        double accuracy = http.trainToModel(boards, spec, TRAINING)
                .get("metrics")
                .get("accuracy")
                .asDouble();
        System.out.printf(
                Locale.ROOT,
                "reshape [1, -1] → conv1d → maxpool1d on a 16-column table: test accuracy %.4f%n",
                accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void theOpenApiDescriptionHasTheNewLayerKinds() {
        JsonNode schemas = http.get("/v3/api-docs").json().get("components").get("schemas");

        for (String layer : List.of("MaxoutLayer", "ReshapeLayer", "Conv1dLayer", "MaxPool1dLayer")) {
            assertThat(schemas.has(layer)).as(layer).isTrue();
        }
        // springdoc writes each subtype as allOf the LayerSpec and its own properties
        assertThat(schemas.get("MaxoutLayer").toString()).contains("\"pieces\"");
        assertThat(schemas.get("ReshapeLayer").toString()).contains("\"targetShape\"");
    }

    @Test
    void aTargetShapeThatDoesNotHoldTheInputIsA400WithTheReason() {
        Http.Response r = http.postJson(
                "/api/v1/jobs",
                "{\"datasetId\":\"" + boards + "\",\"dryRun\":true,\"spec\":{\"layers\":["
                        + "{\"type\":\"reshape\",\"targetShape\":[5,3]},{\"type\":\"flatten\"},"
                        + "{\"type\":\"dense\",\"units\":2,\"activation\":\"softmax\"}]}}");

        assertThat(Problems.fieldProblem(r, "spec.layers[0].targetShape"))
                .contains("holds 16 values but [5, 3] holds 15");
    }

    private void assertSameProbabilities(JsonNode model, List<Map<String, Object>> rows, Map<String, Object> inputs) {
        String id = model.get("id").asString();
        Http.Download onnx = http.download("/api/v1/models/" + id + "/export?format=onnx");
        assertThat(onnx.status()).isEqualTo(200);
        float[][] probabilities = OrtRunner.run(onnx.body(), inputs).get("probabilities");
        JsonNode predictions = http.predict(id, rows);
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

    /**
     * 4×4 boards as 16 columns c0..c15 (row-major) plus a label: a bar of ones along one random row ("across") or
     * one random column ("down"), in noise of standard deviation 0.3.
     */
    static String boards(int perClass, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < 16; c++) {
            csv.append('c').append(c).append(',');
        }
        csv.append("bar\n");
        for (int i = 0; i < 2 * perClass; i++) {
            boolean across = i % 2 == 0;
            int line = random.nextInt(4);
            for (int cell = 0; cell < 16; cell++) {
                boolean on = across ? cell / 4 == line : cell % 4 == line;
                csv.append(String.format(Locale.ROOT, "%.4f,", (on ? 1 : 0) + random.nextGaussian() * 0.3));
            }
            csv.append(across ? "across" : "down").append('\n');
        }
        return csv.toString();
    }
}
