package dev.neurona.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        Instant createdAt,
        @Schema(
                        description = "images: how many of the rows (the last ones) are the official test split, e.g. "
                                + "MNIST's 10,000; 0 when the test split is drawn at random")
                int officialTestRows,
        @Schema(
                        description = "images: how a drawing is prepared for models trained here: mnist, quickdraw or "
                                + "resize; null for tables")
                String imageStyle) {}
