package dev.neurona.model;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.spec.ModelSpec;
import dev.neurona.storage.ArtifactStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Trained models: metadata in SQL (the source of truth), parameters in the artifact store. */
@Service
public class ModelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ArtifactStore artifacts;
    private final ApplicationEventPublisher events;

    private final ModelRefs refs;

    ModelRegistry(
            JdbcClient jdbc,
            JsonMapper json,
            ArtifactStore artifacts,
            ApplicationEventPublisher events,
            ModelRefs refs) {
        this.refs = refs;
        this.jdbc = jdbc;
        this.json = json;
        this.artifacts = artifacts;
        this.events = events;
    }

    /** Under the name its own name makes ({@link ModelNames#slug}). */
    @Transactional
    int register(ModelRecord model) {
        return register(model, RegisterAs.named(ModelNames.slug(model.name())));
    }

    /**
     * Through {@link ModelWriter}, which stores the model's files first. The model becomes the next version of
     * {@code as.name()}: the increment of the registered model's last version locks its row until this commits, so
     * concurrent registrations of one name get distinct versions on H2 and PostgreSQL alike. Two first registrations
     * of a new name race on its insert; the loser fails with a duplicate key and {@link ModelWriter} tries again.
     *
     * @return the version it became
     */
    @Transactional
    int register(ModelRecord model, RegisterAs as) {
        requireReadable(model);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int bumped = jdbc.sql("UPDATE registered_model SET last_version = last_version + 1, updated_at = :now"
                        + (as.description() == null ? "" : ", description = :description")
                        + (as.tags() == null ? "" : ", tags_json = :tags")
                        + " WHERE name = :name")
                .param("name", as.name())
                .param("now", now)
                .params(Map.of(
                        "description",
                        String.valueOf(as.description()),
                        "tags",
                        as.tags() == null ? "{}" : json.writeValueAsString(new java.util.TreeMap<>(as.tags()))))
                .update();
        if (bumped == 0) {
            jdbc.sql(
                            """
                    INSERT INTO registered_model (name, description, tags_json, last_version, created_at, updated_at)
                    VALUES (:name, :description, :tags, 1, :now, :now)""")
                    .param("name", as.name())
                    .param("description", as.description())
                    .param(
                            "tags",
                            json.writeValueAsString(as.tags() == null ? Map.of() : new java.util.TreeMap<>(as.tags())))
                    .param("now", now)
                    .update();
        }
        int version = jdbc.sql("SELECT last_version FROM registered_model WHERE name = :name")
                .param("name", as.name())
                .query(Integer.class)
                .single();
        jdbc.sql(
                        """
                INSERT INTO model (id, job_id, dataset_id, name, task, spec_json, preprocessing_json, metrics_json,
                                   artifacts_json, diagnosis_json, receipt_json, created_at, registered_name, version)
                VALUES (:id, :job, :dataset, :name, :task, :spec, :pre, :metrics, :artifacts, :diagnosis,
                        :receipt, :created, :registeredName, :version)""")
                .param("registeredName", as.name())
                .param("version", version)
                .param("id", model.id())
                .param("job", model.jobId())
                .param("dataset", model.datasetId())
                .param("name", model.name())
                .param("task", model.task().name())
                .param("spec", json.writeValueAsString(model.spec()))
                .param("pre", json.writeValueAsString(model.preprocessing()))
                .param("metrics", json.writeValueAsString(model.metrics()))
                .param("artifacts", json.writeValueAsString(model.artifacts()))
                .param("diagnosis", json.writeValueAsString(model.diagnosis()))
                .param("receipt", model.receipt() == null ? null : json.writeValueAsString(model.receipt()))
                .param("created", OffsetDateTime.ofInstant(model.createdAt(), ZoneOffset.UTC))
                .update();
        return version;
    }

    /** Marks the model as the best trial of a tuning run. */
    public void markBestOfTuning(UUID id, UUID tuningId) {
        jdbc.sql("UPDATE model SET best_of_tuning = :tuning WHERE id = :id")
                .param("id", id)
                .param("tuning", tuningId)
                .update();
    }

    public ModelRecord get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("model", id));
    }

    /** The model; a 409 {@code model-unreadable} when its stored record cannot be read back. */
    public Optional<ModelRecord> find(UUID id) {
        return jdbc.sql("SELECT * FROM model WHERE id = :id")
                .param("id", id)
                .query(this::mapOrRefuse)
                .optional();
    }

    /** Whether the model is stored, by its primary key alone: nothing of the record is read or parsed. */
    public boolean exists(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM model WHERE id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public Optional<ModelRecord> findByJob(UUID jobId) {
        return jdbc.sql("SELECT * FROM model WHERE job_id = :job")
                .param("job", jobId)
                .query(this::mapOrRefuse)
                .optional();
    }

    /**
     * Every model, newest first. One whose stored record cannot be read back is listed without spec, preprocessing
     * and metrics, with a {@value #UNREADABLE} finding saying why, instead of failing the whole list.
     */
    public List<ModelRecord> list() {
        return jdbc.sql("SELECT * FROM model ORDER BY created_at DESC")
                .query(this::mapOrDegrade)
                .list();
    }

    /** The model a reference names (an id, a name, {@code name@alias}; docs/api.md, "Model references"). */
    public ModelRecord get(String ref) {
        return get(refs.resolve(ref));
    }

    /** Version {@code version} of the registered model {@code name}. */
    public ModelRecord get(String name, int version) {
        return get(refs.resolve(name, version));
    }

    public void delete(String ref) {
        delete(refs.resolve(ref));
    }

    /**
     * Works for a model whose record cannot be read back, too: nothing but its id and name are read. Refused (409)
     * while an alias points at it: moving or deleting the alias first is a decision its users should see. The
     * registered model's row is locked first, so an alias cannot be set on it meanwhile.
     */
    @Transactional
    public void delete(UUID id) {
        String name = jdbc.sql("SELECT registered_name FROM model WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .orElseThrow(() -> new NotFoundException("model", id))
                .orElse(null);
        if (name != null) {
            jdbc.sql("UPDATE registered_model SET updated_at = :now WHERE name = :name")
                    .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                    .param("name", name)
                    .update();
            List<String> aliases = jdbc.sql(
                            """
                    SELECT a.alias FROM model_alias a JOIN model m
                      ON m.registered_name = a.registered_name AND m.version = a.version
                    WHERE m.id = :id ORDER BY a.alias""")
                    .param("id", id)
                    .query(String.class)
                    .list();
            if (!aliases.isEmpty()) {
                throw new ConflictException(
                        "model-aliased",
                        "Model has aliases",
                        "Model " + id + " is "
                                + aliases.stream().map(a -> name + "@" + a).toList()
                                + ": move or delete those aliases before deleting it.");
            }
        }
        jdbc.sql("DELETE FROM model WHERE id = :id").param("id", id).update();
        events.publishEvent(new ModelDeleted(id));
        artifacts.deletePrefix(ModelRecord.prefix(id));
    }

    /** The finding kind that marks a listed model whose stored record cannot be read back. */
    static final String UNREADABLE = "record_unreadable";

    /** A model the read path would refuse fails here, before it is stored, rather than every later list. */
    private void requireReadable(ModelRecord m) {
        try {
            json.readValue(json.writeValueAsString(m.spec()), ModelSpec.class);
            json.readValue(json.writeValueAsString(m.preprocessing()), Preprocessing.class);
            json.readValue(json.writeValueAsString(m.metrics()), Metrics.class);
            json.readValue(json.writeValueAsString(m.artifacts()), new TypeReference<Map<String, String>>() {});
            json.readValue(json.writeValueAsString(m.diagnosis()), new TypeReference<List<Finding>>() {});
            if (m.receipt() != null) {
                json.readValue(json.writeValueAsString(m.receipt()), Receipt.class);
            }
        } catch (JacksonException e) {
            throw new IllegalStateException(
                    "model " + m.id() + " would be stored in a form that cannot be read back: "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    private static String why(RuntimeException e) {
        String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        why = why == null ? e.getClass().getSimpleName() : why;
        return why.length() > 300 ? why.substring(0, 300) + "…" : why;
    }

    private ModelRecord mapOrRefuse(ResultSet rs, int row) throws SQLException {
        try {
            return map(rs, row);
        } catch (RuntimeException e) {
            UUID id = rs.getObject("id", UUID.class);
            log.warn("model {}: its stored record cannot be read back: {}", id, why(e));
            throw new ConflictException(
                    "model-unreadable",
                    "Model unreadable",
                    "Model " + id + ": its stored record cannot be read back (" + why(e)
                            + "); it cannot be used, only deleted");
        }
    }

    private ModelRecord mapOrDegrade(ResultSet rs, int row) throws SQLException {
        try {
            return map(rs, row);
        } catch (RuntimeException e) {
            UUID id = rs.getObject("id", UUID.class);
            log.warn("model {}: its stored record cannot be read back, listing it degraded: {}", id, why(e));
            return new ModelRecord(
                    id,
                    rs.getObject("job_id", UUID.class),
                    rs.getObject("dataset_id", UUID.class),
                    rs.getString("name"),
                    Task.parse(String.valueOf(rs.getString("task"))),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    null,
                    null,
                    null,
                    Map.of(),
                    List.of(new Finding(
                            UNREADABLE,
                            "its stored record cannot be read back (" + why(e) + "); it cannot be used, only deleted",
                            null,
                            null)),
                    null,
                    rs.getObject("best_of_tuning", UUID.class),
                    rs.getString("registered_name"),
                    version(rs));
        }
    }

    private ModelRecord map(ResultSet rs, int row) throws SQLException {
        return new ModelRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("job_id", UUID.class),
                rs.getObject("dataset_id", UUID.class),
                rs.getString("name"),
                Task.valueOf(rs.getString("task")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                json.readValue(rs.getString("spec_json"), ModelSpec.class),
                json.readValue(rs.getString("preprocessing_json"), Preprocessing.class),
                json.readValue(rs.getString("metrics_json"), Metrics.class),
                json.readValue(rs.getString("artifacts_json"), new TypeReference<Map<String, String>>() {}),
                rs.getString("diagnosis_json") == null
                        ? List.of()
                        : json.readValue(rs.getString("diagnosis_json"), new TypeReference<List<Finding>>() {}),
                rs.getString("receipt_json") == null
                        ? null
                        : json.readValue(rs.getString("receipt_json"), Receipt.class),
                rs.getObject("best_of_tuning", UUID.class),
                rs.getString("registered_name"),
                version(rs));
    }

    private static Integer version(ResultSet rs) throws SQLException {
        int version = rs.getInt("version");
        return rs.wasNull() ? null : version;
    }
}
