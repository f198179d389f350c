package dev.neurona.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import dev.neurona.training.EpochRecord;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The queries behind queue positions, the queue limits and the event poller, on the real migrations (H2). */
class JobRepositoryTest {

    private static final UUID TOKEN = UUID.randomUUID();

    private static final ModelSpec SPEC = new ModelSpec(
            List.of(new LayerSpec.Dense(3, "softmax", null, null, null, null)), null, null, 10, 8, null, null, 7L);

    private JdbcClient jdbc;
    private JobRepository jobs;

    @BeforeEach
    void database() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(data).load().migrate();
        jdbc = JdbcClient.create(data);
        jobs = new JobRepository(jdbc, JsonMapper.builder().build());
    }

    private UUID insert(String by) {
        UUID id = UUID.randomUUID();
        jobs.insert(id, UUID.randomUUID(), SPEC, null, by);
        return id;
    }

    private void setCreated(UUID id, String time) {
        jdbc.sql("UPDATE training_job SET created_at = CAST(:t AS TIMESTAMP WITH TIME ZONE) WHERE id = :id")
                .param("t", time)
                .param("id", id)
                .update();
    }

    @Test
    void queuePositionsCountTheQueuedJobsCreatedBefore() {
        UUID first = insert("a");
        UUID second = insert("a");
        UUID third = insert("b");
        UUID running = insert("b");
        setCreated(first, "2026-11-23 10:00:00+00");
        setCreated(second, "2026-11-23 10:00:01+00");
        setCreated(third, "2026-11-23 10:00:02+00");
        setCreated(running, "2026-11-23 09:00:00+00");
        assertThat(jobs.start(running, TOKEN, "node", "cpu()")).isEqualTo(1);

        assertThat(jobs.queuePosition(first, jobs.find(first).orElseThrow().createdAt()))
                .isEqualTo(1);
        assertThat(jobs.queuePosition(third, jobs.find(third).orElseThrow().createdAt()))
                .isEqualTo(3);
        assertThat(jobs.queuePositions())
                .hasSize(3)
                .containsEntry(first, 1)
                .containsEntry(second, 2)
                .containsEntry(third, 3);

        assertThat(jobs.cancelQueued(first)).isTrue();
        assertThat(jobs.queuePosition(third, jobs.find(third).orElseThrow().createdAt()))
                .isEqualTo(2);
        assertThat(jobs.queuePositions()).containsOnlyKeys(second, third).containsEntry(second, 1);
    }

    @Test
    void jobsCreatedTogetherStillHaveDistinctPositions() {
        UUID one = insert(null);
        UUID two = insert(null);
        setCreated(one, "2026-11-23 10:00:00+00");
        setCreated(two, "2026-11-23 10:00:00+00");
        int a = jobs.queuePosition(one, jobs.find(one).orElseThrow().createdAt());
        int b = jobs.queuePosition(two, jobs.find(two).orElseThrow().createdAt());
        assertThat(List.of(a, b)).containsExactlyInAnyOrder(1, 2);
        assertThat(jobs.queuePositions().get(one)).isEqualTo(a);
    }

    @Test
    void activeJobsAreCountedPerKey() {
        UUID queued = insert("key-1");
        UUID running = insert("key-1");
        UUID done = insert("key-1");
        insert("key-2");
        insert(null);
        jobs.start(running, TOKEN, "node", "cpu()");
        jobs.start(done, TOKEN, "node", "cpu()");
        jobs.finish(done, JobState.SUCCEEDED, null, UUID.randomUUID(), List.of());
        assertThat(jobs.countActiveBy("key-1")).isEqualTo(2);
        assertThat(jobs.countActiveBy("key-2")).isEqualTo(1);
        assertThat(jobs.countActiveBy("key-3")).isZero();
        assertThat(jobs.countByState(JobState.QUEUED)).isEqualTo(3);
        assertThat(queued).isNotNull();
    }

    @Test
    void theBatchPositionIsStoredWhileRunningOnly() {
        UUID id = insert(null);
        jobs.batchProgress(id, TOKEN, 1, 5, 20);
        assertThat(jobs.status(id).orElseThrow().batch()).as("not running yet").isZero();
        jobs.start(id, TOKEN, "node", "cpu()");
        jobs.batchProgress(id, TOKEN, 2, 5, 20);
        JobStatus status = jobs.status(id).orElseThrow();
        assertThat(status.state()).isEqualTo(JobState.RUNNING);
        assertThat(List.of(status.epoch(), status.batch(), status.totalBatches()))
                .containsExactly(2, 5, 20);
        assertThat(status.startEpoch()).isZero();
        assertThat(status.startedAt()).isNotNull();
        assertThat(status.totalEpochs()).isEqualTo(10);
        jobs.finish(id, JobState.CANCELLED, null, null, List.of());
        jobs.batchProgress(id, TOKEN, 3, 1, 20);
        assertThat(jobs.status(id).orElseThrow().epoch()).as("finished").isEqualTo(2);
        assertThat(jobs.find(id).orElseThrow().startEpoch()).isZero();
    }

    @Test
    void theStatusTellsWhenTheHistoryChanged() {
        UUID id = insert(null);
        jobs.start(id, TOKEN, "node", "cpu()");
        long empty = jobs.status(id).orElseThrow().historyChars();
        assertThat(empty).isEqualTo(2);
        EpochRecord one = new EpochRecord(1, 0.9, null, 0.5, null, null, null, null, 10, 100, 0.01);
        jobs.progress(id, TOKEN, 1, 20, 20, List.of(one));
        assertThat(jobs.status(id).orElseThrow().historyChars()).isGreaterThan(empty);
        assertThat(jobs.history(id)).containsExactly(one);
        assertThat(jobs.history(UUID.randomUUID())).isEmpty();
        assertThat(jobs.status(UUID.randomUUID())).isEmpty();
    }

    @Test
    void recentDurationsAreThoseOfSucceededJobsNewestFirst() {
        UUID old = insert(null);
        UUID recent = insert(null);
        UUID failed = insert(null);
        for (UUID id : List.of(old, recent, failed)) {
            jobs.start(id, TOKEN, "node", "cpu()");
        }
        jobs.finish(old, JobState.SUCCEEDED, null, UUID.randomUUID(), List.of());
        jobs.finish(recent, JobState.SUCCEEDED, null, UUID.randomUUID(), List.of());
        jobs.finish(failed, JobState.FAILED, "no", null, List.of());
        jdbc.sql(
                        """
                UPDATE training_job SET started_at = CAST('2026-11-23 10:00:00+00' AS TIMESTAMP WITH TIME ZONE),
                    finished_at = CAST('2026-11-23 10:01:00+00' AS TIMESTAMP WITH TIME ZONE) WHERE id = :id""")
                .param("id", old)
                .update();
        jdbc.sql(
                        """
                UPDATE training_job SET started_at = CAST('2026-11-23 11:00:00+00' AS TIMESTAMP WITH TIME ZONE),
                    finished_at = CAST('2026-11-23 11:00:30+00' AS TIMESTAMP WITH TIME ZONE) WHERE id = :id""")
                .param("id", recent)
                .update();
        assertThat(jobs.recentDurations(20)).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(jobs.recentDurations(1)).containsExactly(Duration.ofSeconds(30));
    }
}
