package dev.neurona.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A registered model: a name whose versions are models, with a description, tags, and aliases (alias → version).
 * {@code versions} only when one registered model is shown, newest first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredModel(
        String name,
        String description,
        Map<String, String> tags,
        Integer latestVersion,
        Map<String, Integer> aliases,
        Instant createdAt,
        Instant updatedAt,
        List<Version> versions) {

    /** One version: the model it is, and the aliases pointing at it. */
    public record Version(
            int version,
            UUID modelId,
            UUID jobId,
            UUID datasetId,
            String task,
            Instant createdAt,
            List<String> aliases) {}

    RegisteredModel withVersions(List<Version> all) {
        return new RegisteredModel(name, description, tags, latestVersion, aliases, createdAt, updatedAt, all);
    }
}
