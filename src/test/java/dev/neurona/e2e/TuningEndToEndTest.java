package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Hyperparameter search over HTTP, every trial a real training job: validation naming the field, a grid's dry run,
 * a random search to its leaderboard with the best model marked, its chart and event stream, and a hopeless trial
 * stopped by the median rule.
 */
@EndToEndTest(properties = "neurona.tuning.poll-interval=500ms")
class TuningEndToEndTest {

    static final Duration RUN = Duration.ofSeconds(240);

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private String dataset() {
        return http.dataset(TestData.blobs(40, 3), Map.of("name", "tuning"))
                .get("id")
                .asString();
    }

    private static String request(String dataset, String space, String extra) {
        return """
                {"datasetId": "%s",
                 "spec": {"layers": [{"type": "dense", "units": 8, "activation": "relu"},
                                     {"type": "dense", "units": 3, "activation": "softmax"}],
                          "epochs": 12, "batchSize": 16, "validationSplit": 0.25, "testSplit": 0.2, "seed": 4},
                 "space": %s %s}"""
                .formatted(dataset, space, extra);
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        String dataset = dataset();
        Problems.fieldProblem(
                http.postJson(
                        "/api/v1/tuning",
                        request(dataset, "{\"layers[7].units\": {\"type\": \"int\", \"min\": 2, \"max\": 9}}", "")),
                400,
                "space[\"layers[7].units\"]");
        Problems.fieldProblem(
                http.postJson(
                        "/api/v1/tuning",
                        request(dataset, "{\"layers[0].units\": {\"type\": \"int\", \"min\": 0, \"max\": 9}}", "")),
                400,
                "space[\"layers[0].units\"]");
        Problems.fieldProblem(
                http.postJson(
                        "/api/v1/tuning",
                        request(
                                dataset,
                                "{\"optimizer.learningRate\": {\"type\": \"float\", \"min\": 0.1, \"max\": 0.01}}",
                                "")),
                400,
                "space[\"optimizer.learningRate\"].max");
        Problems.fieldProblem(
                http.postJson(
                        "/api/v1/tuning",
                        request(
                                dataset,
                                "{\"optimizer.learningRate\": {\"type\": \"float\", \"min\": 0, \"max\": 0.1, \"log\": true}}",
                                "")),
                400,
                "space[\"optimizer.learningRate\"].min");
        Problems.fieldProblem(
                http.postJson(
                        "/api/v1/tuning",
                        request(
                                dataset,
                                "{\"optimizer.learningRate\": {\"type\": \"float\", \"min\": 0.001, \"max\": 0.1}}",
                                ", \"strategy\": \"grid\"")),
                400,
                "space");
        Problems.fieldProblem(
                http.postJson(
                        "/api/v1/tuning",
                        request(
                                dataset,
                                "{\"batchSize\": {\"type\": \"choice\", \"values\": [8, 16]}}",
                                ", \"objective\": {\"metric\": \"val_mae\"}")),
                400,
                "objective.metric");
        Problems.fieldProblem(
                http.postJson(
                        "/api/v1/tuning",
                        request(
                                dataset,
                                "{\"batchSize\": {\"type\": \"choice\", \"values\": [8, 16]}}",
                                ", \"strategy\": \"annealing\"")),
                400,
                "strategy");
        Problems.fieldProblem(http.postJson("/api/v1/tuning", request(dataset, "{}", "")), 400, "space");
        Problems.problem(http.get("/api/v1/tuning/" + java.util.UUID.randomUUID()), 404);
    }

    @Test
    void aGridDryRunCountsTheCartesianProduct() {
        JsonNode dry = http.postJson(
                        "/api/v1/tuning",
                        request(
                                dataset(),
                                """
                {"layers[0].units": {"type": "choice", "values": [4, 8, 16]},
                 "optimizer.learningRate": {"type": "float", "min": 0.01, "max": 0.03, "step": 0.01},
                 "layers[0].activation": {"type": "choice", "values": ["relu", "tanh"]}}""",
                                ", \"strategy\": \"grid\", \"dryRun\": true"))
                .json();
        assertThat(dry.get("trials").asLong()).isEqualTo(3 * 3 * 2);
        assertThat(dry.at("/settings/maxTrials").asInt()).isEqualTo(18);

        JsonNode hyperband = http.postJson(
                        "/api/v1/tuning",
                        request(
                                dataset(),
                                "{\"layers[0].units\": {\"type\": \"int\", \"min\": 2, \"max\": 32}}",
                                ", \"strategy\": \"hyperband\", \"maxEpochs\": 27, \"maxTrials\": 200, \"dryRun\": true"))
                .json();
        assertThat(hyperband.get("trials").asLong())
                .as("the textbook plan for R = 27, η = 3")
                .isEqualTo(69);
    }

    @Test
    void aRandomSearchEndsWithALeaderboardItsBestModelMarkedAChartAndEvents() throws Exception {
        Http.Response started = http.postJson(
                "/api/v1/tuning",
                request(
                        dataset(),
                        """
                {"layers[0].units": {"type": "int", "min": 2, "max": 32, "log": true},
                 "optimizer.learningRate": {"type": "float", "min": 0.0005, "max": 0.05, "log": true}}""",
                        ", \"strategy\": \"random\", \"maxTrials\": 4, \"seed\": 9, "
                                + "\"objective\": {\"metric\": \"val_accuracy\"}"));
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String id = started.json().get("id").asString();
        assertThat(started.location()).endsWith("/api/v1/tuning/" + id);
        JsonNode run = await(id);
        assertThat(run.get("state").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        JsonNode board = run.get("leaderboard");
        assertThat(board).hasSize(4);
        List<Double> objectives = new ArrayList<>();
        board.forEach(t -> {
            assertThat(t.get("status").asString()).isEqualTo("DONE");
            assertThat(t.get("params").get("layers[0].units").asInt()).isBetween(2, 32);
            assertThat(t.get("params").get("optimizer.learningRate").asDouble()).isBetween(0.0005, 0.05);
            objectives.add(t.get("objective").asDouble());
        });
        assertThat(objectives).as("best first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(board.get(0).get("best").asBoolean()).isTrue();
        assertThat(run.at("/best/objective").asDouble()).isEqualTo(objectives.get(0));
        String model = run.at("/best/modelId").asString();
        assertThat(board.get(0).get("modelId").asString()).isEqualTo(model);
        assertThat(http.get("/api/v1/models/" + model)
                        .json()
                        .get("bestOfTuning")
                        .asString())
                .isEqualTo(id);
        JsonNode trialJob = http.job(board.get(0).get("jobId").asString());
        assertThat(trialJob.at("/spec/layers/0/units").asInt())
                .isEqualTo(board.get(0).get("params").get("layers[0].units").asInt());

        Http.Binary png = http.bytes("/api/v1/tuning/" + id + "/charts/objective.png", "image/png");
        assertThat(png.status()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(900);

        List<String> events = events(id);
        assertThat(events.stream().filter(e -> e.equals("event:trial")).count()).isEqualTo(4);
        assertThat(events).contains("event:progress");
        assertThat(events.get(events.size() - 1)).isEqualTo("event:succeeded");
    }

    @Test
    void aHopelessTrialIsStoppedByTheMedianRule() {
        JsonNode run = await(http.postJson(
                        "/api/v1/tuning",
                        request(
                                dataset(),
                                "{\"optimizer.learningRate\": {\"type\": \"choice\", \"values\": [0.05, 0.04, 0.03, 0.0000001]}}",
                                ", \"strategy\": \"grid\", \"parallelTrials\": 1, \"earlyStopping\": \"median\", "
                                        + "\"objective\": {\"metric\": \"val_loss\"}"))
                .json()
                .get("id")
                .asString());
        assertThat(run.get("state").asString()).isEqualTo("SUCCEEDED");
        JsonNode hopeless = null;
        for (JsonNode t : run.get("leaderboard")) {
            if (t.get("params").get("optimizer.learningRate").asDouble() < 1e-6) {
                hopeless = t;
            }
        }
        assertThat(hopeless).isNotNull();
        assertThat(hopeless.get("status").asString()).as(hopeless.toString()).isEqualTo("PRUNED");
        assertThat(hopeless.get("epochsTrained").asInt()).isLessThan(12);
        assertThat(hopeless.get("reason").asString()).contains("median");
    }

    @Test
    void hyperbandPromotesTheBestOfARungToMoreEpochs() {
        JsonNode run = await(http.postJson(
                        "/api/v1/tuning",
                        request(
                                dataset(),
                                "{\"optimizer.learningRate\": {\"type\": \"float\", \"min\": 0.0001, \"max\": 0.05, "
                                        + "\"log\": true}}",
                                ", \"strategy\": \"hyperband\", \"maxEpochs\": 3, \"eta\": 3, \"seed\": 2, "
                                        + "\"objective\": {\"metric\": \"val_loss\"}"))
                .json()
                .get("id")
                .asString());
        assertThat(run.get("state").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        // R = 3, η = 3: bracket 1 tries 3 values for 1 epoch and trains the best again for 3; bracket 0 tries 2 for 3
        java.util.Map<Integer, JsonNode> byTrial = new java.util.TreeMap<>();
        run.get("leaderboard").forEach(t -> byTrial.put(t.get("trial").asInt(), t));
        assertThat(byTrial).hasSize(6);
        assertThat(byTrial.values().stream().map(t -> t.get("epochs").asInt()).toList())
                .containsExactly(1, 1, 1, 3, 3, 3);
        JsonNode bestOfRung = byTrial.get(0);
        for (int i = 1; i < 3; i++) {
            if (byTrial.get(i).get("objective").asDouble()
                    < bestOfRung.get("objective").asDouble()) {
                bestOfRung = byTrial.get(i);
            }
        }
        assertThat(byTrial.get(3).get("params")).as("the promoted trial").isEqualTo(bestOfRung.get("params"));
        assertThat(byTrial.get(3).get("epochsTrained").asInt()).isEqualTo(3);
    }

    private JsonNode await(String id) {
        long deadline = System.nanoTime() + RUN.toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = http.get("/api/v1/tuning/" + id).json();
            if (!run.get("state").asString().equals("RUNNING")) {
                return run;
            }
            Http.pause(300);
        }
        throw new AssertionError("tuning run " + id + " still running after " + RUN + ": " + run);
    }

    private List<String> events(String id) throws IOException, InterruptedException {
        HttpResponse<java.util.stream.Stream<String>> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/tuning/" + id + "/events"))
                                .header("X-API-Key", http.key())
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().filter(l -> l.startsWith("event:")).toList();
    }
}
