package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.Sse;
import dev.neurona.support.TestData;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Tuning runs' event streams share the fan-out of jobs' streams: they get heartbeats, and one cap counts the streams
 * of jobs and tuning runs together. An api node never trains, so the run stays running with its trials queued for as
 * long as the test needs.
 */
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest(properties = {"neurona.role=api", "neurona.jobs.sse-max-subscribers=2", "neurona.jobs.sse-heartbeat=1s"})
class TuningEventsEndToEndTest {

    static final Duration EVENT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Test
    void tuningStreamsGetHeartbeatsAndCountTowardsTheOneCap(CapturedOutput log) {
        Http http = new Http(port);
        String dataset = http.dataset(TestData.blobs(20, 3), Map.of("name", "tuning-events"))
                .get("id")
                .asString();
        String id = start(http, dataset);
        String trialJob = http.get("/api/v1/tuning/" + id)
                .json()
                .get("leaderboard")
                .get(0)
                .get("jobId")
                .asString();
        String cancelled = start(http, dataset);
        assertThat(cancel(http, cancelled).status()).isEqualTo(200);

        try (Sse tuning = Sse.open(port, "/api/v1/tuning/" + id + "/events");
                Sse job = Sse.open(port, "/api/v1/jobs/" + trialJob + "/events")) {
            assertThat(tuning.status()).isEqualTo(200);
            assertThat(tuning.next(EVENT).name()).isEqualTo("progress");
            assertThat(job.next(EVENT).name()).isEqualTo("queued");
            await(tuning::comments, "heartbeats on the tuning stream");
            assertThat(gauge(http, "tuning")).isEqualTo(1);
            assertThat(gauge(http, "jobs")).isEqualTo(1);

            // a job stream and a tuning stream fill the node's two places: a second tuning stream is refused
            Sse refused = Sse.open(port, "/api/v1/tuning/" + id + "/events");
            assertThat(refused.header("Retry-After")).isEqualTo("30");
            JsonNode problem = Problems.problem(refused.asResponse(EVENT), 503);
            assertThat(problem.get("type").asString()).endsWith("/too-many-subscribers");
            assertThat(problem.get("setting").asString()).isEqualTo("neurona.jobs.sse-max-subscribers");
            assertThat(problem.get("current").asInt()).isEqualTo(2);
            assertThat(problem.get("detail").asString()).contains("/api/v1/tuning/" + id);

            // a finished run's stream ends at once, without taking a place
            try (Sse done = Sse.open(port, "/api/v1/tuning/" + cancelled + "/events")) {
                assertThat(done.status()).isEqualTo(200);
                assertThat(done.rest(EVENT)).extracting(Sse.Event::name).endsWith("cancelled");
            }

            // the client leaves: a failed heartbeat frees its place, and a new tuning stream gets it
            tuning.close();
            await(() -> 1 - gauge(http, "tuning"), "the place of the closed stream freed");
            try (Sse again = Sse.open(port, "/api/v1/tuning/" + id + "/events")) {
                assertThat(again.status()).isEqualTo(200);
                assertThat(again.next(EVENT).name()).isEqualTo("progress");
                assertThat(cancel(http, id).status()).isEqualTo(200);
                assertThat(again.rest(EVENT)).extracting(Sse.Event::name).endsWith("cancelled");
                assertThat(job.rest(EVENT)).extracting(Sse.Event::name).endsWith("cancelled");
            }
        }
        await(() -> gauge(http, "tuning") + gauge(http, "jobs") == 0 ? 1 : 0, "every stream closed");
        assertThat(log.getOut())
                .doesNotContain("response is already committed", "unexpected error", "AsyncRequestTimeoutException");
    }

    /** A grid search of three trials, two at a time: on an api node it stays running, its trials queued. */
    private static String start(Http http, String dataset) {
        Http.Response started = http.postJson(
                "/api/v1/tuning",
                """
                {"datasetId": "%s",
                 "spec": {"layers": [{"type": "dense", "units": 8, "activation": "relu"},
                                     {"type": "dense", "units": 3, "activation": "softmax"}],
                          "epochs": 3, "batchSize": 16, "validationSplit": 0.25, "seed": 4},
                 "space": {"layers[0].units": {"type": "choice", "values": [4, 8, 16]}},
                 "strategy": "grid", "parallelTrials": 2}"""
                        .formatted(dataset));
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.json().get("state").asString()).isEqualTo("RUNNING");
        return started.json().get("id").asString();
    }

    private static Http.Response cancel(Http http, String run) {
        return http.post("/api/v1/tuning/" + run + "/cancel", null, new byte[0]);
    }

    /** The gauge of open event streams of one kind on this node. */
    private static int gauge(Http http, String kind) {
        Http.Response r = http.get("/actuator/metrics/neurona." + kind + ".event.streams");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("measurements").get(0).get("value").asInt();
    }

    private static void await(IntSupplier positive, String what) {
        long deadline = System.nanoTime() + EVENT.toNanos();
        while (positive.getAsInt() <= 0) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Http.pause(100);
        }
    }
}
