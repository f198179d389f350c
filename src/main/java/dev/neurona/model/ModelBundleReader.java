package dev.neurona.model;

import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.TooLargeException;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.SpecLimits;
import dev.neurona.spec.SpecValidator;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a portable bundle as an untrusted upload: every entry bounded, named as the layout allows, listed in
 * {@code SHA256SUMS} with a matching sum and in the manifest; the manifest of a known format version; spec and
 * preprocessing that parse and validate against each other here. Each refusal is a 400 (413 for size) naming the
 * {@value #FIELD} and what is wrong. Loading the parameters into a network is left to the caller (it needs DJL).
 */
final class ModelBundleReader {

    static final String FIELD = "bundle";
    static final String MANIFEST = "manifest.json";
    static final String SUMS = "SHA256SUMS";
    static final String SPEC = "spec.json";
    static final String PREPROCESSING = "preprocessing.json";
    static final String METRICS = "metrics.json";
    static final String DIAGNOSIS = "diagnosis.json";
    static final String RECEIPT = "receipt.json";
    static final String PARAMETERS = "parameters/";

    private static final List<String> TOP_LEVEL =
            List.of(MANIFEST, SUMS, SPEC, PREPROCESSING, METRICS, DIAGNOSIS, RECEIPT);
    private static final List<String> REQUIRED = List.of(MANIFEST, SUMS, SPEC, PREPROCESSING, METRICS);
    /** The artifact store's key segment rules, so a parameter file can be stored under the name it has. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");

    /** How much an upload may hold: bytes once inflated, and entries. */
    record Limits(long maxExpanded, int maxEntries) {}

    /** A bundle that passed every check: the model's record parts and its parameter files (name → bytes). */
    record Contents(
            ModelBundleManifest manifest,
            ModelSpec spec,
            Preprocessing preprocessing,
            Metrics metrics,
            List<Finding> diagnosis,
            Receipt receipt,
            Map<String, byte[]> parameters) {}

    private final JsonMapper json;
    private final Limits limits;
    private final SpecLimits specLimits;

    ModelBundleReader(JsonMapper json, Limits limits, SpecLimits specLimits) {
        this.json = json;
        this.limits = limits;
        this.specLimits = specLimits;
    }

    Contents read(Path zip) {
        Map<String, byte[]> files = unzip(zip);
        for (String name : REQUIRED) {
            if (!files.containsKey(name)) {
                throw invalid("the bundle lacks " + name + "; export the model again");
            }
        }
        checkSums(files);
        ModelBundleManifest manifest = manifest(files);
        ModelSpec spec = parse(files, SPEC, ModelSpec.class);
        checkKind(files.get(PREPROCESSING));
        Preprocessing preprocessing = parse(files, PREPROCESSING, Preprocessing.class);
        Metrics metrics = parse(files, METRICS, Metrics.class);
        List<Finding> diagnosis = files.containsKey(DIAGNOSIS)
                ? parse(files, DIAGNOSIS, new TypeReference<List<Finding>>() {})
                : List.of();
        Receipt receipt = files.containsKey(RECEIPT) ? parse(files, RECEIPT, Receipt.class) : null;
        if (spec == null || preprocessing == null || metrics == null) {
            throw invalid("spec.json, preprocessing.json and metrics.json must each hold a JSON object, not null");
        }
        if (diagnosis == null || diagnosis.stream().anyMatch(java.util.Objects::isNull)) {
            throw invalid(DIAGNOSIS + " must hold a JSON array of findings (objects), without null");
        }
        if (manifest.task() != preprocessing.task()) {
            throw invalid("the manifest says the task is " + manifest.task() + " but preprocessing.json says "
                    + preprocessing.task());
        }
        validate(spec, preprocessing, receipt);
        Map<String, byte[]> parameters = new TreeMap<>();
        files.forEach((name, bytes) -> {
            if (name.startsWith(PARAMETERS)) {
                parameters.put(name.substring(PARAMETERS.length()), bytes);
            }
        });
        if (parameters.keySet().stream().noneMatch(n -> n.endsWith(".params"))) {
            throw invalid("the bundle holds no parameter file (" + PARAMETERS + "*.params); export the model again");
        }
        byte[] predictions = parameters.get(TestPredictions.NAME);
        if (predictions != null) {
            try {
                TestPredictions.decode(predictions);
            } catch (RuntimeException e) {
                throw invalid(PARAMETERS + TestPredictions.NAME + " cannot be read: " + e.getMessage());
            }
        }
        return new Contents(manifest, spec, preprocessing, metrics, diagnosis, receipt, parameters);
    }

    private Map<String, byte[]> unzip(Path zip) {
        try (ZipFile archive = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            if (archive.size() > limits.maxEntries()) {
                throw new TooLargeException(
                        FIELD,
                        "the bundle holds " + archive.size() + " entries; at most " + limits.maxEntries()
                                + " are allowed (neurona.bundles.max-entries)");
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            long left = limits.maxExpanded();
            for (ZipEntry entry : Collections.list(archive.entries())) {
                String name = entry.getName();
                if (entry.isDirectory() && name.equals(PARAMETERS)) {
                    continue;
                }
                checkName(name);
                if (files.containsKey(name)) {
                    throw invalid("the bundle holds " + name + " twice");
                }
                byte[] bytes = inflate(archive, entry, left);
                left -= bytes.length;
                files.put(name, bytes);
            }
            return files;
        } catch (IOException e) {
            // a directory cut short is an EOFException, most other damage a ZipException: both are the upload's
            throw invalid("not a ZIP archive, or a damaged one: its central directory (the index at its end) cannot"
                    + " be read (" + e.getMessage() + "); it may be truncated, download it again");
        } catch (IllegalArgumentException e) {
            throw invalid("the ZIP has entry names that are not UTF-8 text; a Neurona bundle has none");
        }
    }

    private static void checkName(String name) {
        if (name.startsWith("/") || name.contains("\\") || name.contains("..") || name.contains(":")) {
            throw invalid("the entry '" + shown(name) + "' is an unsafe path (absolute, a drive or '..');"
                    + " a bundle holds only its own files");
        }
        boolean allowed = TOP_LEVEL.contains(name)
                || (name.startsWith(PARAMETERS)
                        && SAFE.matcher(name.substring(PARAMETERS.length())).matches());
        if (!allowed) {
            throw invalid("the entry '" + shown(name) + "' is not part of a Neurona bundle (top level: "
                    + String.join(", ", TOP_LEVEL) + "; parameter files under " + PARAMETERS + ")");
        }
    }

    private byte[] inflate(ZipFile archive, ZipEntry entry, long left) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = archive.getInputStream(entry)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > left) {
                    throw new TooLargeException(
                            FIELD,
                            "the bundle expands to more than " + limits.maxExpanded()
                                    + " bytes (neurona.bundles.max-expanded)");
                }
                out.write(buffer, 0, n);
            }
        } catch (ZipException | EOFException e) {
            throw invalid(entry.getName() + " cannot be read (" + e.getMessage() + "); the bundle is damaged or"
                    + " truncated, download it again");
        }
        if (entry.getSize() >= 0 && entry.getSize() != out.size()) {
            throw invalid(entry.getName() + " holds " + out.size() + " bytes but the ZIP's directory says "
                    + entry.getSize() + "; the bundle is damaged");
        }
        return out.toByteArray();
    }

    /** Every file but the sums themselves is listed once with its SHA-256, and every listed file is there. */
    private static void checkSums(Map<String, byte[]> files) {
        Map<String, String> sums = new LinkedHashMap<>();
        String[] lines = new String(files.get(SUMS), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = SUM_LINE.matcher(line);
            if (!m.matches()) {
                throw invalid(SUMS + " line " + (i + 1) + " is not '<sha-256 in hex>  <file>'");
            }
            if (sums.put(m.group(2), m.group(1)) != null) {
                throw invalid(SUMS + " lists " + shown(m.group(2)) + " twice");
            }
        }
        for (String name : sums.keySet()) {
            if (!files.containsKey(name)) {
                throw invalid(SUMS + " lists " + shown(name) + ", which the bundle lacks; it is incomplete");
            }
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().equals(SUMS)) {
                continue;
            }
            String expected = sums.get(file.getKey());
            if (expected == null) {
                throw invalid(file.getKey() + " is not listed in " + SUMS + "; every file of a bundle is");
            }
            if (!expected.equals(ModelBundles.sha256(file.getValue()))) {
                throw invalid(file.getKey() + " does not match its SHA-256 in " + SUMS
                        + "; it was changed or damaged after export");
            }
        }
    }

    private ModelBundleManifest manifest(Map<String, byte[]> files) {
        ModelBundleManifest manifest = parse(files, MANIFEST, ModelBundleManifest.class);
        if (manifest == null || !ModelBundleManifest.FORMAT.equals(manifest.format())) {
            throw invalid(MANIFEST + ": format must be '" + ModelBundleManifest.FORMAT + "', was '"
                    + (manifest == null ? null : shown(String.valueOf(manifest.format()))) + "'");
        }
        if (manifest.formatVersion() == null || manifest.formatVersion() != ModelBundleManifest.VERSION) {
            throw invalid(MANIFEST + ": format version " + manifest.formatVersion() + " is not one this Neurona"
                    + " reads (it reads version " + ModelBundleManifest.VERSION + "); import it into a Neurona"
                    + " as new as the one that exported it");
        }
        if (manifest.name() == null
                || manifest.name().isBlank()
                || manifest.name().length() > 200) {
            throw invalid(MANIFEST + ": name must be 1 to 200 characters");
        }
        if (manifest.task() == null) {
            throw invalid(MANIFEST + ": task is missing");
        }
        List<String> listed = manifest.files() == null ? List.of() : manifest.files();
        if (listed.stream().anyMatch(java.util.Objects::isNull)) {
            throw invalid(MANIFEST + ": files must list file names, not null");
        }
        List<String> present = new ArrayList<>(files.keySet());
        present.removeAll(List.of(MANIFEST, SUMS));
        if (!new TreeSet<>(listed).equals(new TreeSet<>(present)) || listed.size() != present.size()) {
            throw invalid(MANIFEST + ": its file list " + listed + " does not match the bundle's files " + present);
        }
        return manifest;
    }

    /** An unknown kind would be read as a table's (the default for records older than kinds): not in a bundle. */
    private void checkKind(byte[] preprocessing) {
        String kind;
        try {
            kind = json.readTree(preprocessing).path("kind").asString("tabular");
        } catch (RuntimeException notJson) {
            return; // parsing it says what is wrong
        }
        if (!List.of("tabular", "image").contains(kind)) {
            throw invalid(PREPROCESSING + ": kind must be tabular or image, was '" + shown(kind) + "'");
        }
    }

    /** The stored spec checked as a training request would be, against the shape its preprocessing makes. */
    private void validate(ModelSpec spec, Preprocessing preprocessing, Receipt receipt) {
        List<Integer> shape = preprocessing.inputShape();
        if (shape == null
                || shape.isEmpty()
                || shape.size() > 3
                || shape.stream().anyMatch(d -> d == null || d < 1)) {
            throw invalid(PREPROCESSING + ": inputShape must be 1 to 3 positive sizes, was " + shape);
        }
        int rows = receipt == null
                ? 1_000_000
                : Math.max(1, receipt.trainRows() + receipt.validationRows() + receipt.testRows());
        try {
            SpecValidator.resolve(
                    spec, new DataShape(shape, preprocessing.task(), preprocessing.classes(), rows), specLimits);
        } catch (InvalidInputException e) {
            throw e.under(FIELD);
        }
    }

    private <T> T parse(Map<String, byte[]> files, String name, Class<T> type) {
        try {
            return json.readValue(files.get(name), type);
        } catch (RuntimeException e) {
            throw unparsable(name, e);
        }
    }

    private <T> T parse(Map<String, byte[]> files, String name, TypeReference<T> type) {
        try {
            return json.readValue(files.get(name), type);
        } catch (RuntimeException e) {
            throw unparsable(name, e);
        }
    }

    private static InvalidInputException unparsable(String name, RuntimeException e) {
        String why = e instanceof tools.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage();
        why = String.valueOf(why);
        return invalid(name + " does not parse: " + (why.length() > 300 ? why.substring(0, 300) + "…" : why));
    }

    static InvalidInputException invalid(String reason) {
        return new InvalidInputException(FIELD, reason);
    }

    /** An entry name as a problem may quote it: bounded, without control characters. */
    private static String shown(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
