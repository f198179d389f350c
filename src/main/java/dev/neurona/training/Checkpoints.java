package dev.neurona.training;

import dev.neurona.storage.ArtifactStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's latest checkpoint in the artifact store, under {@code checkpoints/<job id>/checkpoint.zip}: in the shared
 * store, so whichever worker picks a job up again finds it. Each write replaces the previous one atomically.
 */
@Component
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final ArtifactStore artifacts;
    private final JsonMapper json;
    private final Timer writes;

    Checkpoints(ArtifactStore artifacts, JsonMapper json, MeterRegistry meters) {
        this.artifacts = artifacts;
        this.json = json;
        this.writes = Timer.builder("neurona.checkpoint.write")
                .description("time to encode and store a checkpoint")
                .publishPercentileHistogram(false)
                .register(meters);
    }

    /** Stores the checkpoint; returns how long it took in milliseconds. */
    public long save(UUID job, Checkpoint checkpoint) {
        long start = System.nanoTime();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            checkpoint.write(bytes, json);
            artifacts.put(key(job), new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of job " + job, e);
        }
        long nanos = System.nanoTime() - start;
        writes.record(nanos, TimeUnit.NANOSECONDS);
        return nanos / 1_000_000;
    }

    /**
     * The job's last checkpoint, or empty when there is none. A checkpoint that cannot be read is logged and
     * ignored: starting over loses time, refusing to run loses the job.
     */
    public Optional<Checkpoint> load(UUID job) {
        String key = key(job);
        if (!artifacts.exists(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Checkpoint.read(new ByteArrayInputStream(artifacts.read(key)), json));
        } catch (IOException | RuntimeException e) {
            log.warn("job {}: checkpoint {} cannot be read ({}); training starts over", job, key, e.toString());
            return Optional.empty();
        }
    }

    public void delete(UUID job) {
        try {
            artifacts.deletePrefix(prefix(job));
        } catch (RuntimeException e) {
            log.warn("job {}: could not delete its checkpoint ({})", job, e.toString());
        }
    }

    private static String prefix(UUID job) {
        return "checkpoints/" + job;
    }

    private static String key(UUID job) {
        return prefix(job) + "/checkpoint.zip";
    }
}
