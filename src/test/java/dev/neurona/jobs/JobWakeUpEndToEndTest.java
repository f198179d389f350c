package dev.neurona.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jobrunr.server.BackgroundJobServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A job submitted to an idle node starts at once rather than at JobRunr's next poll. What is asserted is the
 * mechanism (each submission woke the job server); the submit-to-start times are printed, never asserted. Run with
 * {@code -Dneurona.jobs.wake-on-submit=false} for the figures without the wake-up.
 */
@EndToEndTest
class JobWakeUpEndToEndTest {

    private static final int JOBS = 10;

    @LocalServerPort
    int port;

    @Autowired
    JobWakeUp wakeUp;

    @Autowired
    dev.neurona.platform.NeuronaProperties properties;

    @Autowired
    BackgroundJobServer server;

    @Test
    void aJobSubmittedToAnIdleNodeWakesItsJobServer() {
        Http http = new Http(port);
        String dataset = http.dataset(TestData.blobs(20, 3), Map.of("name", "blobs"))
                .get("id")
                .asString();
        String spec = TestData.softmax3(1, 16);
        long before = wakeUp.wakeUps();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            // one after the other, so that the node is idle at every submission
            awaitIdle();
            JsonNode job = http.awaitState(http.submit(dataset, spec), "SUCCEEDED", Duration.ofSeconds(60));
            Instant created = Instant.parse(job.get("createdAt").asString());
            Instant started = Instant.parse(job.get("startedAt").asString());
            waits.add(Duration.between(created, started).toMillis());
        }
        List<Long> sorted = waits.stream().sorted().toList();
        System.out.printf(
                Locale.ROOT,
                "[job-start] wake-on-submit=%s jobs=%d submit-to-running ms: p50=%d max=%d all=%s%n",
                properties.jobs().wakeOnSubmit(),
                JOBS,
                sorted.get(JOBS / 2),
                sorted.get(JOBS - 1),
                waits);
        if (properties.jobs().wakeOnSubmit()) {
            assertThat(wakeUp.wakeUps() - before).isEqualTo(JOBS);
        } else {
            assertThat(wakeUp.wakeUps()).isEqualTo(before);
        }
    }

    /** Our job row says SUCCEEDED a moment before JobRunr's worker is handed back. */
    private void awaitIdle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.getJobSteward().getOccupiedWorkerCount() > 0) {
            assertThat(System.nanoTime()).as("the job server stays busy").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
