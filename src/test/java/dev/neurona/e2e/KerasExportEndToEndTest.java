package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model trained on the catalog's iris over HTTP, downloaded as Keras JSON by its id, its registered name and its
 * version: the same architecture each time, with iris' four features as the input and its three classes out.
 */
@EndToEndTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KerasExportEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(180);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    Http http;
    String iris;
    JsonNode model;

    @BeforeAll
    void train() {
        http = new Http(port);
        Http.Response imported = http.post("/api/v1/catalog/iris/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        iris = imported.json().get("id").asString();
        model = http.trainToModel(
                iris,
                """
                {"layers":[{"type":"dense","units":6,"activation":"relu","name":"hidden"},
                           {"type":"dense","units":3,"activation":"softmax"}],
                 "optimizer":{"type":"adam","learningRate":0.01},"epochs":3,"seed":4}""",
                TRAINING);
    }

    @Test
    void theModelIsASequentialForKerasByIdAndByName() {
        String id = model.get("id").asString();
        String name = model.get("registeredName").asString();
        Http.Download byId = http.download("/api/v1/models/" + id + "/keras.json");

        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.contentType()).startsWith("application/json");
        assertThat(byId.disposition()).contains("attachment").contains(name + ".keras.json");
        JsonNode keras = JSON.readTree(new String(byId.body(), StandardCharsets.UTF_8));
        assertThat(keras.get("class_name").asString()).isEqualTo("Sequential");
        assertThat(keras.get("config").get("name").asString()).isEqualTo(name);
        JsonNode layers = keras.get("config").get("layers");
        assertThat(layers).hasSize(3);
        assertThat(layers.get(0).get("config").get("batch_shape").get(1).asInt())
                .as("iris' four measurements")
                .isEqualTo(4);
        assertThat(layers.get(1).get("config").get("name").asString()).isEqualTo("hidden");
        assertThat(layers.get(2).get("config").get("name").asString()).isEqualTo("dense");
        assertThat(layers.get(2).get("config").get("units").asInt()).isEqualTo(3);
        assertThat(layers.get(2).get("config").get("activation").asString()).isEqualTo("softmax");
        JsonNode optimizer = keras.get("compile_config").get("optimizer");
        assertThat(optimizer.get("class_name").asString()).isEqualTo("Adam");
        assertThat(optimizer.get("config").get("learning_rate").asDouble()).isEqualTo(0.01);

        Http.Download byName = http.download("/api/v1/models/" + name + "/keras.json");
        assertThat(byName.status()).isEqualTo(200);
        assertThat(JSON.readTree(new String(byName.body(), StandardCharsets.UTF_8)))
                .isEqualTo(keras);
        Http.Download byVersion = http.download(
                "/api/v1/models/" + name + "/versions/" + model.get("version").asInt() + "/keras.json");
        assertThat(byVersion.status()).isEqualTo(200);
        assertThat(JSON.readTree(new String(byVersion.body(), StandardCharsets.UTF_8)))
                .isEqualTo(keras);
    }

    @Test
    void aMaxoutModelIsA409NamingTheLayer() {
        // registered under its own name, so "iris" keeps naming the first model
        String job = http.submit(
                iris,
                """
                {"layers":[{"type":"maxout","units":4,"pieces":2},
                           {"type":"dense","units":3,"activation":"softmax"}],"epochs":1,"seed":2}""",
                "iris-maxout");
        String maxout =
                http.awaitState(job, "SUCCEEDED", TRAINING).get("modelId").asString();

        Http.Response r = http.get("/api/v1/models/iris-maxout/keras.json");

        JsonNode problem = Problems.problem(r, 409);
        assertThat(problem.get("detail").asString()).startsWith("spec.layers[0] (maxout)");
    }

    @Test
    void anUnknownModelIsA404() {
        Problems.problem(http.get("/api/v1/models/00000000-0000-0000-0000-000000000000/keras.json"), 404);
        Problems.problem(http.get("/api/v1/models/no-such-model/keras.json"), 404);
    }

    @Test
    void theOpenApiDescriptionShowsTheExportWithAnExample() {
        JsonNode paths = http.get("/v3/api-docs").json().get("paths");
        JsonNode keras = paths.get("/api/v1/models/{ref}/keras.json").get("get");
        JsonNode json = keras.get("responses").get("200").get("content").get("application/json");

        assertThat(json.get("examples").toString()).contains("Sequential");
        assertThat(keras.get("responses").get("409").get("content").has("application/problem+json"))
                .isTrue();
        assertThat(paths.has("/api/v1/models/{ref}/versions/{version}/keras.json"))
                .isTrue();
    }
}
