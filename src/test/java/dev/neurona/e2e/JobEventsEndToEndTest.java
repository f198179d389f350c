package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.Sse;
import dev.neurona.support.TestData;
import dev.neurona.support.TestKeys;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/jobs/{id}/events} over real HTTP: a real iris training followed live to its model, a late
 * subscriber, a reconnect with Last-Event-ID, cancelled jobs (queued and running), and the refusals.
 */
@ExtendWith(OutputCaptureExtension.class)
// often enough to see a short training move, and a heartbeat a test can wait for
@EndToEndTest(properties = {"neurona.jobs.sse-poll-interval=100ms", "neurona.jobs.sse-heartbeat=1s"})
class JobEventsEndToEndTest {

    static final Path IRIS = Path.of("../shared/data/tabular/iris.csv");
    static final Duration TRAINING = Duration.ofSeconds(120);
    static final Duration EVENT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private String iris() throws IOException {
        Assumptions.assumeTrue(Files.exists(IRIS), "../shared is absent: no " + IRIS.toAbsolutePath());
        Http.Response upload =
                http.upload("/api/v1/datasets", Map.of("labelColumn", "species"), "iris.csv", Files.readAllBytes(IRIS));
        assertThat(upload.status()).as("%s", upload).isEqualTo(201);
        return upload.json().get("id").asString();
    }

    @Test
    void aTrainingIsFollowedFromTheQueueToItsModel(CapturedOutput log) throws IOException {
        String jobId = http.submit(iris(), TestData.softmax3(6, 2));
        List<Sse.Event> events;
        try (Sse stream = Sse.open(port, "/api/v1/jobs/" + jobId + "/events")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            events = stream.rest(TRAINING);
        }
        List<String> names = events.stream().map(Sse.Event::name).toList();
        assertThat(names).as("events").containsAnyOf("queued", "progress");
        assertThat(names.get(names.size() - 1)).as("last of %s", names).isEqualTo("succeeded");
        assertThat(names)
                .filteredOn(n -> List.of("succeeded", "failed", "cancelled").contains(n))
                .hasSize(1);

        List<Integer> epochs = new ArrayList<>();
        double percent = 0;
        int lastProgressEpoch = 0;
        for (Sse.Event e : events) {
            JsonNode data = e.json();
            switch (e.name()) {
                case "queued" -> {
                    assertThat(epochs).as("queued before any epoch").isEmpty();
                    assertThat(data.get("position").asInt()).isPositive();
                    assertThat(data.get("queuedAhead").asInt())
                            .isEqualTo(data.get("position").asInt() - 1);
                }
                case "epoch" -> {
                    epochs.add(data.get("epoch").asInt());
                    assertThat(e.id())
                            .isEqualTo(String.valueOf(data.get("epoch").asInt()));
                    assertThat(data.get("loss").asDouble()).isPositive();
                    assertThat(data.has("valAccuracy")).isTrue();
                }
                case "progress" -> {
                    assertThat(data.get("percent").asDouble())
                            .as("percent never goes back")
                            .isGreaterThanOrEqualTo(percent)
                            .isBetween(0.0, 100.0);
                    percent = data.get("percent").asDouble();
                    assertThat(data.get("totalEpochs").asInt()).isEqualTo(6);
                    assertThat(data.get("totalBatches").asInt()).isIn(0, 54);
                    // an epoch's event comes before the progress of the next epoch
                    assertThat(data.get("epoch").asInt())
                            .isGreaterThanOrEqualTo(lastProgressEpoch)
                            .isLessThanOrEqualTo(epochs.size() + 1);
                    lastProgressEpoch = data.get("epoch").asInt();
                }
                default -> {}
            }
        }
        assertThat(epochs).as("one epoch event per epoch, in order").containsExactly(1, 2, 3, 4, 5, 6);

        JsonNode job = http.job(jobId);
        assertThat(events.get(events.size() - 1).json().get("modelId").asString())
                .isEqualTo(job.get("modelId").asString());
        assertThat(job.get("percentDone").asDouble()).isEqualTo(100.0);
        assertThat(job.get("etaSeconds").isNull()).isTrue();
        assertThat(job.get("queuePosition").isNull()).isTrue();
        assertThat(job.get("startEpoch").asInt()).isZero();

        // a late subscriber: the final event at once, and the stream ends
        long start = System.nanoTime();
        try (Sse late = Sse.open(port, "/api/v1/jobs/" + jobId + "/events")) {
            List<Sse.Event> after = late.rest(Duration.ofSeconds(5));
            assertThat(after).extracting(Sse.Event::name).containsExactly("succeeded");
            assertThat(after.get(0).json().get("modelId").asString())
                    .isEqualTo(job.get("modelId").asString());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        // the end of a stream is an async dispatch: neither security nor the problem handler may answer it
        Http.pause(500);
        assertThat(log.getOut()).doesNotContain("Access Denied", "response is already committed", "unexpected error");
    }

    @Test
    void runningAndQueuedJobsEndWithCancelledAndAReconnectSkipsTheEpochsItHas(CapturedOutput log) throws IOException {
        String dataset = iris();
        String running = http.submit(dataset, TestData.softmax3(2000, 1));
        String queued = null;
        try {
            queued = http.submit(dataset, TestData.softmax3(2000, 1));
            http.awaitRunning(TRAINING, running);
            JsonNode job = http.awaitJob(
                    running,
                    TRAINING,
                    j -> j.get("history").size() >= 3 && !j.get("etaSeconds").isNull(),
                    "3 epochs done, with an ETA");
            assertThat(job.get("percentDone").asDouble()).isGreaterThan(0).isLessThan(100);
            assertThat(job.get("etaSeconds").asLong()).isPositive();
            assertThat(job.get("queuePosition").isNull()).isTrue();
            JsonNode waiting = http.job(queued);
            assertThat(waiting.get("state").asString()).isEqualTo("QUEUED");
            assertThat(waiting.get("queuePosition").asInt()).isEqualTo(1);
            assertThat(waiting.get("percentDone").asDouble()).isZero();
            JsonNode listed = http.get("/api/v1/jobs?limit=10").json();
            for (JsonNode j : listed) {
                if (j.get("id").asString().equals(queued)) {
                    assertThat(j.get("queuePosition").asInt()).isEqualTo(1);
                }
            }

            // a reconnect after epoch 2: the finished epochs from 3 on, then progress
            try (Sse stream = Sse.open(
                    port, TestKeys.ADMIN, "/api/v1/jobs/" + running + "/events", Map.of("Last-Event-ID", "2"))) {
                Sse.Event first = stream.next(EVENT);
                assertThat(first.name()).isEqualTo("epoch");
                assertThat(first.json().get("epoch").asInt()).isEqualTo(3);
                Sse.Event progress = first;
                while (!"progress".equals(progress.name())) {
                    progress = stream.next(EVENT);
                }
                assertThat(progress.json().get("etaSeconds").asLong()).isPositive();

                // a client that leaves is noticed at the next write and forgotten
                assertThat(openStreams()).isEqualTo(1);
                try (Sse leaving = Sse.open(port, "/api/v1/jobs/" + running + "/events")) {
                    assertThat(leaving.next(EVENT)).isNotNull();
                    assertThat(openStreams()).isEqualTo(2);
                }
                long gone = System.nanoTime() + EVENT.toNanos();
                while (openStreams() != 1 && System.nanoTime() < gone) {
                    Http.pause(100);
                }
                assertThat(openStreams()).as("streams after one client left").isEqualTo(1);

                // the queued job: its position, heartbeats while it waits, then cancelled at once
                try (Sse waitingStream = Sse.open(port, "/api/v1/jobs/" + queued + "/events")) {
                    Sse.Event position = waitingStream.next(EVENT);
                    assertThat(position.name()).isEqualTo("queued");
                    assertThat(position.json().get("position").asInt()).isEqualTo(1);
                    assertThat(position.json().get("queuedAhead").asInt()).isZero();
                    long deadline = System.nanoTime() + EVENT.toNanos();
                    while (waitingStream.comments() == 0 && System.nanoTime() < deadline) {
                        Http.pause(100);
                    }
                    assertThat(waitingStream.comments()).as("heartbeats").isPositive();
                    assertThat(http.cancel(queued).status()).isEqualTo(200);
                    assertThat(waitingStream.rest(EVENT))
                            .extracting(Sse.Event::name)
                            .containsExactly("cancelled");
                }

                assertThat(http.cancel(running).status()).isEqualTo(200);
                List<Sse.Event> rest = stream.rest(EVENT);
                assertThat(rest).isNotEmpty();
                assertThat(rest.get(rest.size() - 1).name()).isEqualTo("cancelled");
                assertThat(rest.get(rest.size() - 1).data()).isEqualTo("{}");
            }
            assertThat(http.awaitState(running, "CANCELLED", TRAINING)
                            .get("etaSeconds")
                            .isNull())
                    .isTrue();
            Http.pause(500);
            assertThat(log.getOut())
                    .doesNotContain("Access Denied", "response is already committed", "unexpected error");
        } finally {
            cancelQuietly(running);
            cancelQuietly(queued);
        }
    }

    @Test
    void unknownJobsForbiddenRolesAndTheApiDescription() {
        Http.Response unknown =
                Sse.open(port, "/api/v1/jobs/" + UUID.randomUUID() + "/events").asResponse(EVENT);
        assertThat(Problems.problem(unknown, 404).get("type").asString()).endsWith("/not-found");

        Http.Response predictor = Sse.open(
                        port, http.createKey("predictor"), "/api/v1/jobs/" + UUID.randomUUID() + "/events", Map.of())
                .asResponse(EVENT);
        Problems.problem(predictor, 403);
        Http.Response anonymous = Sse.open(port, null, "/api/v1/jobs/" + UUID.randomUUID() + "/events", Map.of())
                .asResponse(EVENT);
        Problems.problem(anonymous, 401);

        JsonNode events = http.get("/v3/api-docs")
                .json()
                .get("paths")
                .get("/api/v1/jobs/{id}/events")
                .get("get");
        assertThat(events.get("description").asString())
                .contains("`progress`", "`epoch`", "`succeeded`", "Last-Event-ID");
        assertThat(events.get("responses").get("200").get("content").has("text/event-stream"))
                .isTrue();
        assertThat(events.get("responses").get("503").get("headers").has("Retry-After"))
                .isTrue();
        assertThat(events.get("responses").get("404").get("content").has("application/problem+json"))
                .isTrue();
        JsonNode schemas = http.get("/v3/api-docs").json().get("components").get("schemas");
        assertThat(schemas.has("JobProgressEvent")).isTrue();
        assertThat(schemas.get("JobView").get("properties").has("percentDone")).isTrue();
    }

    /** The gauge of open event streams on this node. */
    private int openStreams() {
        Http.Response r = http.get("/actuator/metrics/neurona.jobs.event.streams");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("measurements").get(0).get("value").asInt();
    }

    private void cancelQuietly(String jobId) {
        if (jobId != null && !Http.isTerminal(http.job(jobId).get("state").asString())) {
            http.cancel(jobId);
        }
    }
}
