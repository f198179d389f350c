package dev.neurona.model;

import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registered models: names, their versions, description, tags and aliases (docs/design.md, "Model registry").
 * Versions are created by {@link ModelWriter} through {@link ModelRegistry#register}; every change to one name's
 * aliases or versions first locks its row, so an alias never points at a version being deleted, and moves in one step.
 */
@Service
public class RegisteredModels {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ModelRegistry registry;
    private final ModelRefs refs;

    RegisteredModels(JdbcClient jdbc, JsonMapper json, ModelRegistry registry, ModelRefs refs) {
        this.jdbc = jdbc;
        this.json = json;
        this.registry = registry;
        this.refs = refs;
    }

    /** Every registered model by name, without its versions. */
    public List<RegisteredModel> list() {
        Map<String, Map<String, Integer>> aliases = new HashMap<>();
        jdbc.sql("SELECT registered_name, alias, version FROM model_alias").query(rs -> {
            aliases.computeIfAbsent(rs.getString(1), n -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
        });
        Map<String, Integer> latest = new HashMap<>();
        jdbc.sql("SELECT registered_name, MAX(version) FROM model GROUP BY registered_name")
                .query(rs -> {
                    latest.put(rs.getString(1), rs.getInt(2));
                });
        return jdbc.sql("SELECT * FROM registered_model ORDER BY name")
                .query((rs, row) -> map(rs, latest, aliases))
                .list();
    }

    /** One registered model with its versions, newest first; {@code name} as written in a URL. */
    public RegisteredModel get(String name) {
        String key = ModelNames.require("name", name);
        Map<String, Map<String, Integer>> aliases = Map.of(key, aliases(key));
        List<RegisteredModel.Version> versions = jdbc.sql(
                        """
                SELECT version, id, job_id, dataset_id, task, created_at FROM model
                WHERE registered_name = :name ORDER BY version DESC""")
                .param("name", key)
                .query((rs, row) -> {
                    int version = rs.getInt("version");
                    List<String> pointing = new ArrayList<>();
                    aliases.get(key).forEach((alias, v) -> {
                        if (v == version) {
                            pointing.add(alias);
                        }
                    });
                    return new RegisteredModel.Version(
                            version,
                            rs.getObject("id", UUID.class),
                            rs.getObject("job_id", UUID.class),
                            rs.getObject("dataset_id", UUID.class),
                            rs.getString("task"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            List.copyOf(pointing));
                })
                .list();
        Map<String, Integer> latest =
                versions.isEmpty() ? Map.of() : Map.of(key, versions.get(0).version());
        return jdbc.sql("SELECT * FROM registered_model WHERE name = :name")
                .param("name", key)
                .query((rs, row) -> map(rs, latest, aliases))
                .optional()
                .orElseThrow(() -> unknown(key))
                .withVersions(versions);
    }

    /** Replaces the description and/or the tags; an empty description clears it. */
    @Transactional
    public RegisteredModel update(String name, String description, Map<String, String> tags) {
        String key = ModelNames.require("name", name);
        ModelNames.requireDescriptionAndTags("", description, tags);
        lock(key);
        if (description != null) {
            jdbc.sql("UPDATE registered_model SET description = :description WHERE name = :name")
                    .param("description", description.isEmpty() ? null : description)
                    .param("name", key)
                    .update();
        }
        if (tags != null) {
            jdbc.sql("UPDATE registered_model SET tags_json = :tags WHERE name = :name")
                    .param("tags", json.writeValueAsString(new TreeMap<>(tags)))
                    .param("name", key)
                    .update();
        }
        return get(key);
    }

    /** The registered model, every version (records and stored files) and every alias. */
    @Transactional
    public void delete(String name) {
        String key = ModelNames.require("name", name);
        lock(key);
        jdbc.sql("DELETE FROM model_alias WHERE registered_name = :name")
                .param("name", key)
                .update();
        for (UUID id : jdbc.sql("SELECT id FROM model WHERE registered_name = :name")
                .param("name", key)
                .query(UUID.class)
                .list()) {
            registry.delete(id);
        }
        jdbc.sql("DELETE FROM registered_model WHERE name = :name")
                .param("name", key)
                .update();
    }

    public ModelRecord version(String name, int version) {
        return registry.get(refs.resolve(name, version));
    }

    /** Refused (409) while an alias points at the version ({@link ModelRegistry#delete(UUID)}). */
    public void deleteVersion(String name, int version) {
        registry.delete(refs.resolve(name, version));
    }

    /** Points the alias at the version, created or moved in one update: a reader sees the old or the new target. */
    @Transactional
    public RegisteredModel putAlias(String name, String alias, Integer version) {
        String key = ModelNames.require("name", name);
        String aliasKey = ModelNames.require("alias", alias);
        if (version == null || version < 1) {
            throw new InvalidInputException("version", "required: the version (1, 2, …) the alias points at");
        }
        lock(key);
        refs.resolve(key, version.intValue());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int moved = jdbc.sql(
                        """
                UPDATE model_alias SET version = :version, updated_at = :now
                WHERE registered_name = :name AND alias = :alias""")
                .param("version", version)
                .param("now", now)
                .param("name", key)
                .param("alias", aliasKey)
                .update();
        if (moved == 0) {
            // no race on the insert: the registered model's row is locked by this transaction
            jdbc.sql(
                            """
                    INSERT INTO model_alias (registered_name, alias, version, updated_at)
                    VALUES (:name, :alias, :version, :now)""")
                    .param("name", key)
                    .param("alias", aliasKey)
                    .param("version", version)
                    .param("now", now)
                    .update();
        }
        return get(key);
    }

    @Transactional
    public void deleteAlias(String name, String alias) {
        String key = ModelNames.require("name", name);
        String aliasKey = ModelNames.require("alias", alias);
        lock(key);
        int deleted = jdbc.sql("DELETE FROM model_alias WHERE registered_name = :name AND alias = :alias")
                .param("name", key)
                .param("alias", aliasKey)
                .update();
        if (deleted == 0) {
            throw new NotFoundException("Registered model '" + key + "' has no alias '" + aliasKey + "'.");
        }
    }

    /** Locks the registered model's row until the transaction ends; a 404 when there is none. */
    private void lock(String key) {
        int found = jdbc.sql("UPDATE registered_model SET updated_at = :now WHERE name = :name")
                .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .param("name", key)
                .update();
        if (found == 0) {
            throw unknown(key);
        }
    }

    private Map<String, Integer> aliases(String key) {
        Map<String, Integer> aliases = new TreeMap<>();
        jdbc.sql("SELECT alias, version FROM model_alias WHERE registered_name = :name")
                .param("name", key)
                .query(rs -> {
                    aliases.put(rs.getString(1), rs.getInt(2));
                });
        return aliases;
    }

    private static NotFoundException unknown(String key) {
        return new NotFoundException("No registered model named '" + key + "'.");
    }

    private RegisteredModel map(ResultSet rs, Map<String, Integer> latest, Map<String, Map<String, Integer>> aliases)
            throws SQLException {
        String name = rs.getString("name");
        return new RegisteredModel(
                name,
                rs.getString("description"),
                json.readValue(rs.getString("tags_json"), new TypeReference<TreeMap<String, String>>() {}),
                latest.get(name),
                aliases.getOrDefault(name, Map.of()),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                null);
    }
}
