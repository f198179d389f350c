package dev.neurona.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every {@code neurona.*} setting, with defaults for a laptop. Documented in the README.
 *
 * @param dataDir        where the H2 database, datasets, models and the DJL cache live
 * @param maxUploadSize  largest accepted multipart request of any kind; {@code uploads} bounds each kind below it
 * @param maxJsonSize    largest JSON request body outside predictions (specs, keys)
 * @param uploads        per-kind dataset upload limits
 * @param engine         PyTorch engine settings
 * @param prediction     prediction request limits
 * @param jobs           queue limits and the live event stream of jobs
 */
@ConfigurationProperties("neurona")
public record NeuronaProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("256MB") DataSize maxUploadSize,
        @DefaultValue("1MB") DataSize maxJsonSize,
        @DefaultValue Uploads uploads,
        @DefaultValue Engine engine,
        @DefaultValue Prediction prediction,
        @DefaultValue Catalog catalog,
        @DefaultValue Security security,
        @DefaultValue Limits limits,
        @DefaultValue Jobs jobs) {

    /**
     * @param threads        PyTorch intra-op threads (0 = PyTorch's own choice)
     * @param interopThreads PyTorch inter-op threads (0 = PyTorch's own choice)
     * @param cacheDir       where DJL extracts libtorch (~430 MB, once); empty = {@code <dataDir>/djl-cache}
     */
    public record Engine(
            @DefaultValue("2") int threads,
            @DefaultValue("1") int interopThreads,
            @DefaultValue("") String cacheDir) {
    }

    /**
     * Each kind's limit is on the sum of its parts (an IDX upload's four files, a Quick, Draw! upload's files), so a
     * 413 names the kind and the setting to raise. MNIST's training images are 47 MB raw, one Quick, Draw! category
     * up to ~130 MB as .npy.
     *
     * @param csv           a CSV table
     * @param idx           IDX images + labels (+ the official test pair), as sent (gzipped or raw)
     * @param quickdraw     Quick, Draw! .npy or .ndjson files together
     * @param zip           a ZIP of class folders, as sent
     * @param zipEntries    most entries in a ZIP
     * @param zipExpanded   most bytes a ZIP's entries may expand to together
     */
    public record Uploads(
            @DefaultValue("64MB") DataSize csv,
            @DefaultValue("256MB") DataSize idx,
            @DefaultValue("256MB") DataSize quickdraw,
            @DefaultValue("128MB") DataSize zip,
            @DefaultValue("200000") int zipEntries,
            @DefaultValue("2GB") DataSize zipExpanded) {
    }

    /**
     * @param maxRows        most rows, images or drawings in one prediction request
     * @param maxRequestSize largest prediction request body (JSON or multipart pictures)
     * @param cachedModels   most models kept loaded in memory for prediction
     */
    public record Prediction(
            @DefaultValue("10000") int maxRows,
            @DefaultValue("16MB") DataSize maxRequestSize,
            @DefaultValue("16") int cachedModels) {
    }

    /**
     * @param mirrorDirs local folders searched, in order, for catalog files before the official sources (layout:
     *                   {@code fashion-mnist/*.gz}, {@code quickdraw/<category>.npy}, {@code tabular/<name>.csv})
     * @param download   fetch from the official sources when no mirror has the files
     */
    public record Catalog(
            @DefaultValue("") java.util.List<Path> mirrorDirs,
            @DefaultValue("true") boolean download) {
    }

    /**
     * @param enabled            API keys required (false only for local experiments: everything is open, loudly)
     * @param anonymousRead      model metadata and predictions open to requests without a key
     * @param bootstrapAdminKey  on first start with no keys, this becomes the admin key instead of a generated one
     *                           (for containers and tests; at least 32 characters)
     */
    public record Security(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("false") boolean anonymousRead,
            @DefaultValue("") String bootstrapAdminKey) {
    }

    /** Spec size limits: each violation is a 400 naming the field. */
    public record Limits(
            @DefaultValue("64") int maxLayers,
            @DefaultValue("65536") int maxUnits,
            @DefaultValue("50000000") long maxParameters,
            @DefaultValue("10000") int maxEpochs,
            @DefaultValue("65536") int maxBatchSize) {
    }

    /**
     * Soft limits: each is checked before the job is inserted, so concurrent submits (on one node or several) can
     * each pass the check and overshoot a limit by at most their number.
     *
     * @param maxQueued          most jobs waiting in the queue, all keys together; a submit or replay beyond is a
     *                           503 with {@code Retry-After}
     * @param maxQueuedPerKey    most queued or running jobs of one API key; beyond, a 429 with {@code Retry-After}
     * @param ssePollInterval    how often the one poller behind {@code GET /api/v1/jobs/{id}/events} looks at the
     *                           watched jobs
     * @param sseTimeout         how long one event stream stays open before the server ends it (clients reconnect,
     *                           with {@code Last-Event-ID})
     * @param sseHeartbeat       a comment line is sent after this long without an event, so proxies keep the
     *                           connection open and a gone client is noticed
     * @param sseMaxSubscribers  most open event streams on this node; beyond, a 503
     */
    public record Jobs(
            @DefaultValue("100") int maxQueued,
            @DefaultValue("20") int maxQueuedPerKey,
            @DefaultValue("500ms") Duration ssePollInterval,
            @DefaultValue("30m") Duration sseTimeout,
            @DefaultValue("15s") Duration sseHeartbeat,
            @DefaultValue("1000") int sseMaxSubscribers) {

        public Jobs {
            if (ssePollInterval.isNegative() || ssePollInterval.isZero() || sseTimeout.isNegative()
                    || sseTimeout.isZero() || sseHeartbeat.isNegative() || sseHeartbeat.isZero()) {
                throw new IllegalArgumentException("neurona.jobs.sse-poll-interval, sse-timeout and sse-heartbeat "
                        + "must be positive");
            }
        }
    }

    public Path resolvedCacheDir() {
        return engine.cacheDir().isBlank() ? dataDir.resolve("djl-cache") : Path.of(engine.cacheDir());
    }
}
