package dev.neurona.model;

import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Turns what a client writes in a URL into the one stored model it means: a model id, a registered model's name (its
 * newest version), {@code name@alias}, or a name with an explicit version ({@code /models/{name}/versions/{n}}).
 * Every endpoint that addresses a model resolves through here, once per request, so a request is served entirely by
 * the version its reference named at that moment (an alias moving meanwhile never mixes two versions in one answer).
 * Names and aliases are case-insensitive ({@link ModelNames}).
 */
@Service
public class ModelRefs {

    private final JdbcClient jdbc;

    ModelRefs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code ref} as written in the URL; {@code version} when the URL names one ({@code …/versions/{n}}), else null.
     * Malformed → 400 naming {@code ref} (or {@code version}); well-formed but unknown → 404 saying what is missing.
     * An id is returned as it is: whoever loads the model says when there is none.
     */
    public UUID resolve(String ref, Integer version) {
        if (ref == null || ref.isBlank()) {
            throw new InvalidInputException("ref", "required: a model id, a registered model's name, or name@alias");
        }
        if (version != null) {
            return version(ref, version);
        }
        if (ModelNames.isUuid(ref)) {
            return UUID.fromString(ref);
        }
        int at = ref.indexOf('@');
        if (at >= 0) {
            return alias(name(ref.substring(0, at)), alias(ref.substring(at + 1)));
        }
        String name = name(ref);
        return jdbc.sql(
                        """
                SELECT id FROM model WHERE registered_name = :name ORDER BY version DESC FETCH FIRST 1 ROWS ONLY""")
                .param("name", name)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new NotFoundException(
                        "No registered model named '" + name + "' (or it has no versions left)."));
    }

    public UUID resolve(String ref) {
        return resolve(ref, null);
    }

    /** The version of a registered model; {@code name} as written in a URL. */
    public UUID resolve(String name, int version) {
        return resolve(name, Integer.valueOf(version));
    }

    private UUID version(String ref, int version) {
        if (ModelNames.isUuid(ref)) {
            throw new InvalidInputException(
                    "ref", "versions belong to a registered model's name, not to a model id: use the name");
        }
        String name = name(ref);
        if (version < 1) {
            throw new InvalidInputException("version", "versions count from 1, was " + version);
        }
        return jdbc.sql("SELECT id FROM model WHERE registered_name = :name AND version = :version")
                .param("name", name)
                .param("version", version)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new NotFoundException(
                        exists(name)
                                ? "Registered model '" + name + "' has no version " + version + "."
                                : "No registered model named '" + name + "'."));
    }

    private UUID alias(String name, String alias) {
        return jdbc.sql(
                        """
                SELECT m.id FROM model_alias a
                JOIN model m ON m.registered_name = a.registered_name AND m.version = a.version
                WHERE a.registered_name = :name AND a.alias = :alias""")
                .param("name", name)
                .param("alias", alias)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new NotFoundException(
                        exists(name)
                                ? "Registered model '" + name + "' has no alias '" + alias + "'."
                                : "No registered model named '" + name + "'."));
    }

    private boolean exists(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM registered_model WHERE name = :name")
                        .param("name", name)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private static String name(String text) {
        String problem = ModelNames.problem(text);
        if (problem != null) {
            throw new InvalidInputException("ref", "not a model id (UUID) nor a registered model's name: " + problem);
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static String alias(String text) {
        String problem = ModelNames.problem(text);
        if (problem != null) {
            throw new InvalidInputException("ref", "after '@' comes an alias: " + problem);
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
