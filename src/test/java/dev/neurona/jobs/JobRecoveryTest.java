package dev.neurona.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.Task;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.SpecValidator;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What happens when a job is started again because the process running it died: the attempts are counted and
 * bounded, and a run that lost the job to a newer run can no longer write its progress or outcome.
 */
@SpringBootTest(properties = {"neurona.role=api", "neurona.recovery.max-attempts=2"})
class JobRecoveryTest {

    @Autowired
    JobRepository jobs;

    @Autowired
    JobExecution execution;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("neurona.data-dir", Files.createTempDirectory("neurona-recovery-")::toString);
    }

    private UUID queuedJob() {
        ModelSpec spec = SpecValidator.resolve(
                JsonMapper.builder()
                        .build()
                        .readValue(
                                """
                {"layers": [{"type": "dense", "units": 3, "activation": "softmax"}], "epochs": 2}""",
                                ModelSpec.class),
                new DataShape(4, Task.CLASSIFICATION, List.of("a", "b", "c"), 150));
        UUID id = UUID.randomUUID();
        jobs.insert(id, UUID.randomUUID(), spec, null, null);
        return id;
    }

    @Test
    void aJobWhoseProcessDiedMoreOftenThanAllowedFailsWithTheReasonInsteadOfRunningAgain() {
        UUID id = queuedJob();
        // two runs that started and never reported back: their processes died
        assertThat(jobs.start(id, UUID.randomUUID(), "node-a", "cpu()")).isEqualTo(1);
        assertThat(jobs.start(id, UUID.randomUUID(), "node-b", "cpu()")).isEqualTo(2);
        double crashedBefore = crashed();

        execution.run(id);

        JobView job = jobs.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).isEqualTo(3);
        assertThat(job.failureReason()).contains("stopped 2 times").contains("neurona.recovery.max-attempts=2");
        assertThat(crashed()).isEqualTo(crashedBefore + 1);
    }

    @Test
    void aRunThatLostItsJobToANewerRunCannotWriteProgressOrOutcome() {
        UUID id = queuedJob();
        UUID presumedDead = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        jobs.start(id, presumedDead, "node-a", "cpu()");
        jobs.start(id, newer, "node-b", "cpu()");

        assertThat(jobs.progress(id, presumedDead, 1, 0, 0, List.of())).isFalse();
        assertThat(jobs.finish(id, presumedDead, JobState.SUCCEEDED, null, UUID.randomUUID(), List.of()))
                .isFalse();
        JobView job = jobs.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.node()).isEqualTo("node-b");
        assertThat(job.modelId()).isNull();

        assertThat(jobs.progress(id, newer, 1, 0, 0, List.of())).isTrue();
        assertThat(jobs.finish(id, newer, JobState.CANCELLED, null, null, List.of()))
                .isTrue();
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void aCancelledJobIsNotStartedAgain() {
        UUID id = queuedJob();
        jobs.cancelQueued(id);
        assertThat(jobs.start(id, UUID.randomUUID(), "node-a", "cpu()")).isZero();
        assertThat(jobs.find(id).orElseThrow().attempts()).isZero();
    }

    private double crashed() {
        var counter =
                meters.find("neurona.job.failures").tag("reason", "crashed").counter();
        return counter == null ? 0 : counter.count();
    }
}
