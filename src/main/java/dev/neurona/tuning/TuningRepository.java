package dev.neurona.tuning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Tuning runs and their trials; the trials' training progress is in the jobs they point to. */
@Repository
class TuningRepository {

    enum RunState {
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    /** ACTIVE while its job is queued or running; then DONE (it has a model), PRUNED (stopped early) or FAILED. */
    enum TrialStatus {
        ACTIVE,
        DONE,
        PRUNED,
        FAILED
    }

    record Run(
            UUID id,
            UUID datasetId,
            RunState state,
            TuningSettings settings,
            Integer bestTrial,
            UUID bestModelId,
            String failureReason,
            String submittedBy,
            Instant createdAt,
            Instant finishedAt) {}

    record TrialRow(
            int index,
            UUID jobId,
            Map<String, Object> params,
            int epochs,
            TrialStatus status,
            Double objective,
            String reason,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TuningRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID id, TuningSettings settings, String submittedBy) {
        jdbc.sql(
                        """
                INSERT INTO tuning_run (id, dataset_id, state, settings_json, submitted_by, created_at)
                VALUES (:id, :dataset, 'RUNNING', :settings, :by, :now)""")
                .param("id", id)
                .param("dataset", settings.datasetId())
                .param("settings", json.writeValueAsString(settings))
                .param("by", submittedBy)
                .param("now", now())
                .update();
    }

    Optional<Run> find(UUID id) {
        return jdbc.sql("SELECT * FROM tuning_run WHERE id = :id")
                .param("id", id)
                .query(this::run)
                .optional();
    }

    List<Run> list(int offset, int limit) {
        return jdbc.sql("SELECT * FROM tuning_run ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(this::run)
                .list();
    }

    List<UUID> running() {
        return jdbc.sql("SELECT id FROM tuning_run WHERE state = 'RUNNING'")
                .query(UUID.class)
                .list();
    }

    /** Only a running run ends, once: of several nodes finishing it together, one wins. */
    boolean finish(UUID id, RunState state, Integer bestTrial, UUID bestModel, String reason) {
        return jdbc.sql(
                                """
                UPDATE tuning_run SET state = :state, best_trial = :trial, best_model_id = :model,
                    failure_reason = :reason, finished_at = :now
                WHERE id = :id AND state = 'RUNNING'""")
                        .param("id", id)
                        .param("state", state.name())
                        .param("trial", bestTrial)
                        .param("model", bestModel)
                        .param("reason", reason)
                        .param("now", now())
                        .update()
                == 1;
    }

    List<TrialRow> trials(UUID tuningId) {
        return jdbc.sql("SELECT * FROM tuning_trial WHERE tuning_id = :id ORDER BY trial_index")
                .param("id", tuningId)
                .query(this::trial)
                .list();
    }

    /** The run a job is a trial of, with the trial; empty for an ordinary job. */
    Optional<Map.Entry<UUID, TrialRow>> trialOfJob(UUID jobId) {
        return jdbc.sql("SELECT * FROM tuning_trial WHERE job_id = :job")
                .param("job", jobId)
                .query((rs, row) -> Map.entry(rs.getObject("tuning_id", UUID.class), trial(rs, row)))
                .optional();
    }

    /** False when another node inserted this trial first. */
    boolean insertTrial(
            UUID tuningId,
            int index,
            UUID jobId,
            Map<String, Object> params,
            int epochs,
            TrialStatus status,
            String reason) {
        try {
            jdbc.sql(
                            """
                    INSERT INTO tuning_trial (tuning_id, trial_index, job_id, params_json, epochs, status, reason,
                                              created_at)
                    VALUES (:id, :index, :job, :params, :epochs, :status, :reason, :now)""")
                    .param("id", tuningId)
                    .param("index", index)
                    .param("job", jobId)
                    .param("params", json.writeValueAsString(params))
                    .param("epochs", epochs)
                    .param("status", status.name())
                    .param("reason", reason)
                    .param("now", now())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Settles an active trial; a trial already settled (by another node) stays as it is. */
    void settle(UUID tuningId, int index, TrialStatus status, Double objective, String reason) {
        jdbc.sql(
                        """
                UPDATE tuning_trial SET status = :status, objective = :objective, reason = :reason
                WHERE tuning_id = :id AND trial_index = :index AND status = 'ACTIVE'""")
                .param("id", tuningId)
                .param("index", index)
                .param("status", status.name())
                .param("objective", objective)
                .param("reason", reason)
                .update();
    }

    private Run run(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getObject("id", UUID.class),
                rs.getObject("dataset_id", UUID.class),
                RunState.valueOf(rs.getString("state")),
                json.readValue(rs.getString("settings_json"), TuningSettings.class),
                (Integer) rs.getObject("best_trial"),
                rs.getObject("best_model_id", UUID.class),
                rs.getString("failure_reason"),
                rs.getString("submitted_by"),
                instant(rs, "created_at"),
                instant(rs, "finished_at"));
    }

    private TrialRow trial(ResultSet rs, int row) throws SQLException {
        Double objective = rs.getObject("objective", Double.class);
        return new TrialRow(
                rs.getInt("trial_index"),
                rs.getObject("job_id", UUID.class),
                json.readValue(
                        rs.getString("params_json"), new TypeReference<java.util.LinkedHashMap<String, Object>>() {}),
                rs.getInt("epochs"),
                TrialStatus.valueOf(rs.getString("status")),
                objective,
                rs.getString("reason"),
                instant(rs, "created_at"));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
