package dev.neurona.dataset;

import dev.neurona.dataset.format.CsvResult;
import dev.neurona.dataset.format.ImageBudget;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.TooLargeException;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * Per-kind upload limits, checked on the part sizes before a byte is parsed. The multipart limit
 * ({@code neurona.max-upload-size}) is one number for every kind; a CSV worth 200 MB is more rows than a laptop
 * trains on, while 200 MB of MNIST-style images is normal, so each kind gets its own.
 */
@Component
class UploadLimits {

    private final NeuronaProperties.Uploads uploads;

    UploadLimits(NeuronaProperties properties) {
        this.uploads = properties.uploads();
    }

    NeuronaProperties.Uploads settings() {
        return uploads;
    }

    void csv(MultipartFile file) {
        check("file", "A CSV upload", "csv", file.getSize(), uploads.csv());
    }

    void zip(MultipartFile file) {
        check("file", "A ZIP upload", "zip", file.getSize(), uploads.zip());
    }

    /** The larger of the CSV and ZIP limits, for a {@code file} whose kind is not known before reading it. */
    void csvOrZip(MultipartFile file) {
        DataSize larger = uploads.csv().compareTo(uploads.zip()) >= 0 ? uploads.csv() : uploads.zip();
        check("file", "A CSV or ZIP upload", larger == uploads.csv() ? "csv" : "zip", file.getSize(), larger);
    }

    void idx(List<MultipartFile> parts) {
        check("images", "An IDX upload (all its files together)", "idx", total(parts), uploads.idx());
    }

    void quickDraw(List<MultipartFile> files) {
        check(
                "files",
                "A Quick, Draw! upload (all its files together)",
                "quickdraw",
                total(files),
                uploads.quickdraw());
    }

    /** A fresh budget for one image upload: every file of it draws from the same one. */
    ImageBudget imageBudget() {
        return new ImageBudget(uploads.maxImages(), uploads.maxImageBytes().toBytes());
    }

    /**
     * The limits on what a table stores: its column names and text values end up in the dataset's statistics and in
     * every model's vocabulary, so they are bounded here, where a 400 can still name the column. Runs on the parsed
     * table, because limits apply to what is kept, and on the catalog's tables as on uploads.
     */
    void table(CsvResult csv) {
        Table table = csv.table();
        if (table.columns().size() > uploads.maxColumns()) {
            throw new InvalidInputException(
                    "file",
                    "the table has " + table.columns().size() + " columns; at most " + uploads.maxColumns()
                            + " are allowed (neurona.uploads.max-columns)");
        }
        for (Column column : table.columns()) {
            String shown = shown(column.name());
            if (column.name().length() > uploads.maxColumnNameLength()) {
                throw new InvalidInputException(
                        "file",
                        "the column name '" + shown + "' has " + column.name().length() + " characters; at most "
                                + uploads.maxColumnNameLength()
                                + " are allowed (neurona.uploads.max-column-name-length)");
            }
            String invisible = invisible(column.name());
            if (invisible != null) {
                throw new InvalidInputException(
                        "file", "the column name '" + shown + "' contains " + invisible + "; rename the column");
            }
            if (column instanceof CategoricalColumn categorical) {
                for (String value : categorical.values()) {
                    if (value != null && value.length() > uploads.maxCellLength()) {
                        throw new InvalidInputException(
                                "file",
                                "column '" + shown + "' holds a value of " + value.length() + " characters ('"
                                        + shown(value) + "'); a text value may have at most " + uploads.maxCellLength()
                                        + " (neurona.uploads.max-cell-length)");
                    }
                }
            }
        }
        classes(csv.classes(), "labelColumn", "label value");
    }

    /**
     * The class names a dataset stores: few enough, short enough, and free of control and invisible formatting
     * characters. A right-to-left override (U+202E) in a folder name shows a different name than the one stored,
     * and every model trained on the set would repeat it in its answers.
     */
    void classes(List<String> classes, String field, String source) {
        if (classes.size() > uploads.maxClasses()) {
            throw new InvalidInputException(
                    field,
                    "the upload holds " + classes.size() + " classes; at most " + uploads.maxClasses()
                            + " are allowed (neurona.uploads.max-classes)");
        }
        for (String name : classes) {
            if (name.length() > uploads.maxClassNameLength()) {
                throw new InvalidInputException(
                        field,
                        "the class name '" + shown(name) + "' (a " + source + ") has " + name.length()
                                + " characters; at most " + uploads.maxClassNameLength()
                                + " are allowed (neurona.uploads.max-class-name-length)");
            }
            String invisible = invisible(name);
            if (invisible != null) {
                throw new InvalidInputException(
                        field,
                        "the class name '" + shown(name) + "' (a " + source + ") contains " + invisible
                                + "; class names must not contain control or invisible formatting characters");
            }
        }
    }

    /**
     * The first control, line-separator or invisible formatting character as "U+202E (RIGHT-TO-LEFT OVERRIDE)", or
     * null. Zero-width (non-)joiners stay allowed: Persian and Indic words and emoji sequences need them.
     */
    static String invisible(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            boolean bad = type == Character.CONTROL
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE
                    || (type == Character.FORMAT && cp != 0x200C && cp != 0x200D);
            if (bad) {
                String name = Character.getName(cp);
                return String.format(java.util.Locale.ROOT, "U+%04X", cp) + (name == null ? "" : " (" + name + ")");
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** A name as it may appear in a message: the first 40 characters, with invisible characters spelled out. */
    static String shown(String text) {
        int[] points = text.codePoints().limit(41).toArray();
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < Math.min(40, points.length); k++) {
            String one = Character.toString(points[k]);
            out.append(invisible(one) == null ? one : String.format(java.util.Locale.ROOT, "\\u%04X", points[k]));
        }
        return points.length > 40 ? out + "…" : out.toString();
    }

    private static long total(List<MultipartFile> parts) {
        return parts.stream()
                .filter(p -> p != null)
                .mapToLong(MultipartFile::getSize)
                .sum();
    }

    private static void check(String field, String what, String setting, long bytes, DataSize limit) {
        if (bytes > limit.toBytes()) {
            throw new TooLargeException(
                    field,
                    what + " may be at most " + describe(limit.toBytes()) + " (" + "neurona.uploads." + setting
                            + "); this one is " + describe(bytes));
        }
    }

    static String describe(long bytes) {
        if (bytes < 1024 * 1024) {
            return bytes + " bytes";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
