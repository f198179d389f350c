package dev.neurona.model;

import dev.neurona.storage.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a trained model: its files under {@code models/<id>/} in the artifact store, then its record in the registry
 * with the SHA-256 of each file. Files first, so that a registered model always has its files.
 */
@Component
public class ModelWriter {

    private static final Logger log = LoggerFactory.getLogger(ModelWriter.class);

    private final ArtifactStore artifacts;
    private final ModelRegistry registry;
    private final JsonMapper json;

    ModelWriter(ArtifactStore artifacts, ModelRegistry registry, JsonMapper json) {
        this.artifacts = artifacts;
        this.registry = registry;
        this.json = json;
    }

    /**
     * Stores and registers the model under a new id, and deletes its temporary directory whatever happens.
     *
     * @return the new model's id, or empty when its job already has a model (one model per job: another run of the
     *     same job registered first); then nothing of this one is kept
     */
    public Optional<UUID> save(NewModel model) {
        UUID id = UUID.randomUUID();
        RegisterAs as;
        try {
            as = model.registration();
        } catch (RuntimeException e) {
            delete(model.parameters());
            throw e;
        }
        Map<String, String> sums;
        try {
            sums = store(id, model);
        } finally {
            delete(model.parameters());
        }
        ModelRecord record = new ModelRecord(
                id,
                model.jobId(),
                model.datasetId(),
                model.name(),
                model.preprocessing().task(),
                Instant.now(),
                model.spec(),
                model.preprocessing(),
                model.metrics(),
                sums,
                model.diagnosis(),
                model.receipt());
        for (int attempt = 1; ; attempt++) {
            try {
                registry.register(record, as);
                return Optional.of(id);
            } catch (DataIntegrityViolationException e) {
                boolean superseded = registry.findByJob(model.jobId()).isPresent();
                if (superseded || attempt >= REGISTER_ATTEMPTS) {
                    artifacts.deletePrefix(ModelRecord.prefix(id));
                    if (superseded) {
                        return Optional.empty();
                    }
                    throw e;
                }
                // another first version of the same new name won the insert: now the name exists, bump it
                log.debug("registering {} as {} raced another registration, again", id, as.name());
            }
        }
    }

    /** A lost race on a new name's insert succeeds the next time; a few more cover the unlikely. */
    private static final int REGISTER_ATTEMPTS = 5;

    /** Adds what makes the directory stand on its own beside the parameters, and uploads it; key → SHA-256. */
    private Map<String, String> store(UUID id, NewModel model) {
        Path dir = model.parameters();
        try {
            Files.writeString(dir.resolve("spec.json"), json.writeValueAsString(model.spec()));
            Files.writeString(dir.resolve("preprocessing.json"), json.writeValueAsString(model.preprocessing()));
            if (model.predictions() != null) {
                // beside the parameters, so its SHA-256 is recorded and checked like theirs
                Files.write(
                        dir.resolve(TestPredictions.NAME), model.predictions().encode());
            }
            Map<String, String> sums = new TreeMap<>();
            artifacts
                    .putDirectory(ModelRecord.prefix(id), dir)
                    .forEach((name, sha) -> sums.put(ModelRecord.prefix(id) + "/" + name, sha));
            return sums;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model " + id, e);
        }
    }

    private static void delete(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("could not delete temporary directory {}", dir, e);
        }
    }
}
