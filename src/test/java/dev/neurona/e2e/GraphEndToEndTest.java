package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;

import dev.neurona.support.Bundles;
import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.training.Checkpoint;
import dev.neurona.training.Checkpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * A graph spec (named layers, a residual add, a branch straight from the input, a concatenation) through everything
 * built on specs, over HTTP: the dry run's table, wiring mistakes as problems naming the input, training, predicting,
 * the reports, dead-unit diagnosis, replay and resuming from a checkpoint to the same bits, tuning a named layer, and
 * the OpenAPI example of a graph.
 */
@EndToEndTest(properties = {"neurona.tuning.poll-interval=500ms", "neurona.recovery.checkpoint-every-epochs=10"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(180);
    /** h2's bias of −50 keeps its ReLUs dead from the start: the residual still learns through h1's skip. */
    static final String GRAPH =
            """
            {"layers": [{"type": "dense", "units": 8, "activation": "relu", "name": "h1"},
                        {"type": "dense", "units": 8, "activation": "relu", "name": "h2",
                         "biasInitializer": {"type": "constant", "value": -50}},
                        {"type": "add", "inputs": ["h1", "h2"], "name": "sum"},
                        {"type": "dense", "units": 4, "activation": "tanh", "name": "wide", "inputs": ["input"]},
                        {"type": "concatenate", "inputs": ["sum", "wide"], "name": "both"},
                        {"type": "dense", "units": 3, "activation": "softmax", "name": "out"}],
             "optimizer": {"type": "adam", "learningRate": 0.02}, "epochs": 25, "batchSize": 16, "seed": 7}""";

    @LocalServerPort
    int port;

    @MockitoSpyBean
    Checkpoints checkpoints;

    Http http;
    String iris;
    JsonNode job;
    JsonNode model;

    @BeforeAll
    void train() {
        http = new Http(port);
        Http.Response imported = http.post("/api/v1/catalog/iris/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        iris = imported.json().get("id").asString();
        job = http.awaitState(http.submit(iris, GRAPH), "SUCCEEDED", TRAINING);
        model = http.getJson("/api/v1/models/" + job.get("modelId").asString());
    }

    @Test
    void theDryRunNamesEachLayerAndTheLayersItTakes() {
        JsonNode rows = http.dryRun(iris, GRAPH).get("layers");

        assertThat(Http.strings(rows, "name")).containsExactly("h1", "h2", "sum", "wide", "both", "out");
        assertThat(rows.get(0).get("inputs").toString()).isEqualTo("[\"input\"]");
        assertThat(rows.get(1).get("inputs").toString()).isEqualTo("[\"h1\"]");
        assertThat(rows.get(2).get("inputs").toString()).isEqualTo("[\"h1\",\"h2\"]");
        assertThat(rows.get(3).get("inputs").toString()).isEqualTo("[\"input\"]");
        assertThat(rows.get(4).get("inputs").toString()).isEqualTo("[\"sum\",\"wide\"]");
        assertThat(rows.get(2).get("outputShape").toString()).isEqualTo("[-1,8]");
        assertThat(rows.get(4).get("outputShape").toString()).isEqualTo("[-1,12]");
        assertThat(rows.get(3).get("parameters").asLong()).isEqualTo(4 * 4 + 4);
        assertThat(rows.get(5).get("parameters").asLong()).isEqualTo(12 * 3 + 3);
        assertThat(rows.get(2).get("parameters").asLong()).isZero();
    }

    @Test
    void anUnknownInputAndACycleAreProblemsNamingTheInput() {
        String unknown = GRAPH.replace("\"inputs\": [\"sum\", \"wide\"]", "\"inputs\": [\"sum\", \"wider\"]");
        String message = Problems.fieldProblem(dryRun(unknown), "spec.layers[4].inputs[1]");
        assertThat(message).contains("'wider'").contains("input, h1, h2, sum, wide, both, out");

        String cycle =
                """
                {"layers": [{"type": "dense", "units": 8, "activation": "relu", "name": "h1", "inputs": ["h2"]},
                            {"type": "dense", "units": 8, "activation": "relu", "name": "h2", "inputs": ["h1"]},
                            {"type": "dense", "units": 3, "activation": "softmax"}]}""";
        assertThat(Problems.fieldProblem(dryRun(cycle), "spec.layers[0].inputs[0]"))
                .contains("cycle")
                .contains("h1 → h2 → h1");
        Problems.fieldProblem(
                http.postJson("/api/v1/jobs", "{\"datasetId\":\"" + iris + "\",\"spec\":" + cycle + "}"),
                "spec.layers[0].inputs[0]");
    }

    @Test
    void aPerceptronRefusesAMergeByName() {
        String perceptron =
                """
                {"mode": "perceptron",
                 "layers": [{"type": "dense", "units": 1, "activation": "step", "name": "a"},
                            {"type": "dense", "units": 1, "activation": "step", "name": "b", "inputs": ["input"]},
                            {"type": "add", "inputs": ["a", "b"]}]}""";
        assertThat(Problems.fieldProblem(dryRun(perceptron), "spec.layers[2]"))
                .contains("a perceptron is one dense layer")
                .contains("add");
    }

    @Test
    void theGraphLearnsIrisAndPredicts() {
        double accuracy = model.get("metrics").get("accuracy").asDouble();
        System.out.printf(Locale.ROOT, "residual + wide graph on iris, 25 epochs: test accuracy %.4f%n", accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.85);
        assertThat(model.get("spec").get("layers").get(2).get("inputs").toString())
                .isEqualTo("[\"h1\",\"h2\"]");
        assertThat(model.get("spec").get("layers").get(0).has("inputs"))
                .as("inputs left out where they were not given")
                .isFalse();

        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row(5.1, 3.5, 1.4, 0.2));
        rows.add(row(6.7, 3.0, 5.2, 2.3));
        JsonNode predictions = http.predict(model.get("id").asString(), rows);
        assertThat(predictions.get(0).get("label").asString()).isEqualTo("setosa");
        assertThat(predictions.get(1).get("label").asString()).isEqualTo("virginica");
    }

    @Test
    void deadUnitsAreFoundInTheLayerTheGraphFeedsThemFrom() {
        JsonNode dead = null;
        for (JsonNode finding : model.get("diagnosis")) {
            if ("dead_relu".equals(finding.get("kind").asString())) {
                assertThat(dead)
                        .as("only h2 is dead: %s", model.get("diagnosis"))
                        .isNull();
                dead = finding;
            }
        }
        assertThat(dead).as("diagnosis %s", model.get("diagnosis")).isNotNull();
        assertThat(dead.get("message").asString()).startsWith("8 of 8 ReLU units of layer 1 (h2) ");
        assertThat(dead.get("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void theReportsDrawTheGraphsModel() {
        String id = model.get("id").asString();
        for (String chart : List.of("loss.png", "confusion.png")) {
            Http.Binary png = http.bytes("/api/v1/models/" + id + "/charts/" + chart, null);
            assertThat(png.status()).as("%s: %s", chart, png).isEqualTo(200);
            assertThat(png.contentType()).isEqualTo("image/png");
        }
        JsonNode cell = http.getJson("/api/v1/models/" + id + "/misclassified?true=setosa&predicted=setosa");
        assertThat(cell.get("count").asInt()).isPositive();
        assertThat(cell.get("samples").get(0).get("probabilities").get("setosa").asDouble())
                .isGreaterThan(0.5);
    }

    @Test
    void aReplayRetrainsTheGraphToTheSameBits() {
        String id = model.get("id").asString();
        Http.Response replay = http.postJson("/api/v1/models/" + id + "/replay", "");
        assertThat(replay.status()).as("%s", replay).isEqualTo(202);
        JsonNode copy = http.getJson("/api/v1/models/"
                + http.awaitState(replay.json().get("id").asString(), "SUCCEEDED", TRAINING)
                        .get("modelId")
                        .asString());

        assertThat(copy.get("receipt").get("replayMatches").asBoolean())
                .as("%s", copy.get("diagnosis"))
                .isTrue();
        assertThat(copy.get("metrics")).isEqualTo(model.get("metrics"));
        assertThat(parameters(copy)).isEqualTo(parameters(model));
    }

    @Test
    void aJobResumedFromItsCheckpointEndsAsTheUninterruptedOne() {
        // the uninterrupted run keeps its checkpoints (after epochs 10 and 20); the next job to start takes the
        // one after epoch 20, as a job does whose process died there
        doNothing().when(checkpoints).delete(any());
        UUID first = UUID.fromString(http.submit(iris, GRAPH));
        JsonNode straight = http.awaitState(first.toString(), "SUCCEEDED", TRAINING);
        Optional<Checkpoint> left = checkpoints.load(first);
        assertThat(left).as("the checkpoint after epoch 20").isPresent();
        assertThat(left.get().epoch()).isEqualTo(20);
        AtomicReference<Checkpoint> planted = new AtomicReference<>(left.get());
        doAnswer(call -> {
                    Checkpoint c = planted.getAndSet(null);
                    return c != null ? Optional.of(c) : call.callRealMethod();
                })
                .when(checkpoints)
                .load(any());

        JsonNode resumed = http.awaitState(http.submit(iris, GRAPH), "SUCCEEDED", TRAINING);

        assertThat(planted.get()).as("the job took the checkpoint").isNull();
        assertThat(resumed.get("startEpoch").asInt()).isEqualTo(20);
        assertThat(losses(resumed)).containsExactlyElementsOf(losses(straight));
        JsonNode resumedModel =
                http.getJson("/api/v1/models/" + resumed.get("modelId").asString());
        assertThat(resumedModel.get("metrics")).isEqualTo(model.get("metrics"));
        assertThat(parameters(resumedModel)).isEqualTo(parameters(model));
    }

    @Test
    void tuningVariesANamedLayer() {
        String spec = GRAPH.replace("\"epochs\": 25", "\"epochs\": 3, \"validationSplit\": 0.2");
        String unknown = tuning(spec, "{\"layers.h9.units\": {\"type\": \"choice\", \"values\": [4, 16]}}", "");
        assertThat(Problems.fieldProblem(http.postJson("/api/v1/tuning", unknown), "space[\"layers.h9.units\"]"))
                .contains("'h9'")
                .contains("h1, h2, sum, wide, both, out");

        Http.Response started = http.postJson(
                "/api/v1/tuning",
                tuning(
                        spec,
                        "{\"layers.wide.units\": {\"type\": \"choice\", \"values\": [2, 6]}}",
                        ", \"strategy\": \"grid\", \"maxTrials\": 2"));
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        JsonNode run = awaitTuning(started.json().get("id").asString());
        assertThat(run.get("state").asString()).as("%s", run).isEqualTo("SUCCEEDED");
        List<Integer> widths = new ArrayList<>();
        for (JsonNode trial : run.get("leaderboard")) {
            JsonNode trained =
                    http.getJson("/api/v1/models/" + trial.get("modelId").asString());
            JsonNode wide = trained.get("spec").get("layers").get(3);
            assertThat(wide.get("name").asString()).isEqualTo("wide");
            assertThat(wide.get("units").asInt())
                    .isEqualTo(trial.get("params").get("layers.wide.units").asInt());
            widths.add(wide.get("units").asInt());
        }
        assertThat(widths).containsExactlyInAnyOrder(2, 6);
    }

    @Test
    void theOpenApiExampleOfAGraphIsAValidSpec() {
        JsonNode examples = http.getJson("/v3/api-docs")
                .get("paths")
                .get("/api/v1/jobs")
                .get("post")
                .get("requestBody")
                .get("content")
                .get("application/json")
                .get("examples");
        assertThat(examples.propertyNames()).contains("sequential", "graph");
        for (String name : List.of("sequential", "graph")) {
            JsonNode example = examples.get(name).get("value");
            String body = (example.isString() ? example.asString() : example.toString())
                    .replace("3f0c6b8e-8d1e-4a43-9a53-2b1f0d9c4e11", iris);
            Http.Response plan = http.postJson("/api/v1/jobs", body);
            assertThat(plan.status()).as("%s: %s", name, plan).isEqualTo(200);
            if (name.equals("graph")) {
                assertThat(plan.json().get("layers").get(2).get("inputs").toString())
                        .isEqualTo("[\"h1\",\"h2\"]");
            }
        }
    }

    private Http.Response dryRun(String spec) {
        return http.postJson("/api/v1/jobs", "{\"datasetId\":\"" + iris + "\",\"spec\":" + spec + ",\"dryRun\":true}");
    }

    private String tuning(String spec, String space, String extra) {
        return "{\"datasetId\": \"" + iris + "\", \"spec\": " + spec + ", \"space\": " + space
                + ", \"objective\": {\"metric\": \"val_accuracy\"}" + extra + "}";
    }

    private JsonNode awaitTuning(String id) {
        long deadline = System.nanoTime() + TRAINING.toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = http.getJson("/api/v1/tuning/" + id);
            if (!run.get("state").asString().equals("RUNNING")) {
                return run;
            }
            Http.pause(300);
        }
        throw new AssertionError("tuning run " + id + " still running: " + run);
    }

    /** The trained parameters as stored: the DJL file in the model's bundle. */
    private String parameters(JsonNode trained) {
        Http.Binary bundle =
                http.bytes("/api/v1/models/" + trained.get("id").asString() + "/export?format=neurona", null);
        assertThat(bundle.status()).as("%s", bundle).isEqualTo(200);
        byte[] parameters = Bundles.unzip(bundle.body()).get("parameters/model-0000.params");
        assertThat(parameters).isNotEmpty();
        return Bundles.sha256(parameters);
    }

    private static List<Double> losses(JsonNode job) {
        List<Double> losses = new ArrayList<>();
        for (JsonNode epoch : job.get("history")) {
            losses.add(epoch.get("loss").asDouble());
        }
        return losses;
    }

    private static Map<String, Object> row(double... values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(NewLayersEndToEndTest.IRIS_COLUMNS.get(i), values[i]);
        }
        return row;
    }
}
