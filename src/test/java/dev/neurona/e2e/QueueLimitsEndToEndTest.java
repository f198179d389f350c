package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.Sse;
import dev.neurona.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code neurona.jobs.max-queued} and {@code max-queued-per-key} over HTTP: a long job holds the one worker, so the
 * jobs behind it stay queued; the submit past a limit is refused with 429 or 503, problem+json naming the setting,
 * and Retry-After. Dry runs are never limited; replays are. Event streams have their own cap and timeout.
 */
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest(
        properties = {
            "neurona.jobs.max-queued=2",
            "neurona.jobs.max-queued-per-key=3",
            "neurona.jobs.sse-max-subscribers=2",
            "neurona.jobs.sse-timeout=3s"
        })
class QueueLimitsEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(120);
    static final Duration EVENT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Test
    void submitsPastALimitAreRefusedWithRetryAfterAndDryRunsAreNot(CapturedOutput log) {
        Http admin = new Http(port);
        String dataset =
                admin.dataset(TestData.blobs(20, 3), Map.of()).get("id").asString();
        String model = admin.awaitState(admin.submit(dataset, TestData.softmax3(3, 16)), "SUCCEEDED", TRAINING)
                .get("modelId")
                .asString();

        Http first = new Http(port, admin.createKey("trainer"));
        Http second = new Http(port, admin.createKey("trainer"));
        String spec = TestData.softmax3(5000, 1);
        List<String> jobs = new ArrayList<>();
        try {
            jobs.add(first.submit(dataset, spec));
            first.awaitRunning(TRAINING, jobs.get(0));
            jobs.add(first.submit(dataset, spec));
            jobs.add(first.submit(dataset, spec));
            assertThat(first.job(jobs.get(1)).get("queuePosition").asInt()).isEqualTo(1);
            assertThat(first.job(jobs.get(2)).get("queuePosition").asInt()).isEqualTo(2);

            // the first key has 3 jobs queued or running: its own limit, whatever the queue
            Refusal perKey = submit(first.key(), dataset, spec);
            JsonNode problem = Problems.problem(perKey.response(), 429);
            assertThat(problem.get("type").asString()).endsWith("/too-many-jobs");
            assertThat(problem.get("setting").asString()).isEqualTo("neurona.jobs.max-queued-per-key");
            assertThat(problem.get("limit").asInt()).isEqualTo(3);
            assertThat(problem.get("current").asInt()).isEqualTo(3);
            assertThat(problem.get("detail").asString()).contains("neurona.jobs.max-queued-per-key");
            assertThat(perKey.retryAfter()).isBetween(5L, 3600L);
            assertThat(first.dryRun(dataset, spec).get("totalParameters").asLong())
                    .isPositive();

            // the second key is within its own limit, but 2 jobs are queued: the queue is full
            Refusal full = submit(second.key(), dataset, spec);
            problem = Problems.problem(full.response(), 503);
            assertThat(problem.get("type").asString()).endsWith("/queue-full");
            assertThat(problem.get("setting").asString()).isEqualTo("neurona.jobs.max-queued");
            assertThat(problem.get("limit").asInt()).isEqualTo(2);
            assertThat(problem.get("current").asInt()).isEqualTo(2);
            assertThat(problem.get("detail").asString()).contains("neurona.jobs.max-queued");
            assertThat(full.retryAfter()).isBetween(5L, 3600L);
            assertThat(second.dryRun(dataset, spec).get("layers")).hasSize(2);
            Problems.problem(admin.post("/api/v1/models/" + model + "/replay", null, new byte[0]), 503);
            assertThat(second.jobsOn(dataset)).hasSize(4);

            // at most 2 event streams on this node; the server ends each after sse-timeout, without a final event
            try (Sse waiting = Sse.open(port, first.key(), "/api/v1/jobs/" + jobs.get(2) + "/events", Map.of());
                    Sse training = Sse.open(port, "/api/v1/jobs/" + jobs.get(0) + "/events")) {
                Sse.Event position = waiting.next(EVENT);
                assertThat(position.name()).isEqualTo("queued");
                assertThat(position.json().get("position").asInt()).isEqualTo(2);
                assertThat(training.next(EVENT).name()).isIn("epoch", "progress");
                Sse third = Sse.open(port, "/api/v1/jobs/" + jobs.get(1) + "/events");
                assertThat(third.header("Retry-After")).isEqualTo("30");
                problem = Problems.problem(third.asResponse(EVENT), 503);
                assertThat(problem.get("type").asString()).endsWith("/too-many-subscribers");
                assertThat(problem.get("setting").asString()).isEqualTo("neurona.jobs.sse-max-subscribers");
                assertThat(problem.get("current").asInt()).isEqualTo(2);
                assertThat(waiting.rest(EVENT))
                        .as("nothing new, then the timeout")
                        .isEmpty();
                assertThat(training.rest(EVENT))
                        .extracting(Sse.Event::name)
                        .doesNotContain("succeeded", "failed", "cancelled");
            }
            try (Sse again = Sse.open(port, "/api/v1/jobs/" + jobs.get(1) + "/events")) {
                assertThat(again.next(EVENT).name())
                        .as("room again after the timeouts")
                        .isEqualTo("queued");
            }
            assertThat(log.getOut())
                    .doesNotContain(
                            "Access Denied",
                            "response is already committed",
                            "unexpected error",
                            "AsyncRequestTimeoutException");

            // a place frees up: the second key may queue again
            assertThat(first.cancel(jobs.get(1)).status()).isEqualTo(200);
            jobs.add(second.submit(dataset, spec));
            assertThat(second.job(jobs.get(3)).get("queuePosition").asInt()).isEqualTo(2);
        } finally {
            for (String job : jobs) {
                if (!Http.isTerminal(admin.job(job).get("state").asString())) {
                    admin.cancel(job);
                }
            }
        }
    }

    /** A refused submit, with the Retry-After header Http.Response does not keep. */
    private record Refusal(Http.Response response, long retryAfter) {}

    private Refusal submit(String key, String dataset, String spec) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"datasetId\":\"" + dataset + "\",\"spec\":" + spec + "}"))
                .build();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            String retryAfter = r.headers().firstValue("Retry-After").orElse("missing");
            assertThat(retryAfter).as("Retry-After").matches("\\d+");
            return new Refusal(
                    new Http.Response(
                            r.statusCode(),
                            r.headers().firstValue("Content-Type").orElse(""),
                            null,
                            r.body()),
                    Long.parseLong(retryAfter));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
