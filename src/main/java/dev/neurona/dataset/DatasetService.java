package dev.neurona.dataset;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.neurona.model.ArtifactStore;
import dev.neurona.platform.ApiException;

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

    DatasetService(DatasetRepository repository, ArtifactStore artifacts, ObjectProvider<DatasetUsage> usages) {
        this.repository = repository;
        this.artifacts = artifacts;
        this.usages = usages;
    }

    DatasetInfo upload(String name, byte[] bytes, CsvOptions options) {
        CsvResult result = CsvTableReader.read(bytes, options);
        UUID id = UUID.randomUUID();
        String key = "datasets/" + id + "/data.csv";
        String sha = artifacts.put(key, new ByteArrayInputStream(bytes));
        Table table = result.table();
        String label = result.labelColumn();
        DatasetInfo info = new DatasetInfo(id, name, "tabular", result.task(), label,
                separatorText(result.separator()), options.missing().name().toLowerCase(Locale.ROOT),
                table.rowCount(), result.droppedRows(), List.of(TableSummary.encodedWidth(table, label)),
                result.classes(), TableSummary.classBalance(table, label, result.classes()),
                TableSummary.summarize(table, label), sha, bytes.length, Instant.now());
        repository.insert(info, key);
        return info;
    }

    public DatasetInfo get(UUID id) {
        return repository.find(id).orElseThrow(() -> ApiException.notFound("dataset", id));
    }

    List<DatasetInfo> list() {
        return repository.list();
    }

    void delete(UUID id) {
        get(id);
        for (DatasetUsage usage : usages.orderedStream().toList()) {
            usage.activeUse(id).ifPresent(reason -> {
                throw ApiException.conflict("Dataset " + id + " is in use: " + reason);
            });
        }
        repository.delete(id);
        artifacts.deletePrefix("datasets/" + id);
    }

    /** Re-reads the stored file with the options recorded at upload. */
    public TabularData load(UUID id) {
        DatasetInfo info = get(id);
        MissingPolicy policy = MissingPolicy.valueOf(info.missingValues().toUpperCase(Locale.ROOT));
        CsvOptions options = new CsvOptions(separatorChar(info.separator()), info.labelColumn(), info.task(), policy);
        CsvResult result = CsvTableReader.read(artifacts.read(repository.fileKey(id)), options);
        return new TabularData(result.table(), info.labelColumn(), info.task(), result.classes(),
                policy == MissingPolicy.IMPUTE);
    }

    /** Rows as column → value maps (missing cells as null), for a quick look at the data. */
    List<Map<String, Object>> samples(UUID id, int offset, int limit) {
        Table table = load(id).table();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = offset; r < Math.min(table.rowCount(), offset + limit); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column c : table.columns()) {
                if (c instanceof NumericColumn n) {
                    row.put(c.name(), c.isMissing(r) ? null : n.values()[r]);
                } else {
                    row.put(c.name(), ((CategoricalColumn) c).values()[r]);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    static String separatorText(char separator) {
        return separator == '\t' ? "\\t" : String.valueOf(separator);
    }

    static Character separatorChar(String text) {
        return "\\t".equals(text) || "tab".equalsIgnoreCase(text) ? '\t' : text.charAt(0);
    }
}
