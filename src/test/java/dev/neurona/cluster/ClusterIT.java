package dev.neurona.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.S3ProxyServer;
import dev.neurona.support.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Scale-out as deployed: one api node and two workers, separate JVMs with separate local directories, sharing only
 * PostgreSQL (application schema and JobRunr's tables) and an S3-compatible bucket (S3Proxy). Eight jobs are queued
 * through the api node and spread over both workers; one worker is killed with SIGKILL mid-job; every job still ends
 * with exactly one model, the killed one resumed by the other worker from its checkpoint in the bucket. Any node
 * serves predictions from the bucket, and a model deleted through one node is gone on the others.
 */
class ClusterIT {

    static final String SCHEMA = "neurona_cluster_it";

    @TempDir
    Path dir;

    @Test
    void eightJobsOnTwoWorkersSurviveAWorkerKilledMidJob() throws Exception {
        TestPostgres.dropSchema(SCHEMA);
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            Map<String, String> common = new HashMap<>(Map.of(
                    "spring.profiles.active",
                    "postgres",
                    "spring.datasource.url",
                    TestPostgres.url(SCHEMA),
                    "spring.datasource.username",
                    TestPostgres.USER,
                    "spring.datasource.password",
                    TestPostgres.PASSWORD,
                    "NEURONA_DB_SCHEMA",
                    SCHEMA,
                    "neurona.artifacts.store",
                    "s3",
                    "neurona.artifacts.s3.endpoint",
                    s3.endpoint().toString(),
                    "neurona.artifacts.s3.bucket",
                    "neurona-cluster",
                    "neurona.artifacts.s3.access-key",
                    s3.accessKey(),
                    "neurona.artifacts.s3.secret-key",
                    s3.secretKey()));
            common.put("neurona.artifacts.s3.create-bucket", "true");
            ExecutorService starter = Executors.newFixedThreadPool(3);
            Future<ServiceNode> apiStart = starter.submit(() -> node("api", "api", common));
            Future<ServiceNode> w1Start = starter.submit(() -> node("worker-1", "worker", common));
            Future<ServiceNode> w2Start = starter.submit(() -> node("worker-2", "worker", common));
            try (ServiceNode api = apiStart.get();
                    ServiceNode w1 = w1Start.get();
                    ServiceNode w2 = w2Start.get()) {
                starter.shutdown();
                run(api, w1, w2);
            }
        }
    }

    private void run(ServiceNode api, ServiceNode w1, ServiceNode w2) throws Exception {
        JsonNode health = api.http().getJson("/actuator/health");
        assertThat(health.at("/components/jobServer/details/runsJobsHere").asBoolean())
                .isFalse();
        assertThat(health.at("/components/storage/details/store").asText()).startsWith("s3://neurona-cluster");
        assertThat(w1.http()
                        .getJson("/actuator/health")
                        .at("/components/jobServer/details/runsJobsHere")
                        .asBoolean())
                .isTrue();
        String dataset = KillResumeIT.uploadBlobs(api, KillResumeIT.blobs(3000))
                .get("id")
                .asText();
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(api.http()
                    .postJson(
                            "/api/v1/jobs",
                            """
                    {"datasetId": "%s", "spec": {
                      "layers": [{"type": "dense", "units": 64, "activation": "relu"},
                                 {"type": "dense", "units": 4, "activation": "softmax"}],
                      "loss": "categorical_crossentropy", "epochs": 8, "batchSize": 8, "validationSplit": 0.1,
                      "testSplit": 0.2, "seed": %d}}"""
                                    .formatted(dataset, i))
                    .expect(202)
                    .json()
                    .get("id")
                    .asText());
        }
        // which node ran which job, as the api node reports it while they run
        Map<String, Set<String>> ranOn = new LinkedHashMap<>();
        jobs.forEach(j -> ranOn.put(j, new LinkedHashSet<>()));
        String victim = null;
        long killed = 0;
        double pickedUp = -1;
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            int finished = 0;
            long doneOnWorker1 = 0;
            for (String id : jobs) {
                JsonNode job = api.http().getJson("/api/v1/jobs/" + id);
                doneOnWorker1 += job.get("state").asText().equals("SUCCEEDED")
                                && "worker-1".equals(job.path("node").asText())
                        ? 1
                        : 0;
            }
            for (String id : jobs) {
                JsonNode job = api.http().getJson("/api/v1/jobs/" + id);
                String state = job.get("state").asText();
                if (job.hasNonNull("node")) {
                    ranOn.get(id).add(job.get("node").asText());
                }
                // killed in the middle of its second job, so it has shown it takes its share first
                if (victim == null
                        && doneOnWorker1 >= 1
                        && state.equals("RUNNING")
                        && "worker-1".equals(job.path("node").asText())
                        && job.get("epoch").asInt() >= 3) {
                    victim = id;
                    w1.kill();
                    killed = System.nanoTime();
                    System.out.printf(
                            "[cluster] killed worker-1 (SIGKILL) at epoch %d of 8 of job %s%n",
                            job.get("epoch").asInt(), id);
                }
                if (id.equals(victim) && pickedUp < 0 && job.get("attempts").asInt() == 2 && state.equals("RUNNING")) {
                    pickedUp = (System.nanoTime() - killed) / 1e9;
                }
                finished += state.matches("SUCCEEDED|FAILED|CANCELLED") ? 1 : 0;
            }
            if (finished == jobs.size()) {
                break;
            }
            Thread.sleep(300);
        }
        assertThat(victim)
                .as("worker-1 ran a job long enough to be killed in the middle of it")
                .isNotNull();

        Map<String, String> modelOf = new HashMap<>();
        for (String id : jobs) {
            JsonNode job = api.http().getJson("/api/v1/jobs/" + id);
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
            assertThat(job.get("history")).as("all epochs of " + id).hasSize(8);
            modelOf.put(id, job.get("modelId").asText());
            System.out.printf(
                    "[cluster] job %s: ran on %s, attempts %d%n",
                    id, ranOn.get(id), job.get("attempts").asInt());
        }
        JsonNode victimJob = api.http().getJson("/api/v1/jobs/" + victim);
        assertThat(victimJob.get("attempts").asInt()).isEqualTo(2);
        assertThat(victimJob.get("node").asText()).isEqualTo("worker-2");
        assertThat(w2.log()).contains("job " + victim + " resumes after epoch");
        System.out.printf(
                "[cluster] the killed job was picked up by worker-2 %.1f s after the kill and resumed from "
                        + "its checkpoint in the bucket%n",
                pickedUp);

        Map<String, Integer> perWorker = new java.util.TreeMap<>();
        ranOn.values().forEach(nodes -> nodes.forEach(n -> perWorker.merge(n, 1, Integer::sum)));
        System.out.printf("[cluster] jobs each worker ran (the killed job counts for both): %s%n", perWorker);
        assertThat(perWorker.keySet())
                .as("both workers ran jobs; the api node none")
                .containsExactlyInAnyOrder("worker-1", "worker-2");
        assertThat(perWorker.get("worker-1"))
                .as("worker-1 finished a job before it was killed")
                .isGreaterThan(1);

        List<String> models = new ArrayList<>();
        api.http()
                .getJson("/api/v1/models")
                .forEach(m -> models.add(m.get("jobId").asText()));
        assertThat(models).as("one model per job, no duplicate").containsExactlyInAnyOrderElementsOf(jobs);

        // any node serves any model, loaded from the bucket; a deletion through the api node reaches worker-2
        String model = modelOf.get(victim);
        String row = "{\"rows\": [{"
                + java.util.stream.IntStream.range(0, 16)
                        .mapToObj(f -> "\"x" + f + "\": " + (f % 4 == 1 ? 1.0 : 0.0))
                        .collect(java.util.stream.Collectors.joining(", "))
                + "}]}";
        for (ServiceNode node : List.of(api, w2)) {
            JsonNode prediction = node.http()
                    .postJson("/api/v1/models/" + model + "/predictions", row)
                    .expect(200)
                    .json();
            assertThat(prediction.get("predictions").get(0).get("label").asText())
                    .as(node.name())
                    .isEqualTo("c1");
        }
        api.http().delete("/api/v1/models/" + model).expect(204);
        // worker-2 keeps a loaded model for neurona.prediction.recheck (1 s) without asking the database again
        long goneBy = System.nanoTime() + 3_000_000_000L;
        int status;
        do {
            status = w2.http()
                    .postJson("/api/v1/models/" + model + "/predictions", row)
                    .status();
        } while (status == 200 && System.nanoTime() < goneBy);
        assertThat(status)
                .as("worker-2 after the deletion through the api node")
                .isEqualTo(404);

        String metrics = w2.http().get("/actuator/prometheus").expect(200).body();
        assertThat(metrics).contains("node=\"worker-2\"");
        assertThat(value(metrics, "neurona_checkpoint_write_seconds_count"))
                .as("checkpoints written on worker-2")
                .isGreaterThan(0);
        assertThat(value(metrics, "neurona_job_duration_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "neurona_queue_depth")).isZero();
        System.out.printf(
                "[cluster] worker-2: %.0f checkpoints, mean %.1f ms; %.0f job runs%n",
                value(metrics, "neurona_checkpoint_write_seconds_count"),
                1000
                        * value(metrics, "neurona_checkpoint_write_seconds_sum")
                        / value(metrics, "neurona_checkpoint_write_seconds_count"),
                value(metrics, "neurona_job_duration_seconds_count"));
    }

    /** The sum of a metric's samples over all its label sets, from Prometheus' text format. */
    private static double value(String metrics, String name) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private ServiceNode node(String name, String role, Map<String, String> common) throws Exception {
        Map<String, String> settings = new HashMap<>(common);
        settings.put("neurona.role", role);
        settings.put("neurona.data-dir", dir.resolve(name).toString());
        return ServiceNode.start(name, dir, settings);
    }
}
