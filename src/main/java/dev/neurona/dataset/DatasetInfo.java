package dev.neurona.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
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
                String imageStyle,
        @Schema(
                        description = "tables: columns kept in the file but not used as features (ids, names, free "
                                + "text); their role in columns is ignored",
                        example = "[\"id\", \"name\"]")
                List<String> ignoredColumns,
        @Schema(
                        description = "tables: what a model trained on this dataset does with a category it never saw "
                                + "in training, unless the job says otherwise: ignore (encoded as all zeros, noted "
                                + "per row in the prediction) or error (400); null for images",
                        example = "ignore")
                String unknownCategories,
        @Schema(
                        description = "ZIP uploads, in the upload's response only: entries that were not read because "
                                + "they are system files, not pictures (.DS_Store, __MACOSX/…, Thumbs.db, dot files)")
                @JsonInclude(JsonInclude.Include.NON_NULL)
                List<String> skipped,
        @Schema(
                        description = "set only when the stored record cannot be read back (e.g. it was stored by an "
                                + "older version without today's limits): the reason; such a dataset can only be "
                                + "deleted")
                @JsonInclude(JsonInclude.Include.NON_NULL)
                String problem) {

    public DatasetInfo {
        ignoredColumns = ignoredColumns == null ? List.of() : List.copyOf(ignoredColumns);
    }

    /** A dataset as stored: no column roles (images), nothing skipped to report, no problem. */
    public DatasetInfo(
            UUID id,
            String name,
            String kind,
            Task task,
            String labelColumn,
            String separator,
            String missingValues,
            int rows,
            int droppedRows,
            List<Integer> inputShape,
            List<String> classes,
            Map<String, Integer> classBalance,
            List<ColumnSummary> columns,
            String sha256,
            long sizeBytes,
            Instant createdAt,
            int officialTestRows,
            String imageStyle) {
        this(
                id,
                name,
                kind,
                task,
                labelColumn,
                separator,
                missingValues,
                rows,
                droppedRows,
                inputShape,
                classes,
                classBalance,
                columns,
                sha256,
                sizeBytes,
                createdAt,
                officialTestRows,
                imageStyle,
                List.of(),
                null,
                null,
                null);
    }

    /** The first 100 skipped names, then how many more: a ZIP may hold 200,000 entries. */
    DatasetInfo withSkipped(List<String> names) {
        List<String> shown = names;
        if (names.size() > 100) {
            shown = new java.util.ArrayList<>(names.subList(0, 100));
            shown.add("… and " + (names.size() - 100) + " more");
        }
        return new DatasetInfo(
                id,
                name,
                kind,
                task,
                labelColumn,
                separator,
                missingValues,
                rows,
                droppedRows,
                inputShape,
                classes,
                classBalance,
                columns,
                sha256,
                sizeBytes,
                createdAt,
                officialTestRows,
                imageStyle,
                ignoredColumns,
                unknownCategories,
                List.copyOf(shown),
                problem);
    }
}
