package dev.neurona.jobs;

import dev.neurona.model.RegisterAs;
import dev.neurona.spec.ModelSpec;
import dev.neurona.training.EpochRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Job status is kept here, not in JobRunr: this table is the source of truth the API reads. */
@Repository
class JobRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JobRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID id, UUID datasetId, ModelSpec spec, UUID replayOf, String submittedBy) {
        insert(id, datasetId, spec, replayOf, null, submittedBy);
    }

    void insert(UUID id, UUID datasetId, ModelSpec spec, UUID replayOf, RegisterAs register, String submittedBy) {
        jdbc.sql(
                        """
                INSERT INTO training_job (id, dataset_id, state, spec_json, total_epochs, history_json, created_at,
                                          replay_of, submitted_by, register_json)
                VALUES (:id, :dataset, 'QUEUED', :spec, :epochs, '[]', :created, :replayOf, :by, :register)""")
                .param("register", register == null ? null : json.writeValueAsString(register))
                .param("id", id)
                .param("dataset", datasetId)
                .param("spec", json.writeValueAsString(spec))
                .param("epochs", spec.epochs())
                .param("created", now())
                .param("replayOf", replayOf)
                .param("by", submittedBy)
                .update();
    }

    /** The registered model the job's model becomes a version of, when its submission named one. */
    Optional<RegisterAs> registerAs(UUID id) {
        return jdbc.sql("SELECT register_json FROM training_job WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(text -> text)
                .map(text -> json.readValue(text, RegisterAs.class));
    }

    Optional<JobView> find(UUID id) {
        return jdbc.sql("SELECT * FROM training_job WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The id of the API key that submitted the job; empty for an unknown job or one submitted without a key. */
    Optional<String> submittedBy(UUID id) {
        return jdbc.sql("SELECT submitted_by FROM training_job WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(by -> by);
    }

    /** The jobs of these ids that exist, in one query. */
    List<JobView> findAll(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM training_job WHERE id IN (:ids)")
                .param("ids", ids)
                .query(this::map)
                .list();
    }

    List<JobView> list(int offset, int limit) {
        return jdbc.sql("SELECT * FROM training_job ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(this::map)
                .list();
    }

    /**
     * QUEUED → RUNNING, or a RUNNING job picked up again after its process died. Counts the attempt and hands the job
     * to this run: {@code token} identifies it, and the writes below only land while it still owns the job.
     *
     * @return the attempt number (1 for the first start), or 0 when the job was cancelled or has finished
     */
    int start(UUID id, UUID token, String node, String device) {
        int updated = jdbc.sql(
                        """
                UPDATE training_job SET state = 'RUNNING', started_at = :now, epoch = 0, batch = 0, start_epoch = 0,
                    history_json = '[]', attempts = attempts + 1, run_token = :token, node = :node, device = :device
                WHERE id = :id AND state IN ('QUEUED', 'RUNNING') AND cancel_requested = FALSE""")
                .param("id", id)
                .param("now", now())
                .param("token", token)
                .param("node", node)
                .param("device", device)
                .update();
        if (updated != 1) {
            return 0;
        }
        return jdbc.sql("SELECT attempts FROM training_job WHERE id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    /** False when another run has taken the job over (this one was presumed dead): it must stop writing. */
    boolean progress(UUID id, UUID token, int epoch, int batch, int totalBatches, List<EpochRecord> history) {
        return jdbc.sql(
                                """
                UPDATE training_job SET epoch = :epoch, batch = :batch, total_batches = :total, history_json = :h
                WHERE id = :id AND run_token = :token AND state = 'RUNNING'""")
                        .param("id", id)
                        .param("token", token)
                        .param("epoch", epoch)
                        .param("batch", batch)
                        .param("total", totalBatches)
                        .param("h", json.writeValueAsString(history))
                        .update()
                == 1;
    }

    /**
     * A run that resumed from the checkpoint taken after {@code epoch}: the history so far, and where this run's
     * progress started (the ETA counts only what it has done since). False when another run owns the job.
     */
    boolean resumed(UUID id, UUID token, int epoch, List<EpochRecord> history) {
        return jdbc.sql(
                                """
                UPDATE training_job SET epoch = :epoch, batch = 0, start_epoch = :epoch, history_json = :h
                WHERE id = :id AND run_token = :token AND state = 'RUNNING'""")
                        .param("id", id)
                        .param("token", token)
                        .param("epoch", epoch)
                        .param("h", json.writeValueAsString(history))
                        .update()
                == 1;
    }

    /** The batch position in the running epoch, so another node can show it; the runner calls it once a second. */
    void batchProgress(UUID id, UUID token, int epoch, int batch, int totalBatches) {
        jdbc.sql(
                        """
                UPDATE training_job SET epoch = :epoch, batch = :batch, total_batches = :total
                WHERE id = :id AND run_token = :token AND state = 'RUNNING'""")
                .param("id", id)
                .param("token", token)
                .param("epoch", epoch)
                .param("batch", batch)
                .param("total", totalBatches)
                .update();
    }

    Optional<JobStatus> status(UUID id) {
        return jdbc.sql(
                        """
                SELECT id, state, epoch, total_epochs, batch, total_batches, start_epoch, model_id, failure_reason,
                       created_at, started_at, LENGTH(history_json) AS history_chars
                FROM training_job WHERE id = :id""")
                .param("id", id)
                .query((rs, row) -> new JobStatus(
                        rs.getObject("id", UUID.class),
                        JobState.valueOf(rs.getString("state")),
                        rs.getInt("epoch"),
                        rs.getInt("total_epochs"),
                        rs.getInt("batch"),
                        rs.getInt("total_batches"),
                        rs.getInt("start_epoch"),
                        rs.getObject("model_id", UUID.class),
                        rs.getString("failure_reason"),
                        instant(rs, "created_at"),
                        instant(rs, "started_at"),
                        rs.getLong("history_chars")))
                .optional();
    }

    List<EpochRecord> history(UUID id) {
        return jdbc.sql("SELECT history_json FROM training_job WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .map(h -> json.readValue(h, new TypeReference<List<EpochRecord>>() {}))
                .orElse(List.of());
    }

    /** 1-based: the queued jobs created before this one (ties broken by id, as JobRunr would not), plus one. */
    int queuePosition(UUID id, Instant createdAt) {
        return jdbc.sql(
                                """
                SELECT COUNT(*) FROM training_job
                WHERE state = 'QUEUED' AND (created_at < :created OR (created_at = :created AND id < :id))""")
                        .param("id", id)
                        .param("created", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                        .query(Integer.class)
                        .single()
                + 1;
    }

    /** The queue position of every queued job, in one query for a list of jobs. */
    Map<UUID, Integer> queuePositions() {
        List<UUID> queued = jdbc.sql("SELECT id FROM training_job WHERE state = 'QUEUED' ORDER BY created_at, id")
                .query(UUID.class)
                .list();
        Map<UUID, Integer> positions = new HashMap<>();
        for (int i = 0; i < queued.size(); i++) {
            positions.put(queued.get(i), i + 1);
        }
        return positions;
    }

    /** Queued or running jobs submitted with this API key. */
    long countActiveBy(String submittedBy) {
        return jdbc.sql(
                        """
                SELECT COUNT(*) FROM training_job WHERE submitted_by = :by AND state IN ('QUEUED', 'RUNNING')""")
                .param("by", submittedBy)
                .query(Long.class)
                .single();
    }

    /** Wall time from start to end of the most recently finished successful jobs, newest first. */
    List<Duration> recentDurations(int limit) {
        return jdbc.sql(
                        """
                SELECT started_at, finished_at FROM training_job
                WHERE state = 'SUCCEEDED' AND started_at IS NOT NULL AND finished_at IS NOT NULL
                ORDER BY finished_at DESC LIMIT :limit""")
                .param("limit", limit)
                .query((rs, row) -> Duration.between(instant(rs, "started_at"), instant(rs, "finished_at")))
                .list();
    }

    boolean cancelRequested(UUID id) {
        return jdbc.sql("SELECT cancel_requested FROM training_job WHERE id = :id")
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    /** A queued job is cancelled at once; a running one is flagged and stops at its next batch. */
    boolean cancelQueued(UUID id) {
        return jdbc.sql(
                                """
                UPDATE training_job SET state = 'CANCELLED', cancel_requested = TRUE, finished_at = :now
                WHERE id = :id AND state = 'QUEUED'""")
                        .param("id", id)
                        .param("now", now())
                        .update()
                == 1;
    }

    boolean requestCancel(UUID id) {
        return jdbc.sql("UPDATE training_job SET cancel_requested = TRUE WHERE id = :id AND state = 'RUNNING'")
                        .param("id", id)
                        .update()
                == 1;
    }

    void finish(UUID id, JobState state, String reason, UUID modelId, List<EpochRecord> history) {
        finish(id, null, state, reason, modelId, history);
    }

    /** Records the outcome; with a token, only while that run owns the job (false otherwise). */
    boolean finish(UUID id, UUID token, JobState state, String reason, UUID modelId, List<EpochRecord> history) {
        String owned = token == null ? "" : " AND run_token = :token";
        var statement = jdbc.sql(
                """
                UPDATE training_job SET state = :state, failure_reason = :reason, model_id = :model,
                    history_json = :h, finished_at = :now
                WHERE id = :id"""
                        + owned);
        if (token != null) {
            statement = statement.param("token", token);
        }
        return statement
                        .param("id", id)
                        .param("state", state.name())
                        .param("reason", reason(reason))
                        .param("model", modelId)
                        .param("h", json.writeValueAsString(history))
                        .param("now", now())
                        .update()
                == 1;
    }

    long countByState(JobState state) {
        return jdbc.sql("SELECT COUNT(*) FROM training_job WHERE state = :state")
                .param("state", state.name())
                .query(Long.class)
                .single();
    }

    long countActiveForDataset(UUID datasetId) {
        return jdbc.sql(
                        """
                SELECT COUNT(*) FROM training_job WHERE dataset_id = :d AND state IN ('QUEUED', 'RUNNING')""")
                .param("d", datasetId)
                .query(Long.class)
                .single();
    }

    /**
     * Fits the column; a failure reason may quote user input, and PostgreSQL cannot store NUL in text where H2
     * can, so a NUL becomes U+FFFD rather than losing the whole outcome.
     */
    private static String reason(String reason) {
        return reason == null
                ? null
                : reason.substring(0, Math.min(reason.length(), 2000)).replace('\0', '\uFFFD');
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private JobView map(ResultSet rs, int row) throws SQLException {
        return new JobView(
                rs.getObject("id", UUID.class),
                rs.getObject("dataset_id", UUID.class),
                JobState.valueOf(rs.getString("state")),
                json.readValue(rs.getString("spec_json"), ModelSpec.class),
                rs.getInt("epoch"),
                rs.getInt("total_epochs"),
                rs.getInt("batch"),
                rs.getInt("total_batches"),
                json.readValue(rs.getString("history_json"), new TypeReference<List<EpochRecord>>() {}),
                rs.getString("failure_reason"),
                rs.getObject("model_id", UUID.class),
                rs.getBoolean("cancel_requested"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getObject("replay_of", UUID.class),
                rs.getInt("attempts"),
                rs.getString("node"),
                rs.getString("device"),
                rs.getInt("start_epoch"),
                0,
                null,
                null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
