package dev.neurona.dataset;

import dev.neurona.platform.NeuronaProperties;
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
