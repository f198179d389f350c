package dev.neurona.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The promise that nothing is lost, tested the hard way: a real service JVM is killed with SIGKILL in the middle of
 * a training job, a new one is started on the same data directory, and the job resumes from its last checkpoint and
 * finishes with all its epochs and exactly one model — whose replay from scratch gives identical test metrics, so
 * the resumed training took exactly the steps an uninterrupted one would have taken.
 */
class KillResumeIT {

    @TempDir
    Path dir;

    @Test
    void aJobKilledMidTrainingResumesFromItsCheckpointAndFinishesOnce() throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> settings = Map.of("neurona.data-dir", data.toString());
        String jobId;
        int killedAt;
        long killed;
        try (ServiceNode first = ServiceNode.start("node-a", dir, settings)) {
            JsonNode dataset = uploadBlobs(first, blobs(5000));
            JsonNode job = first.http()
                    .postJson(
                            "/api/v1/jobs",
                            """
                    {"datasetId": "%s", "spec": {
                      "layers": [{"type": "dense", "units": 128, "activation": "relu"},
                                 {"type": "dropout", "rate": 0.2},
                                 {"type": "dense", "units": 64, "activation": "relu"},
                                 {"type": "dense", "units": 4, "activation": "softmax"}],
                      "loss": "categorical_crossentropy", "optimizer": {"type": "adam", "learningRate": 0.001},
                      "epochs": 10, "batchSize": 8, "validationSplit": 0.1, "testSplit": 0.2, "seed": 5}}"""
                                    .formatted(dataset.get("id").asText()))
                    .expect(202)
                    .json();
            jobId = job.get("id").asText();
            Path checkpoint = data.resolve("artifacts/checkpoints/" + jobId + "/checkpoint.zip");
            JsonNode running = awaitJob(first.http(), jobId, j -> j.get("epoch").asInt() >= 4, 300);
            assertThat(checkpoint).as("a checkpoint exists before the kill").exists();
            killedAt = running.get("epoch").asInt();
            first.kill();
            killed = System.nanoTime();
        }
        assertThat(killedAt).as("killed mid-training, not after it").isLessThan(10);

        try (ServiceNode second = ServiceNode.start("node-b", dir, settings)) {
            double upAfter = (System.nanoTime() - killed) / 1e9;
            JsonNode picked =
                    awaitJob(second.http(), jobId, j -> j.get("attempts").asInt() == 2, 180);
            double pickedAfter = (System.nanoTime() - killed) / 1e9;
            JsonNode done =
                    awaitJob(second.http(), jobId, j -> j.get("state").asText().matches("SUCCEEDED|FAILED"), 300);
            double doneAfter = (System.nanoTime() - killed) / 1e9;
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("attempts").asInt()).isEqualTo(2);
            assertThat(done.get("node").asText()).isEqualTo("node-b");
            List<Integer> epochs = new ArrayList<>();
            done.get("history").forEach(e -> epochs.add(e.get("epoch").asInt()));
            assertThat(epochs).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            String log = second.log();
            java.util.regex.Matcher resumed = java.util.regex.Pattern.compile(
                            "job " + jobId + " resumes after epoch (\\d+) of 10")
                    .matcher(log);
            assertThat(resumed.find())
                    .as("node-b's log says it resumed:\n" + log)
                    .isTrue();
            int resumedAfter = Integer.parseInt(resumed.group(1));
            assertThat(resumedAfter).isBetween(killedAt - 1, killedAt);
            assertThat(data.resolve("artifacts/checkpoints/" + jobId))
                    .as("checkpoint removed once done")
                    .doesNotExist();

            List<String> models = new ArrayList<>();
            second.http().getJson("/api/v1/models").forEach(m -> {
                if (m.get("jobId").asText().equals(jobId)) {
                    models.add(m.get("id").asText());
                }
            });
            assertThat(models).as("exactly one model for the job").hasSize(1);
            assertThat(models.get(0)).isEqualTo(done.get("modelId").asText());

            JsonNode replay = second.http()
                    .postJson("/api/v1/models/" + models.get(0) + "/replay", "")
                    .expect(202)
                    .json();
            JsonNode replayed = awaitJob(
                    second.http(),
                    replay.get("id").asText(),
                    j -> j.get("state").asText().matches("SUCCEEDED|FAILED"),
                    300);
            JsonNode receipt = second.http()
                    .getJson("/api/v1/models/" + replayed.get("modelId").asText())
                    .get("receipt");
            System.out.printf(
                    "[recovery] killed (SIGKILL) at epoch %d of 10; new JVM healthy %.1f s after the kill; "
                            + "job picked up again %.1f s after the kill (%.1f s after start-up), resumed after "
                            + "epoch %d, finished %.1f s after the kill with epochs %s and one model; "
                            + "uninterrupted replay identical: %s%n",
                    killedAt,
                    upAfter,
                    pickedAfter,
                    pickedAfter - upAfter,
                    resumedAfter,
                    doneAfter,
                    epochs,
                    receipt.get("replayMatches"));
            assertThat(picked.get("attempts").asInt()).isEqualTo(2);
            assertThat(receipt.get("replayMatches").asBoolean())
                    .as("the resumed model's test metrics equal an uninterrupted training's")
                    .isTrue();
        }
    }

    @Test
    void aTuningRunWhoseNodeWasKilledContinuesWhereItStopped() throws Exception {
        Path data = dir.resolve("tuning-data");
        Map<String, String> settings =
                Map.of("neurona.data-dir", data.toString(), "neurona.tuning.poll-interval", "500ms");
        String runId;
        int doneAtKill;
        try (ServiceNode first = ServiceNode.start("node-c", dir, settings)) {
            JsonNode dataset = uploadBlobs(first, blobs(3000));
            runId = first.http()
                    .postJson(
                            "/api/v1/tuning",
                            """
                    {"datasetId": "%s", "spec": {
                      "layers": [{"type": "dense", "units": 32, "activation": "relu"},
                                 {"type": "dense", "units": 4, "activation": "softmax"}],
                      "loss": "categorical_crossentropy", "epochs": 4, "batchSize": 8, "validationSplit": 0.2,
                      "testSplit": 0.1, "seed": 2},
                     "space": {"layers[0].units": {"type": "int", "min": 8, "max": 64, "log": true},
                               "optimizer.learningRate": {"type": "float", "min": 0.0005, "max": 0.01, "log": true}},
                     "strategy": "bayesian", "maxTrials": 5, "parallelTrials": 1, "seed": 3,
                     "objective": {"metric": "val_accuracy"}}"""
                                    .formatted(dataset.get("id").asText()))
                    .expect(202)
                    .json()
                    .get("id")
                    .asText();
            JsonNode run = awaitTuning(
                    first.http(),
                    runId,
                    r -> r.at("/progress/finished").asInt() >= 2
                            && r.at("/progress/active").asInt() == 1,
                    300);
            doneAtKill = run.at("/progress/finished").asInt();
            first.kill();
        }
        try (ServiceNode second = ServiceNode.start("node-d", dir, settings)) {
            JsonNode run = awaitTuning(
                    second.http(), runId, r -> !r.get("state").asText().equals("RUNNING"), 400);
            assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
            List<Integer> trials = new ArrayList<>();
            List<String> jobs = new ArrayList<>();
            run.get("leaderboard").forEach(t -> {
                trials.add(t.get("trial").asInt());
                jobs.add(t.get("jobId").asText());
                assertThat(t.get("status").asText()).isEqualTo("DONE");
            });
            assertThat(trials).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
            List<String> modelJobs = new ArrayList<>();
            second.http()
                    .getJson("/api/v1/models")
                    .forEach(m -> modelJobs.add(m.get("jobId").asText()));
            assertThat(modelJobs).as("one model per trial").containsExactlyInAnyOrderElementsOf(jobs);
            System.out.printf(
                    "[recovery] tuning run killed with %d of 5 trials done and one running; after the "
                            + "restart it finished with trials %s, one model each, best trial %d (%s %.4f)%n",
                    doneAtKill,
                    trials,
                    run.at("/best/trial").asInt(),
                    "val_accuracy",
                    run.at("/best/objective").asDouble());
        }
    }

    static JsonNode awaitTuning(Http node, String id, java.util.function.Predicate<JsonNode> condition, int seconds)
            throws Exception {
        return await(node, "/api/v1/tuning/" + id, condition, seconds);
    }

    static JsonNode awaitJob(Http node, String id, java.util.function.Predicate<JsonNode> condition, int seconds)
            throws Exception {
        return await(node, "/api/v1/jobs/" + id, condition, seconds);
    }

    /** Polls a resource until the condition holds. */
    private static JsonNode await(Http node, String path, java.util.function.Predicate<JsonNode> condition, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode resource = null;
        while (System.nanoTime() < deadline) {
            resource = node.getJson(path);
            if (condition.test(resource)) {
                return resource;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not reach the expected state in " + seconds + " s: " + resource);
    }

    /** Uploads a CSV whose label column is {@code label}, as the dataset the jobs train on. */
    static JsonNode uploadBlobs(ServiceNode node, byte[] csv) {
        return node.http()
                .upload("/api/v1/datasets?labelColumn=label", Map.of(), "blobs.csv", csv)
                .expect(201)
                .json();
    }

    /** Four overlapping Gaussian blobs in 16 dimensions: learnable, not trivially. */
    static byte[] blobs(int rows) {
        Random random = new Random(17);
        StringBuilder csv = new StringBuilder();
        for (int f = 0; f < 16; f++) {
            csv.append('x').append(f).append(',');
        }
        csv.append("label\n");
        for (int r = 0; r < rows; r++) {
            int label = r % 4;
            for (int f = 0; f < 16; f++) {
                csv.append(String.format(
                        java.util.Locale.ROOT, "%.4f,", random.nextGaussian() + (f % 4 == label ? 1.0 : 0.0)));
            }
            csv.append("c").append(label).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
