package dev.neurona.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An uploaded dataset as the API shows it: how it was read, its schema with per-column statistics, and the class
 * balance of its label.
 */
@Schema(name = "Dataset")
public record DatasetInfo(
        UUID id,
        String name,
        @Schema(example = "tabular") String kind,
        Task task,
        String labelColumn,
        @Schema(description = "the field separator that was used", example = ",") String separator,
        @Schema(description = "missing-value policy: error, drop or impute", example = "error") String missingValues,
        @Schema(description = "rows kept") int rows,
        @Schema(description = "rows dropped because of missing values") int droppedRows,
        @Schema(description = "shape of one encoded input row (one-hot categories counted)", example = "[4]")
        List<Integer> inputShape,
        List<String> classes,
        Map<String, Integer> classBalance,
        List<ColumnSummary> columns,
        String sha256,
        long sizeBytes,
        Instant createdAt) {
}
