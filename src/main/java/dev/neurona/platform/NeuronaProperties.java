package dev.neurona.platform;

import dev.neurona.platform.node.NodeEnvironment;
import dev.neurona.platform.node.NodeRole;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every {@code neurona.*} setting, with defaults for a laptop. The {@code @param} tags below are the settings'
 * descriptions in the configuration metadata, from which docs/settings.md is generated (SettingsReferenceTest).
 *
 * @param dataDir        where everything lives: the H2 database ({@code db/}), uploaded files, model parameters and
 *                       checkpoints ({@code artifacts/}; with the S3 store, local copies of model files in
 *                       {@code artifact-cache/}) and, by default, the DJL cache ({@code djl-cache/})
 * @param maxUploadSize  largest multipart request of any kind (also Spring's multipart file and request limits);
 *                       {@code neurona.uploads.*} bounds each kind below it
 * @param maxJsonSize    largest non-multipart request body outside predictions (specs, keys), with or without a
 *                       declared length
 * @param bodyReadTimeout longest wait for the next bytes of a request body, an upload's or a spec's: a client that
 *                       stops sending for longer is cut off, so a stalled upload frees its thread (the request line and
 *                       headers have server.tomcat.connection-timeout)
 * @param uploads        per-kind dataset upload limits
 * @param engine         PyTorch engine settings
 * @param prediction     prediction request limits
 * @param catalog        where the built-in datasets come from
 * @param security       API keys
 * @param limits         how big a spec may be
 * @param device         where training and prediction run: {@code auto} (the first GPU when PyTorch sees one, else
 *                       the CPU), {@code cpu}, {@code gpu} (= {@code gpu:0}) or {@code gpu:<index>}; a GPU PyTorch
 *                       cannot see stops the start
 * @param recovery       checkpoints and how often a job whose process died is tried again
 * @param role           what this node does when several share one database: {@code all} (API and training),
 *                       {@code api} (API only, never trains) or {@code worker} (trains; still serves predictions,
 *                       reads and the actuator). It sets {@code jobrunr.background-job-server.enabled}
 * @param nodeName       this node's name in jobs, /actuator/info, the {@code node} tag of every metric and JobRunr's
 *                       server table; empty = the host name
 * @param artifacts      where datasets' files, model parameters and checkpoints are stored
 * @param jobs           queue limits, and the live event streams (of jobs and tuning runs)
 * @param tuning         hyperparameter search
 * @param bundles        portable model bundles ({@code format=neurona} export and import)
 */
@ConfigurationProperties("neurona")
public record NeuronaProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("256MB") DataSize maxUploadSize,
        @DefaultValue("1MB") DataSize maxJsonSize,
        @DefaultValue("30s") Duration bodyReadTimeout,
        @DefaultValue Uploads uploads,
        @DefaultValue Engine engine,
        @DefaultValue Prediction prediction,
        @DefaultValue Catalog catalog,
        @DefaultValue Security security,
        @DefaultValue Limits limits,
        @DefaultValue("auto") String device,
        @DefaultValue Recovery recovery,
        @DefaultValue("all") NodeRole role,
        @DefaultValue("") String nodeName,
        @DefaultValue Artifacts artifacts,
        @DefaultValue Jobs jobs,
        @DefaultValue Tuning tuning,
        @DefaultValue Bundles bundles) {

    /**
     * @param maxSize     largest bundle an import accepts, as uploaded (also bounded by max-upload-size)
     * @param maxExpanded most bytes a bundle's files may hold once inflated, together (a model of the largest
     *                    allowed spec has about 200 MB of parameters); more is refused as a possible ZIP bomb
     * @param maxEntries  most entries of a bundle's ZIP (a bundle holds about ten)
     */
    public record Bundles(
            @DefaultValue("256MB") DataSize maxSize,
            @DefaultValue("512MB") DataSize maxExpanded,
            @DefaultValue("64") int maxEntries) {}

    /**
     * @param maxTrials    most trials one tuning run may ask for ({@code maxTrials} of a search)
     * @param pollInterval how often the coordinator (on api and all nodes) looks at running tuning runs: settles
     *                     finished trials, stops hopeless ones, queues the next
     */
    public record Tuning(@DefaultValue("200") int maxTrials, @DefaultValue("2s") Duration pollInterval) {}

    /** This node's name in jobs, logs and metrics: {@code neurona.node-name}, else the host name. */
    public String node() {
        return nodeName == null || nodeName.isBlank() ? NodeEnvironment.hostname() : nodeName;
    }

    /**
     * @param checkpointEveryEpochs write a checkpoint after every n-th epoch (0 = never; a killed job then starts over)
     * @param maxAttempts           how many times a job may be started in all; a process that dies mid-job (killed,
     *                              out of memory, a node lost) costs one attempt, the next resumes from the last
     *                              checkpoint. A failure in the user's spec or data is never retried.
     */
    public record Recovery(@DefaultValue("1") int checkpointEveryEpochs, @DefaultValue("3") int maxAttempts) {}

    /**
     * @param threads        PyTorch intra-op threads (0 = PyTorch's own choice)
     * @param interopThreads PyTorch inter-op threads (0 = PyTorch's own choice)
     * @param cacheDir       where DJL extracts libtorch (about 430 MB, on first start); empty =
     *                       {@code <data-dir>/djl-cache}
     * @param libtorchDir    a libtorch 2.7.1 of your own instead of the CPU build inside the jar, e.g. an unpacked
     *                       CUDA 12.8 build for a GPU: its top folder (with {@code build-version} and {@code lib/}) or
     *                       the folder holding {@code libtorch.so}; empty = the jar's. Checked at start-up, which
     *                       logs the library and the device it found (docs/container.md, "A GPU")
     */
    public record Engine(
            @DefaultValue("2") int threads,
            @DefaultValue("1") int interopThreads,
            @DefaultValue("") String cacheDir,
            @DefaultValue("") String libtorchDir) {}

    /**
     * Each kind's limit is on the sum of its parts (an IDX upload's four files, a Quick, Draw! upload's files), so a
     * 413 names the kind and the setting to raise. MNIST's training images are 47 MB raw, one Quick, Draw! category
     * up to ~130 MB as .npy.
     *
     * @param csv           largest CSV table (413 above)
     * @param idx           largest IDX upload: images + labels (+ the official test pair) together, as sent (gzipped
     *                      or raw)
     * @param quickdraw     largest Quick, Draw! upload: its .npy or .ndjson files together
     * @param zip           largest ZIP of class folders, as sent
     * @param zipEntries    most entries in an image ZIP (folders and skipped system files count too)
     * @param zipExpanded   most bytes an image ZIP's entries may expand to together (with at most 100× expansion
     *                      per entry); entries are decoded one at a time, so this bounds work, not memory
     * @param maxImages     most images one upload may hold, all its files together (an IDX pair with its official
     *                      test pair, all Quick, Draw! files after {@code capPerClass}, all pictures of a ZIP);
     *                      checked from the files' headers before anything is decompressed. MNIST has 70,000;
     *                      500,000 images of 28×28 are 392 MB of pixels
     * @param maxImageBytes most bytes of pixels one upload may become (images × channels × height × width), checked
     *                      with {@code max-images}; the stored set is held in memory once while it is written
     * @param maxColumns        most columns of a CSV table
     * @param maxColumnNameLength longest CSV column name, in characters
     * @param maxCellLength     longest text value (category) in a CSV cell, in characters: categories are names such
     *                          as a country or a product code, not free text, and every value may end up in the
     *                          dataset's statistics and a model's vocabulary
     * @param maxClasses        most classes of a classification dataset (ImageNet has 1,000)
     * @param maxClassNameLength longest class name, in characters: a CSV label value, a ZIP class folder's name or
     *                          a Quick, Draw! file name without its extension
     */
    public record Uploads(
            @DefaultValue("64MB") DataSize csv,
            @DefaultValue("256MB") DataSize idx,
            @DefaultValue("256MB") DataSize quickdraw,
            @DefaultValue("128MB") DataSize zip,
            @DefaultValue("200000") int zipEntries,
            @DefaultValue("1GB") DataSize zipExpanded,
            @DefaultValue("500000") int maxImages,
            @DefaultValue("400MB") DataSize maxImageBytes,
            @DefaultValue("1000") int maxColumns,
            @DefaultValue("200") int maxColumnNameLength,
            @DefaultValue("1000") int maxCellLength,
            @DefaultValue("1000") int maxClasses,
            @DefaultValue("200") int maxClassNameLength) {}

    /**
     * @param maxRows        most rows, images or drawings in one prediction request
     * @param maxRequestSize largest prediction request body (JSON or multipart pictures)
     * @param cachedModels   most models kept loaded in memory for prediction; the least recently used one is
     *                       closed beyond that
     * @param maxPixels      most pixels (width × height, from the headers, before anything is decoded) of the PNG/JPEG
     *                       pictures of one prediction request together; each picture may also have at most 40,000,000
     *                       and 8192 a side. A decoded pixel costs about 16 bytes of heap and 20 ns until the picture
     *                       is prepared
     * @param maxDecodingPixels most pixels of prediction pictures this node decodes at the same time, across all
     *                       requests (at least one picture of 40,000,000 pixels should fit); a picture waits for its
     *                       turn up to 30 s, then the request gets a 503. With max-pixels it bounds the heap pictures take
     * @param recheck        how long a loaded model is served without asking the database whether it still exists:
     *                       a model deleted through another node is still served here for at most this long (one
     *                       deleted through this node stops at once)
     * @param batching       gathering concurrent small requests to one model into one forward pass
     */
    public record Prediction(
            @DefaultValue("10000") int maxRows,
            @DefaultValue("16MB") DataSize maxRequestSize,
            @DefaultValue("16") int cachedModels,
            @DefaultValue("100000000") long maxPixels,
            @DefaultValue("40000000") long maxDecodingPixels,
            @DefaultValue("1s") Duration recheck,
            @DefaultValue Batching batching) {

        /**
         * Dynamic batching (like Triton's dynamic batcher): a request that finds its model idle runs at once, alone;
         * requests that arrive while a forward pass of that model runs wait and go through together in the next one.
         *
         * @param enabled      gather concurrent requests; off = every request runs its own forward pass
         * @param maxBatchSize most rows or images of one gathered forward pass; a request larger than this runs
         *                     alone. A waiting request waits at most for the pass running when it came, then its own
         * @param maxWait      how long a request that finds its model idle waits for others before it runs (Triton's
         *                     max queue delay, TorchServe's maxBatchDelay); 0, the default, runs it at once, so
         *                     batching adds no latency without concurrency (under load the queue fills while a pass
         *                     runs)
         */
        public record Batching(
                @DefaultValue("true") boolean enabled,
                @DefaultValue("64") int maxBatchSize,
                @DefaultValue("0ms") Duration maxWait) {}
    }

    /**
     * @param mirrorDirs optional local folders searched, in order, for catalog files before the bundled copies and
     *                   the official sources (layout: {@code fashion-mnist/*.gz}, {@code quickdraw/<category>.npy},
     *                   {@code tabular/<name>.csv}); MNIST and the bundled tables need none
     * @param download   fetch from the official sources when no mirror has the files
     */
    public record Catalog(@DefaultValue("") java.util.List<Path> mirrorDirs, @DefaultValue("true") boolean download) {}

    /**
     * @param enabled            API keys required ({@code false} only for local experiments: everything is open,
     *                           and the log says so loudly)
     * @param anonymousRead      model metadata and predictions open to requests without a key
     * @param bootstrapAdminKey  on first start with no keys, this becomes the admin key instead of a generated one
     *                           that is printed in the log (for containers and tests; at least 32 characters)
     */
    public record Security(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("false") boolean anonymousRead,
            @DefaultValue("") String bootstrapAdminKey) {}

    /**
     * Spec size limits: each violation is a 400 naming the field.
     *
     * @param maxLayers     most layers in a spec
     * @param maxUnits      most units of one dense layer
     * @param maxParameters most trainable parameters of a network (about 16 bytes each to train)
     * @param maxEpochs     most epochs of one job
     * @param maxBatchSize  largest batch size, also for {@code "batchSize": "all"} (the training split's rows)
     */
    public record Limits(
            @DefaultValue("64") int maxLayers,
            @DefaultValue("65536") int maxUnits,
            @DefaultValue("50000000") long maxParameters,
            @DefaultValue("10000") int maxEpochs,
            @DefaultValue("65536") int maxBatchSize) {}

    /**
     * @param store where artifacts live: {@code filesystem} ({@code <dataDir>/artifacts}) or {@code s3} (a bucket of
     *              AWS S3 or of an S3-compatible server, with model files cached under {@code <dataDir>/artifact-cache})
     * @param s3    the bucket, when store is {@code s3}
     */
    public record Artifacts(@DefaultValue("filesystem") Store store, @DefaultValue S3 s3) {

        public enum Store {
            FILESYSTEM,
            S3
        }

        /**
         * @param bucket          the bucket (required with store {@code s3})
         * @param endpoint        an S3-compatible server's URL (MinIO, S3Proxy, Ceph, …); empty = AWS S3
         * @param region          the signing region; most S3-compatible servers accept any
         * @param prefix          key prefix inside the bucket, so several services can share one; may be empty
         * @param pathStyleAccess {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; unset =
         *                        true with an endpoint (self-hosted servers seldom have wildcard DNS), false on AWS
         * @param accessKey       with secretKey, fixed credentials; empty = the AWS SDK's default chain (environment,
         *                        system properties, profile files, container or instance role)
         * @param secretKey       see accessKey
         * @param createBucket    create the bucket at start when it is missing (tests, local servers)
         */
        public record S3(
                @DefaultValue("") String bucket,
                @DefaultValue("") String endpoint,
                @DefaultValue("us-east-1") String region,
                @DefaultValue("") String prefix,
                Boolean pathStyleAccess,
                @DefaultValue("") String accessKey,
                @DefaultValue("") String secretKey,
                @DefaultValue("false") boolean createBucket) {

            public boolean pathStyle() {
                return pathStyleAccess != null ? pathStyleAccess : !endpoint.isBlank();
            }

            // settings end up in logs and in startup failure messages: never with the secret
            @Override
            public String toString() {
                return "S3[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region + ", prefix=" + prefix
                        + ", pathStyleAccess=" + pathStyleAccess + ", accessKey=" + accessKey + ", secretKey="
                        + (secretKey.isEmpty() ? "" : "****") + ", createBucket=" + createBucket + "]";
            }
        }
    }

    /**
     * Soft limits: each is checked before the job is inserted, so concurrent submits (on one node or several) can
     * each pass the check and overshoot a limit by at most their number.
     *
     * @param maxQueued          most jobs waiting in the queue, all keys together; a submit or replay beyond is a
     *                           503 with {@code Retry-After}
     * @param maxQueuedPerKey    most queued or running jobs of one API key; beyond, a 429 with {@code Retry-After}
     * @param ssePollInterval    how often each job followed by {@code GET /api/v1/jobs/{id}/events} is read
     * @param sseTimeout         how long one event stream (of a job or a tuning run) stays open before the server
     *                           ends it (clients reconnect, with {@code Last-Event-ID})
     * @param sseHeartbeat       a comment line is sent on any event stream after this long without an event, so
     *                           proxies keep the connection open and a gone client is noticed
     * @param sseMaxSubscribers  most open event streams on this node, of jobs and tuning runs together; beyond, a 503
     * @param wakeOnSubmit       a job submitted to a node whose job server is idle starts at once instead of at the
     *                           server's next poll (every 5 s); false leaves every job to the poll
     */
    public record Jobs(
            @DefaultValue("100") int maxQueued,
            @DefaultValue("20") int maxQueuedPerKey,
            @DefaultValue("500ms") Duration ssePollInterval,
            @DefaultValue("30m") Duration sseTimeout,
            @DefaultValue("15s") Duration sseHeartbeat,
            @DefaultValue("1000") int sseMaxSubscribers,
            @DefaultValue("true") boolean wakeOnSubmit) {

        public Jobs {
            if (ssePollInterval.isNegative()
                    || ssePollInterval.isZero()
                    || sseTimeout.isNegative()
                    || sseTimeout.isZero()
                    || sseHeartbeat.isNegative()
                    || sseHeartbeat.isZero()) {
                throw new IllegalArgumentException(
                        "neurona.jobs.sse-poll-interval, sse-timeout and sse-heartbeat " + "must be positive");
            }
        }
    }

    public Path resolvedCacheDir() {
        return engine.cacheDir().isBlank() ? dataDir.resolve("djl-cache") : Path.of(engine.cacheDir());
    }
}
