package dev.neurona.dataset;

import dev.neurona.dataset.encoding.TabularData;
import dev.neurona.dataset.encoding.UnknownCategories;
import dev.neurona.dataset.format.CsvOptions;
import dev.neurona.dataset.format.CsvResult;
import dev.neurona.dataset.format.CsvTableReader;
import dev.neurona.dataset.format.MissingPolicy;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.storage.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Uploads, reads back and deletes datasets. The uploaded file is kept as it came (under its SHA-256) together with
 * the options it was read with, so training re-reads exactly what the user saw in the upload response.
 */
@Service
public class DatasetService {

    private final DatasetRepository repository;
    private final ArtifactStore artifacts;
    // looked up lazily: the features that use datasets depend on this service themselves
    private final ObjectProvider<DatasetUsage> usages;
    private final UploadLimits limits;

    DatasetService(
            DatasetRepository repository,
            ArtifactStore artifacts,
            ObjectProvider<DatasetUsage> usages,
            UploadLimits limits) {
        this.repository = repository;
        this.artifacts = artifacts;
        this.usages = usages;
        this.limits = limits;
    }

    DatasetInfo upload(String name, byte[] bytes, CsvOptions options) {
        return upload(name, bytes, options, List.of(), UnknownCategories.IGNORE);
    }

    /**
     * A CSV upload whose {@code ignoreColumns} stay in the file but are no feature (ids, names, free text), and whose
     * models treat categories unseen in training as {@code unknownCategories} says.
     */
    DatasetInfo upload(
            String name, byte[] bytes, CsvOptions options, List<String> ignoreColumns, String unknownCategories) {
        CsvResult result = CsvTableReader.read(bytes, options);
        limits.table(result);
        List<String> ignored = ignoredColumns(result, ignoreColumns);
        UUID id = UUID.randomUUID();
        String key = "datasets/" + id + "/data.csv";
        String sha = artifacts.put(key, new ByteArrayInputStream(bytes));
        Table table = result.table();
        String label = result.labelColumn();
        DatasetInfo info = new DatasetInfo(
                id,
                name,
                "tabular",
                result.task(),
                label,
                separatorText(result.separator()),
                options.missing().name().toLowerCase(Locale.ROOT),
                table.rowCount(),
                result.droppedRows(),
                List.of(TableSummary.encodedWidth(table, label, ignored)),
                result.classes(),
                TableSummary.classBalance(table, label, result.classes()),
                TableSummary.summarize(table, label, ignored),
                sha,
                bytes.length,
                Instant.now(),
                0,
                null,
                ignored,
                unknownCategories,
                null,
                null);
        repository.insert(info, key);
        return info;
    }

    /** The columns to ignore, checked against the file: each must exist, none may be the label, one feature stays. */
    private static List<String> ignoredColumns(CsvResult result, List<String> requested) {
        List<String> names = result.table().columns().stream().map(Column::name).toList();
        List<String> ignored = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (String wanted : requested) {
            if (names.contains(wanted) && !ignored.contains(wanted)) {
                ignored.add(wanted);
            }
            if (problems.size() >= 20) {
                continue;
            }
            if (!names.contains(wanted)) {
                String shown = wanted.length() > 100 ? wanted.substring(0, 100) + "…" : wanted;
                problems.add(
                        new FieldProblem("ignoreColumns", "no column '" + shown + "'; columns are: " + listed(names)));
            } else if (wanted.equals(result.labelColumn())) {
                problems.add(new FieldProblem(
                        "ignoreColumns",
                        "'" + wanted + "' is the label column, which cannot be ignored; to predict another column,"
                                + " name it as labelColumn"));
            }
        }
        if (problems.isEmpty() && ignored.size() >= names.size() - 1) {
            problems.add(new FieldProblem(
                    "ignoreColumns", "every feature column is ignored: at least one must stay to learn from"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid ignoreColumns", problems);
        }
        return List.copyOf(ignored);
    }

    private static String listed(List<String> names) {
        return names.size() <= 30
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 30)) + ", … (" + (names.size() - 30) + " more)";
    }

    /**
     * Stores images as two flat files, pixels (uint8, N×C×H×W) and labels (int32), so training streams them without
     * one object per image. The last {@code officialTestRows} images are the official test split, if any.
     */
    DatasetInfo storeImages(String name, ImageSet images, int officialTestRows, String style) {
        UUID id = UUID.randomUUID();
        String key = "datasets/" + id + "/images.u8";
        String sha = artifacts.put(key, new ByteArrayInputStream(images.pixels()));
        ByteBuffer labels = ByteBuffer.allocate(images.count() * 4);
        labels.asIntBuffer().put(images.labels());
        artifacts.put("datasets/" + id + "/labels.i32", new ByteArrayInputStream(labels.array()));
        Map<String, Integer> balance = new LinkedHashMap<>();
        images.classes().forEach(c -> balance.put(c, 0));
        for (int label : images.labels()) {
            balance.merge(images.classes().get(label), 1, Integer::sum);
        }
        DatasetInfo info = new DatasetInfo(
                id,
                name,
                "image",
                Task.CLASSIFICATION,
                "label",
                "",
                "error",
                images.count(),
                0,
                List.of(images.channels(), images.height(), images.width()),
                images.classes(),
                balance,
                List.of(),
                sha,
                images.pixels().length,
                Instant.now(),
                officialTestRows,
                style);
        repository.insert(info, key);
        return info;
    }

    /** The images and labels of an image dataset, as stored. */
    public ImageSet loadImages(UUID id) {
        DatasetInfo info = get(id);
        if (!"image".equals(info.kind())) {
            throw new InvalidInputException("datasetId", "dataset " + id + " is a table, not images");
        }
        byte[] pixels = artifacts.read(repository.fileKey(id));
        int[] labels = new int[info.rows()];
        ByteBuffer.wrap(artifacts.read("datasets/" + id + "/labels.i32"))
                .asIntBuffer()
                .get(labels);
        List<Integer> shape = info.inputShape();
        return new ImageSet(shape.get(0), shape.get(1), shape.get(2), pixels, labels, info.classes());
    }

    /**
     * The images at the given indices (in that order), read from the stored file one by one, so looking at a few
     * test images does not load the whole dataset.
     */
    public ImageSet loadImages(UUID id, int[] indices) {
        DatasetInfo info = get(id);
        if (!"image".equals(info.kind())) {
            throw new InvalidInputException("datasetId", "dataset " + id + " is a table, not images");
        }
        List<Integer> shape = info.inputShape();
        int size = shape.get(0) * shape.get(1) * shape.get(2);
        String key = repository.fileKey(id);
        byte[] pixels = new byte[Math.multiplyExact(indices.length, size)];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= info.rows()) {
                throw new IndexOutOfBoundsException("image " + indices[i] + " of " + info.rows());
            }
            System.arraycopy(artifacts.read(key, (long) indices[i] * size, size), 0, pixels, i * size, size);
            labels[i] = ByteBuffer.wrap(artifacts.read("datasets/" + id + "/labels.i32", 4L * indices[i], 4))
                    .getInt();
        }
        return new ImageSet(shape.get(0), shape.get(1), shape.get(2), pixels, labels, info.classes());
    }

    public DatasetInfo get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("dataset", id));
    }

    /**
     * The dataset, or empty once it has been deleted; a 409 for one whose stored record cannot be read back, as
     * nothing can be done with it but deleting it.
     */
    public Optional<DatasetInfo> find(UUID id) {
        Optional<DatasetInfo> found = repository.find(id);
        found.filter(d -> d.problem() != null).ifPresent(d -> {
            throw new ConflictException(
                    "dataset-unreadable", "Dataset unreadable", "Dataset " + id + ": " + d.problem());
        });
        return found;
    }

    /** The dataset as listed: one whose stored record cannot be read back comes with its {@code problem}. */
    DatasetInfo describe(UUID id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("dataset", id));
    }

    List<DatasetInfo> list() {
        return repository.list();
    }

    void delete(UUID id) {
        // never through get(): a dataset whose record cannot be read back must still be deletable
        describe(id);
        for (DatasetUsage usage : usages.orderedStream().toList()) {
            usage.activeUse(id).ifPresent(reason -> {
                throw new ConflictException("Dataset " + id + " is in use: " + reason);
            });
        }
        repository.delete(id);
        artifacts.deletePrefix("datasets/" + id);
    }

    /** Re-reads the stored file with the options recorded at upload. */
    public TabularData load(UUID id) {
        DatasetInfo info = get(id);
        if (!"tabular".equals(info.kind())) {
            throw new InvalidInputException("datasetId", "dataset " + id + " holds images, not a table");
        }
        MissingPolicy policy = MissingPolicy.valueOf(info.missingValues().toUpperCase(Locale.ROOT));
        CsvOptions options = new CsvOptions(separatorChar(info.separator()), info.labelColumn(), info.task(), policy);
        CsvResult result = CsvTableReader.read(artifacts.read(repository.fileKey(id)), options);
        return new TabularData(
                result.table(),
                info.labelColumn(),
                info.task(),
                result.classes(),
                policy == MissingPolicy.IMPUTE,
                info.ignoredColumns(),
                info.unknownCategories());
    }

    /** Rows as column → value maps (missing cells as null), for a quick look at the data. */
    List<Map<String, Object>> samples(UUID id, int offset, int limit) {
        Table table = load(id).table();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = offset; r < Math.min(table.rowCount(), offset + limit); r++) {
            rows.add(row(table, r));
        }
        return rows;
    }

    /** The rows at the given indices of a table dataset, in that order, shaped as {@link #samples} shapes them. */
    public List<Map<String, Object>> rows(UUID id, int[] indices) {
        Table table = load(id).table();
        List<Map<String, Object>> rows = new ArrayList<>(indices.length);
        for (int r : indices) {
            rows.add(row(table, r));
        }
        return rows;
    }

    private static Map<String, Object> row(Table table, int r) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column c : table.columns()) {
            if (c instanceof NumericColumn n) {
                row.put(c.name(), c.isMissing(r) ? null : n.values()[r]);
            } else {
                row.put(c.name(), ((CategoricalColumn) c).values()[r]);
            }
        }
        return row;
    }

    static String separatorText(char separator) {
        return separator == '\t' ? "\\t" : String.valueOf(separator);
    }

    static Character separatorChar(String text) {
        return "\\t".equals(text) || "tab".equalsIgnoreCase(text) ? '\t' : text.charAt(0);
    }
}
