package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Open Inference Protocol v2 over real HTTP, as KServe and Triton clients speak it: metadata, health and
 * inference for table models (image models: {@link OipImagesEndToEndTest}), every answer equal to the /api/v1
 * prediction of the same inputs, and errors as {"error": "…"}.
 */
@EndToEndTest(properties = "neurona.prediction.max-request-size=64KB")
class OipEndToEndTest {

    static final Path IRIS = Path.of("../shared/data/tabular/iris.csv");
    static final Duration TRAINING = Duration.ofSeconds(180);

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void serverMetadataAndHealthAreOpenAndModelsNeedAKey() {
        JsonNode server = http.get("/v2").json();
        assertThat(server.get("name").asString()).isEqualTo("neurona");
        assertThat(server.get("version").asString()).isNotBlank();
        assertThat(server.get("extensions").isArray()).isTrue();

        String api = http.get("/v3/api-docs").body();
        assertThat(api).contains("\"/v2/models/{name}/infer\"", "\"OipInferenceRequest\"", "\"OipError\"");

        Http anonymous = new Http(port, null);
        Http.Response live = anonymous.get("/v2/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("live").asBoolean()).isTrue();
        Http.Response ready = anonymous.get("/v2/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").asBoolean()).isTrue();
        assertThat(anonymous.get("/v2").status()).isEqualTo(200);
        String someModel = "/v2/models/" + UUID.randomUUID();
        assertThat(anonymous.get(someModel).status()).isEqualTo(401);
        assertThat(anonymous.postJson(someModel + "/infer", "{}").status()).isEqualTo(401);

        String predictor = http.createKey("PREDICTOR");
        Http.Response unknown = new Http(port, predictor).get(someModel);
        error(unknown, 404);
        assertThat(unknown.json().get("error").asString()).contains("model");
        error(http.get(someModel + "/ready"), 404);
        error(http.postJson(someModel + "/infer", Map.of("inputs", List.of())), 404);
        error(http.get("/v2/nothing/here"), 404);
        error(http.exchange("DELETE", "/v2/models/" + UUID.randomUUID() + "/infer", Map.of(), null), 405);

        byte[] big = ("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\""
                        + "a".repeat(70_000) + "\"]}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // the prediction limit, declared or counted while reading a chunked body
        error(http.post(someModel + "/infer", "application/json", big), 413);
        error(http.postChunked(someModel + "/versions/2/infer", "application/json", big), 413);
    }

    @Test
    void aTableModelTakesOneInputPerColumnAndAnswersLikeApiV1() {
        String dataset = http.dataset(TestData.blobs(30, 5), Map.of("name", "blobs"))
                .get("id")
                .asString();
        String model = http.trainToModel(dataset, TestData.softmax3(20, 16), TRAINING)
                .get("id")
                .asString();

        JsonNode meta = http.get("/v2/models/" + model).json();
        assertThat(meta.get("name").asString()).isEqualTo(model);
        assertThat(meta.get("versions").toString()).isEqualTo("[\"1\"]");
        assertThat(meta.get("platform").asString()).isNotBlank();
        assertThat(meta.get("inputs").toString())
                .isEqualTo("[{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[-1]},"
                        + "{\"name\":\"x2\",\"datatype\":\"FP32\",\"shape\":[-1]},"
                        + "{\"name\":\"color\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
        assertThat(meta.get("outputs").toString())
                .isEqualTo("[{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1]},"
                        + "{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,3]}]");
        assertThat(meta.get("parameters").get("alternative_input").asString()).startsWith("input-0 FP32 [-1, 3]");
        JsonNode ready = http.get("/v2/models/" + model + "/ready").json();
        assertThat(ready.get("name").asString()).isEqualTo(model);
        assertThat(ready.get("ready").asBoolean()).isTrue();

        List<Map<String, Object>> rows = List.of(
                Map.of("x1", -3.1, "x2", -2.9, "color", "red"),
                Map.of("x1", 2.8, "x2", 3.3, "color", "blue"),
                Map.of("x1", -3.0, "x2", 3.1, "color", "green"));
        JsonNode v1 = http.predict(model, rows);
        // three columns three ways: flat FP32, nested FP64 [n, 1], BYTES strings
        Http.Response v2 = http.postJson(
                "/v2/models/" + model + "/infer",
                """
                {"id": "req-1", "parameters": {"trace": true},
                 "inputs": [{"name": "x1", "shape": [3], "datatype": "FP32", "data": [-3.1, 2.8, -3.0]},
                            {"name": "x2", "shape": [3, 1], "datatype": "FP64", "data": [[-2.9], [3.3], [3.1]]},
                            {"name": "color", "shape": [3], "datatype": "BYTES", "data": ["red", "blue", "green"]}]}""");
        assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
        assertThat(v2.contentType()).startsWith("application/json");
        assertThat(v2.json().get("model_name").asString()).isEqualTo(model);
        assertThat(v2.json().get("model_version").asString()).isEqualTo("1");
        assertThat(v2.json().get("id").asString()).isEqualTo("req-1");
        assertSameAsApiV1(v2.json(), v1, List.of("a", "b", "c"));
        assertThat(labels(v1)).containsExactly("a", "b", "c");

        Http.Response onlyLabels = http.postJson(
                "/v2/models/" + model + "/infer",
                """
                {"inputs": [{"name": "color", "shape": [1], "datatype": "BYTES", "data": ["red"]},
                            {"name": "x1", "shape": [1], "datatype": "INT32", "data": [3]},
                            {"name": "x2", "shape": [1], "datatype": "INT64", "data": [3]}],
                 "outputs": [{"name": "label"}]}""");
        assertThat(onlyLabels.status()).as(onlyLabels.toString()).isEqualTo(200);
        assertThat(onlyLabels.json().get("outputs")).hasSize(1);
        assertThat(onlyLabels.json().get("outputs").get(0).toString())
                .isEqualTo("{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"b\"]}");
        assertThat(onlyLabels.json().has("id")).isFalse();

        String infer = "/v2/models/" + model + "/infer";
        String x2 = "{\"name\": \"x2\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}";
        String color = "{\"name\": \"color\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"red\"]}";
        badTensor(
                infer,
                "{\"name\": \"x1\", \"shape\": [2], \"datatype\": \"FP32\", \"data\": [1]}," + x2 + "," + color,
                "holds 2 elements, data has 1");
        badTensor(
                infer,
                "{\"name\": \"x1\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [\"1\"]}," + x2 + "," + color,
                "not a FP32 value");
        badTensor(
                infer,
                "{\"name\": \"x1\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"1\"]}," + x2 + "," + color,
                "numeric column");
        badTensor(
                infer,
                "{\"name\": \"x1\", \"shape\": [1], \"datatype\": \"FP16\", \"data\": [1]}," + x2 + "," + color,
                "FP16 is not supported");
        badTensor(
                infer,
                "{\"name\": \"x1\", \"shape\": [1], \"datatype\": \"INT8\", \"data\": [300]}," + x2 + "," + color,
                "not a INT8 value");
        badTensor(
                infer,
                "{\"name\": \"x3\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}," + x2 + "," + color,
                "unknown input 'x3'");
        badTensor(infer, x2 + "," + color, "missing input 'x1'");
        badTensor(
                infer,
                "{\"name\": \"x1\", \"shape\": [2], \"datatype\": \"FP32\", \"data\": [1, 2]}," + x2 + "," + color,
                "has 1 rows, the inputs before it 2");
        Http.Response unseen = http.postJson(
                infer,
                "{\"inputs\": [{\"name\": \"x1\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}," + x2 + ","
                        + color.replace("red", "purple") + "]}");
        assertThat(unseen.status()).as(unseen.toString()).isEqualTo(200);
        assertThat(unseen.json().get("parameters").get("notes").asString())
                .startsWith("input 'color', row 0: ")
                .contains("purple");
        badTensor(
                infer,
                "{\"name\": \"x1\", \"shape\": [-1], \"datatype\": \"FP32\", \"data\": [1]}," + x2 + "," + color,
                "whole number ≥ 0");
        error(http.postJson(infer, "{\"inputs\": [" + x2 + "], \"outputs\": [{\"name\": \"output0\"}]}"), 400);
        Http.Response malformed = http.postJson(infer, "{\"inputs\": [");
        error(malformed, 400);
        error(http.postJson(infer, "[]"), 400);
        error(http.get("/v2/models/" + model + "/versions/v10"), 404);
    }

    @Test
    void irisTakesTheDocumentedRequestsAndATritonStyleTensor() throws IOException {
        Assumptions.assumeTrue(Files.exists(IRIS), "../shared is absent: no " + IRIS.toAbsolutePath());
        Http.Response upload = http.upload(
                "/api/v1/datasets",
                Map.of("name", "iris", "labelColumn", "species", "task", "classification"),
                "iris.csv",
                Files.readAllBytes(IRIS));
        String model = http.trainToModel(upload.json().get("id").asString(), TestData.softmax3(40, 16), TRAINING)
                .get("id")
                .asString();
        String infer = "/v2/models/" + model + "/infer";
        JsonNode v1 = http.predict(model, TestData.SETOSA_AND_VIRGINICA);

        // the protocol's own example (kserve/open-inference-protocol, inference_rest.md), byte for byte: its model
        // "mymodel" with inputs input0/input1 and output output0 cannot exist here, so it is refused, as JSON
        String documented =
                """
                {
                  "id" : "42",
                  "inputs" : [
                    {
                      "name" : "input0",
                      "shape" : [ 2, 2 ],
                      "datatype" : "UINT32",
                      "data" : [ 1, 2, 3, 4 ]
                    },
                    {
                      "name" : "input1",
                      "shape" : [ 3 ],
                      "datatype" : "BOOL",
                      "data" : [ true ]
                    }
                  ],
                  "outputs" : [
                    {
                      "name" : "output0"
                    }
                  ]
                }""";
        Http.Response refused = http.postJson(infer, documented);
        error(refused, 400);
        assertThat(refused.json().get("error").asString()).contains("output0");
        // the same example adapted only in its inputs and output to this model: iris's four columns as input-0
        String adapted =
                """
                {
                  "id" : "42",
                  "inputs" : [
                    {
                      "name" : "input-0",
                      "shape" : [ 2, 4 ],
                      "datatype" : "FP32",
                      "data" : [ 5.1, 3.5, 1.4, 0.2, 7.7, 3.0, 6.1, 2.3 ]
                    }
                  ],
                  "outputs" : [
                    {
                      "name" : "probabilities"
                    }
                  ]
                }""";
        Http.Response answer = http.postJson(infer, adapted);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("id").asString()).isEqualTo("42");
        assertThat(answer.json().get("outputs")).hasSize(1);
        JsonNode probabilities = answer.json().get("outputs").get(0);
        assertThat(probabilities.get("shape").toString()).isEqualTo("[2,3]");
        assertThat(probabilities.get("datatype").asString()).isEqualTo("FP32");
        List<String> classes = List.of("setosa", "versicolor", "virginica");
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat(probabilities.get("data").get(r * 3 + c).floatValue())
                        .isEqualTo((float) v1.get(r)
                                .get("probabilities")
                                .get(classes.get(c))
                                .asDouble());
            }
        }
        // as the Triton and KServe Python clients send it: nested data, one tensor input-0
        Http.Response triton = http.postJson(
                infer,
                """
                {"inputs":[{"name":"input-0","shape":[2,4],"datatype":"FP32","data":[[5.1,3.5,1.4,0.2],[7.7,3.0,6.1,2.3]]}]}""");
        assertThat(triton.status()).as(triton.toString()).isEqualTo(200);
        assertSameAsApiV1(triton.json(), v1, classes);
        Http.Response oneRow = http.postJson(
                "/v2/models/" + model + "/infer",
                """
                {"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[[5.1,3.5,1.4,0.2]]}]}""");
        assertThat(oneRow.json().get("outputs").get(0).get("data").get(0).asString())
                .isEqualTo(v1.get(0).get("label").asString());
        Http.Response wide = http.postJson(
                infer, "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}");
        error(wide, 400);
        assertThat(wide.json().get("error").asString()).contains("input 'input-0', row 0");
    }

    @Test
    void aRegressionModelAnswersItsValue() {
        String dataset = http.dataset(TestData.linear(200, 3), Map.of("name", "linear"))
                .get("id")
                .asString();
        String model = http.trainToModel(
                        dataset,
                        """
                        {"layers":[{"type":"dense","units":1}],"loss":"mse",
                         "optimizer":{"type":"adam","learningRate":0.05},"epochs":6,"batchSize":16,"seed":7}""",
                        TRAINING)
                .get("id")
                .asString();
        assertThat(http.get("/v2/models/" + model).json().get("outputs").toString())
                .isEqualTo("[{\"name\":\"value\",\"datatype\":\"FP64\",\"shape\":[-1]}]");
        JsonNode v1 = http.predict(model, List.of(Map.of("x1", 1.0, "x2", -1.0), Map.of("x1", 0.5, "x2", 0.25)));
        JsonNode v2 = http.postJson(
                        "/v2/models/" + model + "/infer",
                        """
                        {"inputs":[{"name":"input-0","shape":[2,2],"datatype":"FP64","data":[1.0,-1.0,0.5,0.25]}]}""")
                .json();
        JsonNode value = v2.get("outputs").get(0);
        assertThat(value.get("name").asString()).isEqualTo("value");
        assertThat(value.get("shape").toString()).isEqualTo("[2]");
        for (int r = 0; r < 2; r++) {
            assertThat(value.get("data").get(r).asDouble())
                    .isEqualTo(v1.get(r).get("value").asDouble());
        }
    }

    private static List<String> labels(JsonNode predictions) {
        List<String> out = new ArrayList<>();
        predictions.forEach(p -> out.add(p.get("label").asString()));
        return out;
    }

    /** Labels equal, and every probability equal to the float the JSON API widened to double. */
    static void assertSameAsApiV1(JsonNode v2, JsonNode v1, List<String> classes) {
        JsonNode label = v2.get("outputs").get(0);
        JsonNode probabilities = v2.get("outputs").get(1);
        assertThat(label.get("name").asString()).isEqualTo("label");
        assertThat(label.get("shape").toString()).isEqualTo("[" + v1.size() + "]");
        assertThat(probabilities.get("shape").toString()).isEqualTo("[" + v1.size() + "," + classes.size() + "]");
        for (int r = 0; r < v1.size(); r++) {
            assertThat(label.get("data").get(r).asString())
                    .isEqualTo(v1.get(r).get("label").asString());
            for (int c = 0; c < classes.size(); c++) {
                assertThat(probabilities.get("data").get(r * classes.size() + c).floatValue())
                        .as("row %d class %s", r, classes.get(c))
                        .isEqualTo((float) v1.get(r)
                                .get("probabilities")
                                .get(classes.get(c))
                                .asDouble());
            }
        }
    }

    private void badTensor(String infer, String inputs, String expected) {
        Http.Response r = http.postJson(infer, "{\"inputs\": [" + inputs + "]}");
        error(r, 400);
        assertThat(r.json().get("error").asString()).contains(expected);
    }

    /** The protocol's error: this status, application/json, {"error": "…"} and nothing of problem+json. */
    static void error(Http.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).as(r.toString()).startsWith("application/json");
        assertThat(r.json().get("error").asString()).as(r.toString()).isNotBlank();
        assertThat(r.json().has("type")).as(r.toString()).isFalse();
    }
}
