package dev.neurona.dataset;

import dev.neurona.dataset.encoding.UnknownCategories;
import dev.neurona.dataset.format.CsvOptions;
import dev.neurona.dataset.format.MissingPolicy;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.web.Multipart;
import dev.neurona.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "Upload tables and images, inspect their schema, statistics and samples")
class DatasetController {

    private final DatasetService service;
    private final ImageUploads imageUploads;
    private final UploadLimits limits;

    DatasetController(DatasetService service, ImageUploads imageUploads, UploadLimits limits) {
        this.service = service;
        this.imageUploads = imageUploads;
        this.limits = limits;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ApiResponse(responseCode = "201", description = "stored; Location names the dataset")
    @ApiResponse(
            responseCode = "413",
            description = "larger than the kind's limit (neurona.uploads.csv, idx, "
                    + "quickdraw, zip) or than neurona.max-upload-size")
    @ApiResponse(responseCode = "415", description = "not multipart/form-data")
    @Operation(
            summary = "Upload a dataset: a CSV table, MNIST-style IDX files, Quick, Draw! files or a ZIP of images",
            description = "Which parts you send says what it is. **CSV** as `file`: header row required, UTF-8, "
                    + "quoted fields allowed; the separator (, ; or tab) is detected unless given (| must be given). "
                    + "Column types are inferred (numeric or categorical). Missing cells (empty, NA, N/A, NaN, null, "
                    + "?) are refused by default with a count per column; `drop` removes those rows, `impute` fills "
                    + "them at training time with training-split statistics. **IDX** (MNIST, Fashion-MNIST; gzipped "
                    + "or raw) as `images` + `labels`, optionally with the official test split as `testImages` + "
                    + "`testLabels`. **Quick, Draw!** as one or more `files`, one per class, all `.npy` bitmaps or "
                    + "all `.ndjson` strokes (rendered to 28×28 like Google's bitmaps), at most `capPerClass` each. "
                    + "**ZIP** as `file`: one folder per class of PNG/JPEG pictures, resized to `size`×`size`.")
    ResponseEntity<DatasetInfo> upload(
            @RequestPart(name = "file", required = false) @Parameter(description = "a CSV table or a ZIP of images")
                    MultipartFile file,
            @RequestPart(name = "files", required = false)
                    @Parameter(description = "Quick, Draw! .npy or .ndjson files, one per class")
                    List<MultipartFile> files,
            @RequestPart(name = "images", required = false) @Parameter(description = "IDX images") MultipartFile images,
            @RequestPart(name = "labels", required = false) @Parameter(description = "IDX labels") MultipartFile labels,
            @RequestPart(name = "testImages", required = false) MultipartFile testImages,
            @RequestPart(name = "testLabels", required = false) MultipartFile testLabels,
            @RequestParam(required = false) @Parameter(description = "display name; default: the file name")
                    String name,
            @RequestParam(required = false) @Parameter(description = "CSV: column to predict; default: the last")
                    String labelColumn,
            @RequestParam(required = false)
                    @Parameter(
                            description = "CSV: default inferred from the label column",
                            schema = @Schema(allowableValues = {"classification", "regression"}))
                    String task,
            @RequestParam(required = false)
                    @Parameter(description = "CSV field separator: , ; | or tab; default: " + "detected")
                    String separator,
            @RequestParam(required = false, defaultValue = "error")
                    @Parameter(
                            description = "CSV: what to do with missing cells",
                            schema =
                                    @Schema(
                                            allowableValues = {"error", "drop", "impute"},
                                            defaultValue = "error"))
                    String missingValues,
            @RequestParam(required = false)
                    @Parameter(
                            description = "CSV: columns kept in the file but not used as features (ids, names, free "
                                    + "text), comma-separated or the parameter repeated; prediction rows may still "
                                    + "carry them")
                    List<String> ignoreColumns,
            @RequestParam(required = false, defaultValue = "ignore")
                    @Parameter(
                            description = "CSV: what models trained on it do with a category unseen in training: "
                                    + "ignore (encode as all zeros and say so per row) or error (400); a job may "
                                    + "override it (spec.tables.unknownCategories)",
                            schema =
                                    @Schema(
                                            allowableValues = {"ignore", "error"},
                                            defaultValue = "ignore"))
                    String unknownCategories,
            @RequestParam(defaultValue = "28")
                    @Parameter(description = "ZIP: side of the square images, 8–256")
                    @Min(8) @Max(256) int size,
            @RequestParam(defaultValue = "false") @Parameter(description = "ZIP: keep colour (3 channels)") boolean rgb,
            @RequestParam(defaultValue = "100000")
                    @Parameter(description = "Quick, Draw!: most drawings per class")
                    @Min(1) int capPerClass) {
        DatasetInfo info;
        if (images != null || labels != null) {
            if (images == null || labels == null) {
                throw new InvalidInputException(
                        images == null ? "images" : "labels", "IDX uploads need both images and labels");
            }
            limits.idx(java.util.Arrays.asList(images, labels, testImages, testLabels));
            info = imageUploads.idx(
                    name(name, images.getOriginalFilename()),
                    Multipart.bytes(images),
                    Multipart.bytes(labels),
                    testImages == null ? null : Multipart.bytes(testImages),
                    testLabels == null ? null : Multipart.bytes(testLabels));
        } else if (files != null && !files.isEmpty()) {
            limits.quickDraw(files);
            List<NamedFile> named = new ArrayList<>();
            for (MultipartFile f : files) {
                String fileName = f.getOriginalFilename() == null ? "" : f.getOriginalFilename();
                named.add(new NamedFile(fileName, Multipart.bytes(f)));
            }
            info = imageUploads.quickDraw(name(name, "quickdraw"), named, capPerClass);
        } else if (file != null) {
            limits.csvOrZip(file);
            byte[] bytes = Multipart.bytes(file);
            String displayName = name(name, file.getOriginalFilename());
            if (isZip(bytes)) {
                limits.zip(file);
            } else {
                limits.csv(file);
            }
            info = isZip(bytes)
                    ? imageUploads.zip(displayName, bytes, size, rgb)
                    : service.upload(
                            displayName,
                            bytes,
                            new CsvOptions(
                                    separator(separator), blankToNull(labelColumn), task(task), policy(missingValues)),
                            names(ignoreColumns),
                            unknownCategories(unknownCategories));
        } else {
            throw new InvalidInputException(
                    "file",
                    "nothing to upload: send a CSV or a ZIP as file, Quick, Draw! files "
                            + "as files, or IDX files as images + labels");
        }
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + info.id()))
                .body(info);
    }

    private static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    @GetMapping
    @Operation(summary = "List datasets, newest first")
    List<DatasetInfo> list(
            @RequestParam(defaultValue = "0") @Parameter(description = "items to skip") @Min(0) int offset,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT)
                    @Parameter(description = "most items, 1–1000")
                    @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
        return Paging.page(service.list(), offset, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A dataset's schema, per-column statistics, missing counts and class balance")
    DatasetInfo get(@PathVariable UUID id) {
        return service.describe(id);
    }

    @GetMapping(
            value = "/{id}/samples",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.IMAGE_PNG_VALUE})
    @Operation(
            summary = "Look at the data: table rows as column → value objects (missing cells are null), or for "
                    + "images a PNG grid with one row per class")
    ResponseEntity<?> samples(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") @Parameter(description = "tables: rows to skip") @Min(0) int offset,
            @RequestParam(defaultValue = "20") @Parameter(description = "tables: most rows, 1–1000") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "10")
                    @Parameter(description = "images: pictures per class, 1–50")
                    @Min(1) @Max(50) int perClass) {
        if ("image".equals(service.get(id).kind())) {
            return ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_PNG)
                    .body(SampleGrid.png(service.loadImages(id), perClass));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(service.samples(id, offset, limit));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a dataset (refused while a queued or running job uses it)")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static String name(String name, String fileName) {
        String result = name != null && !name.isBlank()
                ? name.trim()
                : fileName != null && !fileName.isBlank() ? fileName.replaceFirst("\\.[^.]*$", "") : "dataset";
        if (result.length() > 200) {
            throw new InvalidInputException("name", "at most 200 characters, was " + result.length());
        }
        // PostgreSQL cannot store NUL in text (H2 can); no display name needs a control character anyway
        if (result.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(
                    "name",
                    "must not contain control characters (NUL, line breaks, tabs); "
                            + "without a name, the file name is used");
        }
        return result;
    }

    private static Character separator(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if ("tab".equalsIgnoreCase(text) || "\\t".equals(text) || "\t".equals(text)) {
            return '\t';
        }
        if (text.length() != 1 || ",;|".indexOf(text.charAt(0)) < 0) {
            throw new InvalidInputException("separator", "must be one of , ; | or tab, was '" + text + "'");
        }
        return text.charAt(0);
    }

    private static Task task(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Task task = Task.parse(text);
        if (task == null) {
            throw new InvalidInputException("task", "must be classification or regression, was '" + text + "'");
        }
        return task;
    }

    private static MissingPolicy policy(String text) {
        try {
            return MissingPolicy.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("missingValues", "must be error, drop or impute, was '" + text + "'");
        }
    }

    /** Column names, trimmed; an empty parameter names none, an empty name among others ("id,,name") is refused. */
    private static List<String> names(List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new InvalidInputException(
                    "ignoreColumns",
                    "holds an empty column name (a doubled or trailing comma?); give names separated by commas, "
                            + "e.g. id,name");
        }
        return given.stream().map(String::trim).toList();
    }

    private static String unknownCategories(String text) {
        String policy = UnknownCategories.parse(text);
        if (policy == null) {
            throw new InvalidInputException("unknownCategories", "must be ignore or error, was '" + text + "'");
        }
        return policy;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
