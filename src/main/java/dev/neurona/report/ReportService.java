package dev.neurona.report;

import dev.neurona.dataset.DatasetService;
import dev.neurona.dataset.ImageSet;
import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.jobs.TrainingHistory;
import dev.neurona.model.Metrics;
import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRefs;
import dev.neurona.model.ModelRegistry;
import dev.neurona.model.TestPredictions;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotAcceptableException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.storage.ArtifactStore;
import dev.neurona.training.EpochRecord;
import dev.neurona.training.TrainedModel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;

/**
 * Pictures and drill-downs of a trained model: its training curves, its test confusion matrix, and the test rows
 * behind one cell of it. Everything is read from what training stored; nothing is recomputed with the network.
 */
@Service
class ReportService {

    static final int MAX_SAMPLES = 100;

    private final ModelRegistry models;
    private final ArtifactStore artifacts;
    private final TrainingHistory history;
    private final DatasetService datasets;

    private final ModelRefs refs;

    ReportService(
            ModelRegistry models,
            ModelRefs refs,
            ArtifactStore artifacts,
            TrainingHistory history,
            DatasetService datasets) {
        this.refs = refs;
        this.models = models;
        this.artifacts = artifacts;
        this.history = history;
        this.datasets = datasets;
    }

    /** @param metric null for loss plus accuracy (classification) or MAE (regression), else one of them */
    byte[] curves(String ref, String metric, Integer width, Integer height) {
        UUID id = refs.resolve(ref);
        ModelRecord model = models.get(id);
        // an autoencoder of a labelled dataset trains on no label: it records the MAE over its values, as a regression
        String second = model.task() == Task.CLASSIFICATION && !model.spec().reconstruction() ? "accuracy" : "mae";
        String kind =
                model.spec().reconstruction() ? "reconstruction" : model.task().json();
        List<String> panels;
        if (metric == null || metric.isBlank()) {
            panels = List.of("loss", second);
        } else {
            String m = metric.trim().toLowerCase(Locale.ROOT);
            if (!List.of("loss", "accuracy", "mae").contains(m)) {
                throw new InvalidInputException("metric", "must be loss, accuracy or mae, was '" + metric + "'");
            }
            if (!m.equals("loss") && !m.equals(second)) {
                throw new InvalidInputException(
                        "metric", "a " + kind + " model records loss and " + second + " per epoch, not " + m);
            }
            panels = List.of(m);
        }
        // the range (200–2000) is checked where the request is read
        int w = width != null ? width : 800;
        int h = height != null ? height : 120 + 260 * panels.size();
        List<EpochRecord> epochs = history.of(model.jobId());
        if (epochs.isEmpty()) {
            throw notFound("Model " + id + " has no recorded training history.");
        }
        List<Charts.Panel> drawn = new ArrayList<>();
        for (String panel : panels) {
            drawn.add(
                    switch (panel) {
                        case "loss" ->
                            panel(
                                    "loss (" + model.spec().loss() + ")",
                                    epochs,
                                    EpochRecord::loss,
                                    EpochRecord::valLoss);
                        case "accuracy" -> panel("accuracy", epochs, EpochRecord::accuracy, EpochRecord::valAccuracy);
                        default -> panel("MAE", epochs, EpochRecord::mae, EpochRecord::valMae);
                    });
        }
        String title = model.name() + ": " + String.join(" and ", panels) + " per epoch";
        return Charts.curves(title, drawn, w, h);
    }

    byte[] confusion(String ref) {
        UUID id = refs.resolve(ref);
        ModelRecord model = models.get(id);
        Metrics metrics = model.metrics();
        requireClassifier(model, "a confusion matrix");
        if (metrics.confusionMatrix() == null) {
            throw notFound("Model " + id + " was trained without a test split, so it has no confusion matrix.");
        }
        String subtitle =
                String.format(Locale.ROOT, "%d test rows, accuracy %.3f", metrics.testRows(), metrics.accuracy());
        return Charts.confusion(
                model.name() + ": confusion matrix",
                subtitle,
                model.preprocessing().classes(),
                metrics.confusionMatrix());
    }

    ConfusionCell cell(String ref, String trueClass, String predictedClass, int offset, int limit) {
        UUID id = refs.resolve(ref);
        Cell cell = select(id, trueClass, predictedClass, offset, limit);
        ModelRecord model = cell.model();
        boolean available = datasets.find(model.datasetId()).isPresent();
        int[] rows = cell.datasetRows();
        List<Map<String, Object>> tableRows = null;
        ImageSet images = null;
        if (available && model.preprocessing() instanceof ImageEncoding) {
            images = datasets.loadImages(model.datasetId(), rows);
        } else if (available) {
            tableRows = datasets.rows(model.datasetId(), rows);
        }
        List<String> classes = model.preprocessing().classes();
        List<ConfusionCell.Sample> samples = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            Map<String, Double> probabilities = new LinkedHashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                probabilities.put(classes.get(c), (double) cell.predictions().probability(cell.positions()[i], c));
            }
            samples.add(new ConfusionCell.Sample(
                    rows[i],
                    tableRows == null ? null : tableRows.get(i),
                    images == null ? null : Thumbnails.pngBase64(images, i),
                    probabilities));
        }
        return new ConfusionCell(
                id,
                model.datasetId(),
                classes.get(cell.trueIndex()),
                classes.get(cell.predictedIndex()),
                cell.count(),
                offset,
                available,
                samples);
    }

    /** Image models: the cell's images in a captioned grid (dataset index and the predicted class's probability). */
    byte[] cellPng(String ref, String trueClass, String predictedClass, int offset, int limit) {
        UUID id = refs.resolve(ref);
        Cell cell = select(id, trueClass, predictedClass, offset, limit);
        ModelRecord model = cell.model();
        if (!(model.preprocessing() instanceof ImageEncoding)) {
            throw new NotAcceptableException(
                    "Model " + id + " was trained on a table: its test rows come as JSON, not as a PNG.");
        }
        if (datasets.find(model.datasetId()).isEmpty()) {
            throw notFound("The dataset " + model.datasetId() + " that model " + id + " was trained on has been "
                    + "deleted, so its images cannot be drawn; the JSON form still lists their indices.");
        }
        int[] rows = cell.datasetRows();
        ImageSet images = datasets.loadImages(model.datasetId(), rows);
        List<String> captions = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            captions.add(String.format(
                    Locale.ROOT,
                    "#%d %.2f",
                    rows[i],
                    cell.predictions().probability(cell.positions()[i], cell.predictedIndex())));
        }
        return Thumbnails.grid(images, captions);
    }

    /** The stored test predictions in one cell, most confident first, paged. */
    private Cell select(UUID id, String trueClass, String predictedClass, int offset, int limit) {
        ModelRecord model = models.get(id);
        requireClassifier(model, "confusion-matrix cells");
        List<String> classes = model.preprocessing().classes();
        int t = classIndex(classes, "true", trueClass);
        int p = classIndex(classes, "predicted", predictedClass);
        TestPredictions predictions = testPredictions(model);
        int[] all = predictions.cell(t, p);
        // the most confident first: a confidently wrong prediction is the one worth looking at
        int[] positions = IntStream.of(all)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -predictions.probability(i, p))
                        .thenComparingInt(i -> predictions.rows()[i]))
                .skip(offset)
                .limit(limit)
                .mapToInt(Integer::intValue)
                .toArray();
        return new Cell(model, predictions, t, p, all.length, positions);
    }

    /**
     * An autoencoder's test images, noisy inputs and reconstructions (image models), or its test rows' score
     * histogram with the anomaly threshold (table models), drawn when it was trained.
     */
    byte[] reconstructions(String ref) {
        UUID id = refs.resolve(ref);
        ModelRecord model = models.get(id);
        if (!model.spec().reconstruction()) {
            throw notFound("Model " + id + " was trained for its dataset's task ("
                    + model.task().name().toLowerCase(Locale.ROOT)
                    + "): reconstructions are drawn for models trained with spec.task reconstruction.");
        }
        return stored(
                model,
                TrainedModel.RECONSTRUCTIONS_PNG,
                "Model " + id + " was trained without a test split, so it has no test reconstructions.");
    }

    private TestPredictions testPredictions(ModelRecord model) {
        return TestPredictions.decode(stored(
                model,
                TestPredictions.NAME,
                "Model " + model.id() + " has no stored test predictions: it was trained without a test "
                        + "split, or before Neurona kept them. Train it again to look into its confusion matrix."));
    }

    /** A file stored beside the model's parameters, checked against its recorded SHA-256. */
    private byte[] stored(ModelRecord model, String name, String missing) {
        String key = ModelRecord.prefix(model.id()) + "/" + name;
        String sha = model.artifacts().get(key);
        if (sha == null) {
            throw notFound(missing);
        }
        byte[] bytes = artifacts.read(key);
        if (!sha.equals(sha256(bytes))) {
            throw new ConflictException(
                    "model-corrupted",
                    "Model artifacts corrupted",
                    "The stored file " + key + " does not match its recorded SHA-256; retrain the model.");
        }
        return bytes;
    }

    private static int classIndex(List<String> classes, String parameter, String name) {
        int index = classes.indexOf(name);
        if (index < 0) {
            String known = classes.size() <= 20
                    ? String.join(", ", classes)
                    : String.join(", ", classes.subList(0, 20)) + ", … (" + classes.size() + " classes)";
            throw new InvalidInputException(parameter, "unknown class '" + name + "'; known: " + known);
        }
        return index;
    }

    private static void requireClassifier(ModelRecord model, String what) {
        if (model.spec().reconstruction()) {
            throw notFound("Model " + model.id() + " is an autoencoder (spec.task reconstruction): it predicts no "
                    + "class, so it has no " + what + "; see charts/reconstructions.png.");
        }
        if (model.task() != Task.CLASSIFICATION) {
            throw notFound("Model " + model.id() + " is a regression model: only classifiers have " + what + ".");
        }
    }

    private static Charts.Panel panel(
            String label,
            List<EpochRecord> epochs,
            Function<EpochRecord, Double> train,
            Function<EpochRecord, Double> validation) {
        List<Charts.Series> series = new ArrayList<>();
        series.add(new Charts.Series("training", epochs.stream().map(train).toList()));
        List<Double> val = epochs.stream().map(validation).toList();
        if (val.stream().anyMatch(v -> v != null)) {
            series.add(new Charts.Series("validation", val));
        }
        return new Charts.Panel(label, series);
    }

    private static DomainException notFound(String detail) {
        return new NotFoundException(detail);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** One confusion-matrix cell: its class indices, its size, and the page of positions asked for. */
    private record Cell(
            ModelRecord model,
            TestPredictions predictions,
            int trueIndex,
            int predictedIndex,
            int count,
            int[] positions) {

        int[] datasetRows() {
            return IntStream.of(positions).map(i -> predictions.rows()[i]).toArray();
        }
    }
}
