package dev.neurona.prediction;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import dev.neurona.model.ModelDeleted;
import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRegistry;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.engine.DjlEngine;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.storage.ArtifactStore;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Models loaded lazily from the artifact store, least recently used evicted beyond the configured count. The
 * parameters' SHA-256 is checked against the registry before loading, so a corrupted file is refused, not served.
 */
@Component
class ModelCache {

    private final ModelRegistry registry;
    private final ArtifactStore artifacts;
    private final int capacity;
    private final long recheckNanos;
    private volatile NeuronaProperties.Prediction.Batching batching;
    private final Map<UUID, LoadedModel> loaded = new LinkedHashMap<>(16, 0.75f, true);

    ModelCache(ModelRegistry registry, ArtifactStore artifacts, NeuronaProperties properties, DjlEngine engine) {
        this.registry = registry;
        this.artifacts = artifacts;
        this.capacity = Math.max(1, properties.prediction().cachedModels());
        this.recheckNanos = properties.prediction().recheck().toNanos();
        this.batching = properties.prediction().batching();
    }

    /** The model with its read lock held: call {@link LoadedModel#release()} when done. */
    LoadedModel acquire(UUID id) {
        while (true) {
            LoadedModel model = get(id);
            if (model.acquire()) {
                return model;
            }
        }
    }

    /**
     * A loaded model is served without asking the registry again for {@code neurona.prediction.recheck}: with
     * several nodes a model may have been deleted through another one, and an indexed existence check (no record
     * read or parsed) once per interval bounds how long it is still served here. A deletion through this node
     * evicts at once ({@link ModelDeleted}). A model not loaded yet is read from the registry in full.
     */
    private LoadedModel get(UUID id) {
        LoadedModel model = cached(id);
        if (model != null) {
            long now = System.nanoTime();
            if (now - model.checkedAt() < recheckNanos) {
                return model;
            }
            if (registry.exists(id)) {
                model.checkedAt(now);
                return model;
            }
            on(new ModelDeleted(id));
            throw new NotFoundException("model", id);
        }
        ModelRecord record = registry.find(id).orElse(null);
        if (record == null) {
            on(new ModelDeleted(id));
            throw new NotFoundException("model", id);
        }
        return get(record);
    }

    private synchronized LoadedModel cached(UUID id) {
        return loaded.get(id);
    }

    private synchronized LoadedModel get(ModelRecord record) {
        UUID id = record.id();
        LoadedModel model = loaded.get(id);
        if (model == null) {
            model = load(record);
            loaded.put(id, model);
            if (loaded.size() > capacity) {
                var eldest = loaded.entrySet().iterator().next();
                loaded.remove(eldest.getKey());
                eldest.getValue().close();
            }
        }
        return model;
    }

    private LoadedModel load(ModelRecord record) {
        String prefix = ModelRecord.prefix(record.id());
        record.artifacts().forEach((key, sha) -> {
            if (!sha.equals(artifacts.sha256Of(key))) {
                throw new ConflictException(
                        "model-corrupted",
                        "Model artifacts corrupted",
                        "The stored file " + key + " does not match its recorded SHA-256; retrain the model.");
            }
        });
        Network network = NetworkBuilder.build(record.spec());
        Model model = Model.newInstance("model-" + record.id());
        try {
            model.setBlock(network.block());
            model.load(artifacts.localDirectory(prefix), ModelRecord.PARAMETERS_NAME);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot load model " + record.id(), e);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("cannot load model " + record.id(), e);
        }
        return new LoadedModel(record, model, network, batching);
    }

    /** Switches batching on or off for loaded and later models (the benchmark compares both in one run). */
    synchronized void batching(boolean enabled) {
        batching = new NeuronaProperties.Prediction.Batching(enabled, batching.maxBatchSize(), batching.maxWait());
        loaded.values().forEach(m -> m.batching(enabled));
    }

    @EventListener
    void on(ModelDeleted deleted) {
        LoadedModel model;
        synchronized (this) {
            model = loaded.remove(deleted.id());
        }
        if (model != null) {
            model.close();
        }
    }

    @PreDestroy
    synchronized void closeAll() {
        loaded.values().forEach(LoadedModel::close);
        loaded.clear();
    }
}
