package dev.neurona.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.neurona.dataset.Task;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.engine.DjlEngine;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.TooLargeException;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.spec.SpecLimits;
import dev.neurona.storage.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Portable bundles ({@code format=neurona}): a ZIP with a model's parameters, resolved spec, preprocessing, metrics,
 * diagnosis and receipt, a manifest and the SHA-256 of every file, which another Neurona imports as a model of its
 * own. An import is checked completely (archive, sums, manifest, spec, preprocessing, parameters loaded into the
 * network and run once) before anything is stored, and then stored like a trained model: files, then the record.
 */
@Service
public class ModelBundles {

    private static final Logger log = LoggerFactory.getLogger(ModelBundles.class);

    private final ModelRegistry registry;
    private final ModelWriter writer;
    private final ArtifactStore artifacts;
    private final JsonMapper json;
    private final ModelBundleReader reader;
    private final long maxSize;
    private final String version;

    ModelBundles(
            ModelRegistry registry,
            ModelWriter writer,
            ArtifactStore artifacts,
            JsonMapper json,
            NeuronaProperties properties,
            ObjectProvider<BuildProperties> build,
            // not used here, but it sets DJL up (offline, threads) and must do so before an import loads a model
            DjlEngine engine) {
        this.registry = registry;
        this.writer = writer;
        this.artifacts = artifacts;
        this.json = json;
        NeuronaProperties.Bundles b = properties.bundles();
        NeuronaProperties.Limits l = properties.limits();
        this.reader = new ModelBundleReader(
                json,
                new ModelBundleReader.Limits(b.maxExpanded().toBytes(), b.maxEntries()),
                new SpecLimits(l.maxLayers(), l.maxUnits(), l.maxParameters(), l.maxEpochs(), l.maxBatchSize()));
        this.maxSize = b.maxSize().toBytes();
        BuildProperties info = build.getIfAvailable();
        this.version = info != null ? info.getVersion() : "unknown";
    }

    static final String MEDIA_TYPE = "application/zip";

    /** A bundle ready to be written: its files (name → bytes, in bundle order) and a file name for downloads. */
    public record Bundle(String fileName, Map<String, byte[]> files) {

        public void writeTo(OutputStream out) throws IOException {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
            zip.finish();
        }
    }

    /**
     * The model's bundle, its stored files checked against their recorded SHA-256 first (a damaged model is a 409,
     * not a bundle that fails on import). Built before a byte is sent, so every refusal is a proper answer.
     */
    public Bundle export(UUID id) {
        ModelRecord model = registry.get(id);
        String prefix = ModelRecord.prefix(id) + "/";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelBundleReader.SPEC, json.writeValueAsBytes(model.spec()));
        files.put(ModelBundleReader.PREPROCESSING, json.writeValueAsBytes(model.preprocessing()));
        files.put(ModelBundleReader.METRICS, json.writeValueAsBytes(model.metrics()));
        files.put(ModelBundleReader.DIAGNOSIS, json.writeValueAsBytes(model.diagnosis()));
        if (model.receipt() != null) {
            files.put(ModelBundleReader.RECEIPT, json.writeValueAsBytes(model.receipt()));
        }
        model.artifacts().forEach((key, sha) -> {
            String name = key.startsWith(prefix) ? key.substring(prefix.length()) : key;
            // the spec and preprocessing are the record's, above; the rest is what the network needs
            if (name.equals(ModelBundleReader.SPEC) || name.equals(ModelBundleReader.PREPROCESSING)) {
                return;
            }
            byte[] bytes = artifacts.read(key);
            if (!sha.equals(sha256(bytes))) {
                throw new ConflictException(
                        "model-corrupted",
                        "Model artifacts corrupted",
                        "The stored file " + key + " does not match its recorded SHA-256; retrain the model.");
            }
            files.put(ModelBundleReader.PARAMETERS + name, bytes);
        });
        ModelBundleManifest manifest = new ModelBundleManifest(
                ModelBundleManifest.FORMAT,
                ModelBundleManifest.VERSION,
                version,
                model.name(),
                model.task(),
                model.createdAt(),
                Instant.now(),
                model.id(),
                model.jobId(),
                model.datasetId(),
                new ArrayList<>(files.keySet()),
                model.registeredName(),
                model.version());
        Map<String, byte[]> bundle = new LinkedHashMap<>();
        bundle.put(ModelBundleReader.MANIFEST, json.writeValueAsBytes(manifest));
        bundle.putAll(files);
        StringBuilder sums = new StringBuilder();
        bundle.forEach((name, bytes) ->
                sums.append(sha256(bytes)).append("  ").append(name).append('\n'));
        bundle.put(ModelBundleReader.SUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
        return new Bundle(fileName(model), bundle);
    }

    /** Writes the model's bundle to {@code out}. */
    public void export(UUID id, OutputStream out) throws IOException {
        export(id).writeTo(out);
    }

    /**
     * Stores the bundle's model under a new id with the manifest's name, and returns its record. It gets a job id
     * of its own (no job here trained it; the original ids stay in the bundle's manifest) and keeps the dataset id
     * it was trained on. Nothing is stored unless every check passes. It becomes the next version of {@code name}, or
     * when null of the registered name it had where it was exported (for older bundles, its name made into one).
     */
    public ModelRecord importBundle(InputStream in, String name) {
        RegisterAs as = name == null ? null : RegisterAs.named(name).validated("");
        Path upload = null;
        try {
            upload = Files.createTempFile("neurona-bundle-", ".zip");
            copyBounded(in, upload);
            ModelBundleReader.Contents bundle = reader.read(upload);
            Path dir = Files.createTempDirectory("neurona-import-");
            try {
                for (Map.Entry<String, byte[]> file : bundle.parameters().entrySet()) {
                    Files.write(dir.resolve(file.getKey()), file.getValue());
                }
                checkLoads(bundle, dir);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(dir);
                throw e;
            }
            ModelBundleManifest manifest = bundle.manifest();
            UUID id = writer.save(new NewModel(
                            UUID.randomUUID(),
                            manifest.datasetId() != null ? manifest.datasetId() : new UUID(0, 0),
                            manifest.name(),
                            bundle.spec(),
                            bundle.preprocessing(),
                            bundle.metrics(),
                            bundle.diagnosis(),
                            bundle.receipt(),
                            null,
                            dir,
                            as != null
                                    ? as
                                    : RegisterAs.named(ModelNames.slug(
                                            manifest.registeredName() != null
                                                    ? manifest.registeredName()
                                                    : manifest.name()))))
                    .orElseThrow(() -> new IllegalStateException("an imported model's fresh job id was taken"));
            log.info("imported model {} '{}' as {}", manifest.modelId(), manifest.name(), id);
            return registry.get(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import a bundle", e);
        } finally {
            if (upload != null) {
                deleteQuietly(upload);
            }
        }
    }

    /** The largest bundle an import accepts, as uploaded. */
    public long maxSize() {
        return maxSize;
    }

    private void copyBounded(InputStream in, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxSize) {
                    throw tooLarge(maxSize);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    static TooLargeException tooLarge(long maxSize) {
        return new TooLargeException(
                ModelBundleReader.FIELD, "the bundle is larger than " + maxSize + " bytes (neurona.bundles.max-size)");
    }

    /**
     * Loads the parameters into the network the spec builds and runs one input of zeros through it: parameters of
     * another network fail here (wrong count or shapes), not at the first prediction.
     */
    private static void checkLoads(ModelBundleReader.Contents bundle, Path dir) {
        List<Integer> shape = bundle.preprocessing().inputShape();
        long[] dims = new long[shape.size() + 1];
        dims[0] = 1;
        for (int i = 0; i < shape.size(); i++) {
            dims[i + 1] = shape.get(i);
        }
        long width;
        try (Model model = Model.newInstance("bundle-check")) {
            Network network = NetworkBuilder.build(bundle.spec());
            model.setBlock(network.block());
            // DJL takes a loaded parameter's shape from the file, so parameters of a wider layer would load and
            // even run; the shapes the spec's network needs are the check
            network.block().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(dims));
            Map<String, Shape> expected = new LinkedHashMap<>();
            network.block()
                    .getParameters()
                    .forEach(p ->
                            expected.put(p.getKey(), p.getValue().getArray().getShape()));
            model.load(dir, ModelRecord.PARAMETERS_NAME);
            for (var p : network.block().getParameters()) {
                Shape loaded = p.getValue().getArray().getShape();
                if (!loaded.equals(expected.get(p.getKey()))) {
                    throw ModelBundleReader.invalid("the parameters do not load into the network spec.json builds:"
                            + " the parameter " + p.getKey() + " has the shape " + loaded + " where it needs "
                            + expected.get(p.getKey()) + "; they belong to another model");
                }
            }
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray out = model.getBlock()
                        .forward(new ParameterStore(manager, false), new NDList(manager.zeros(new Shape(dims))), false)
                        .singletonOrThrow();
                Shape s = out.getShape();
                if (bundle.spec().reconstruction()) {
                    // an autoencoder gives back one value per input value, in the input's shape
                    width = s.get(0) == 1 && s.slice(1).equals(new Shape(dims).slice(1)) ? s.size() : -1;
                } else {
                    width = s.dimension() == 2 && s.get(0) == 1 ? s.get(1) : -1;
                }
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw ModelBundleReader.invalid("the parameters do not load into the network spec.json builds ("
                    + e.getClass().getSimpleName() + ": " + shorten(String.valueOf(e.getMessage()))
                    + "); they belong to another model or are damaged");
        }
        long expected = bundle.spec().reconstruction()
                ? new Shape(dims).size()
                : bundle.preprocessing().task() == Task.CLASSIFICATION
                        ? bundle.preprocessing().classes().size()
                        : 1;
        if (width != expected) {
            throw ModelBundleReader.invalid(
                    "the network gives " + (width < 0 ? "an output of another shape" : width + " outputs")
                            + " but preprocessing.json expects " + expected);
        }
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String fileName(ModelRecord model) {
        String name = model.name() == null ? "model" : model.name().replaceAll("[^A-Za-z0-9._-]+", "-");
        return name + "-" + model.id() + ".neurona.zip";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            FileSystemUtils.deleteRecursively(path);
        } catch (IOException e) {
            log.warn("could not delete {}", path, e);
        }
    }
}
