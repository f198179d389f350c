package dev.neurona.prediction;

import dev.neurona.dataset.DatasetService;
import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRefs;
import dev.neurona.model.TestPredictions;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.platform.problem.TooLargeException;
import dev.neurona.spec.LayerRow;
import dev.neurona.spec.ShapeInference;
import dev.neurona.storage.ArtifactStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Looking inside a trained model: one layer's outputs for given inputs, and a layer's outputs over the model's test
 * rows projected to a plane (PCA), as points and as a scatter picture. Inputs go through the prediction door's own
 * parsing and preprocessing, so a layer sees exactly what it sees when the model predicts.
 */
@Service
class RepresentationService {

    /** At most this many values (inputs × the layer's values per input) in one activations answer. */
    static final long MAX_ACTIVATION_VALUES = 1_000_000;

    static final int DEFAULT_POINTS = 1000;
    static final int MAX_POINTS = 2000;
    /** Test rows × the layer's values held for one projection: bounds memory (doubles) and the PCA's work. */
    static final long MAX_PROJECTED_VALUES = 2_000_000;

    /** Test rows sent through the network at once when projecting. */
    private static final int CHUNK = 250;

    private final ModelCache models;
    private final ModelRefs refs;
    private final ArtifactStore artifacts;
    private final DatasetService datasets;
    private final int maxRows;

    RepresentationService(
            ModelCache models,
            ModelRefs refs,
            ArtifactStore artifacts,
            DatasetService datasets,
            NeuronaProperties properties) {
        this.models = models;
        this.refs = refs;
        this.artifacts = artifacts;
        this.datasets = datasets;
        this.maxRows = Math.max(1, properties.prediction().maxRows());
    }

    ActivationResponse activations(String ref, Integer version, ActivationRequest request) {
        UUID id = refs.resolve(ref, version);
        PredictionRequest inputs = request.inputs();
        boolean rows = inputs.rows() != null;
        if (rows && (inputs.images() != null || inputs.drawings() != null)) {
            throw new InvalidInputException(
                    inputs.images() != null ? "images" : "drawings", "send rows or images/drawings, not both");
        }
        List<ImageInputs.Input> images = rows ? List.of() : ImageInputs.of(inputs);
        int count = rows ? inputs.rows().size() : images.size();
        if (count == 0) {
            throw new InvalidInputException(
                    rows ? "rows" : "images", "required: at least one input, as for predictions");
        }
        if (count > maxRows) {
            throw new InvalidInputException(
                    rows ? "rows" : "images", count + " inputs; at most " + maxRows + " per request");
        }
        LoadedModel model = models.acquire(id);
        try {
            Preprocessing preprocessing = model.record().preprocessing();
            LayerChoice layer = choose(model, request.layer(), "layer");
            long values = layer.width() * count;
            if (values > MAX_ACTIVATION_VALUES) {
                throw new TooLargeException(
                        "layer",
                        count + " inputs × " + layer.width() + " values of layer " + label(layer) + " = " + values
                                + "; at most " + MAX_ACTIVATION_VALUES + " values per request: send fewer inputs");
            }
            Function<ai.djl.ndarray.NDManager, ai.djl.ndarray.NDArray> batch;
            if (rows) {
                if (!(preprocessing instanceof TabularEncoding encoding)) {
                    throw new InvalidInputException(
                            "rows", "this model takes images, not table rows: send \"images\" or \"drawings\"");
                }
                float[] encoded = encoding.encodeRows(inputs.rows()).values();
                batch = m -> m.create(encoded, new ai.djl.ndarray.types.Shape(count, encoding.width()));
            } else {
                if (!(preprocessing instanceof ImageEncoding encoding)) {
                    throw new InvalidInputException("images", "this model takes table rows, not images: send \"rows\"");
                }
                List<byte[]> prepared = new ArrayList<>(count);
                for (ImageInputs.Input input : images) {
                    prepared.add(input.prepare(encoding));
                }
                batch = model.images(prepared, count);
            }
            float[] flat = model.activations(batch, layer.index());
            int width = (int) layer.width();
            List<float[]> perInput = new ArrayList<>(count);
            for (int r = 0; r < count; r++) {
                perInput.add(Arrays.copyOfRange(flat, r * width, (r + 1) * width));
            }
            List<Integer> shape = new ArrayList<>(layer.outputShape());
            shape.set(0, count);
            return new ActivationResponse(id, layer.info(), perInput, shape);
        } finally {
            model.release();
        }
    }

    /** A layer's outputs over the model's first {@code limit} test rows, in the order its test metrics listed them. */
    RepresentationResponse representations(
            String ref, Integer version, String layerName, String method, Integer limit) {
        Projected p = project(ref, version, layerName, method, limit);
        List<RepresentationResponse.Point> points = new ArrayList<>(p.rows().length);
        for (int i = 0; i < p.rows().length; i++) {
            points.add(new RepresentationResponse.Point(
                    p.pca().x()[i],
                    p.pca().y()[i],
                    p.classes().get(p.truth()[i]),
                    p.classes().get(p.predicted()[i]),
                    p.rows()[i]));
        }
        return new RepresentationResponse(
                p.model().id(), p.layer().info(), "pca", p.pca().explained(), p.classes(), points);
    }

    byte[] png(String ref, Integer version, String layerName, String method, Integer limit, int width, int height) {
        Projected p = project(ref, version, layerName, method, limit);
        String title = p.model().name() + ": layer " + label(p.layer()) + " ("
                + p.layer().type() + "), PCA";
        String subtitle = String.format(
                Locale.ROOT,
                "%d test rows coloured by true class; %d values per row",
                p.rows().length,
                p.layer().width());
        return ScatterChart.png(title, subtitle, p.pca(), p.truth(), p.classes(), width, height);
    }

    record Projected(
            ModelRecord model,
            LayerChoice layer,
            Pca.Projection pca,
            int[] rows,
            int[] truth,
            int[] predicted,
            List<String> classes) {}

    private Projected project(String ref, Integer version, String layerName, String method, Integer limit) {
        String m = method == null ? "pca" : method.trim().toLowerCase(Locale.ROOT);
        if (m.equals("tsne") || m.equals("t-sne") || m.equals("umap")) {
            throw new InvalidInputException(
                    "method",
                    "only pca: no maintained, permissively licensed Java " + (m.equals("umap") ? "UMAP" : "t-SNE")
                            + " is on Maven Central (Smile's is GPL-3); see docs/representations.md");
        }
        if (!m.equals("pca")) {
            throw new InvalidInputException("method", "must be pca, was '" + method + "'");
        }
        if (limit != null && (limit < 2 || limit > MAX_POINTS)) {
            throw new InvalidInputException("limit", "from 2 to " + MAX_POINTS + " test rows, was " + limit);
        }
        UUID id = refs.resolve(ref, version);
        LoadedModel model = models.acquire(id);
        try {
            ModelRecord record = model.record();
            LayerChoice layer = choose(model, layerName, "layer");
            if (record.task() != Task.CLASSIFICATION) {
                throw new InvalidInputException(
                        "ref",
                        "representations are drawn for classifiers (points coloured by class); this model is a "
                                + record.task().json() + " model");
            }
            TestPredictions tests = testPredictions(record);
            long perRow = layer.width();
            int fits = (int) Math.max(1, Math.min(MAX_POINTS, MAX_PROJECTED_VALUES / perRow));
            int n;
            if (limit == null) {
                n = Math.min(Math.min(DEFAULT_POINTS, fits), tests.count());
            } else if (limit > fits) {
                throw new TooLargeException(
                        "limit",
                        limit + " rows × " + perRow + " values of layer " + label(layer) + " exceeds "
                                + MAX_PROJECTED_VALUES + " values: at most " + fits + " rows for this layer");
            } else {
                n = Math.min(limit, tests.count());
            }
            if (n < 2) {
                throw new ConflictException(
                        "too-few-test-rows",
                        "Too few test rows",
                        "Model " + id + " has " + tests.count() + " test rows; a projection needs at least 2.");
            }
            if (datasets.find(record.datasetId()).isEmpty()) {
                throw new NotFoundException("Model " + id + "'s dataset " + record.datasetId()
                        + " was deleted: its test rows are gone, so there is nothing to project.");
            }
            int[] rows = Arrays.copyOf(tests.rows(), n);
            float[] values = new float[Math.toIntExact(n * perRow)];
            for (int from = 0; from < n; from += CHUNK) {
                int[] chunk = Arrays.copyOfRange(rows, from, Math.min(n, from + CHUNK));
                float[] out = model.activations(batchOf(model, record, chunk), layer.index());
                System.arraycopy(out, 0, values, Math.toIntExact(from * perRow), out.length);
            }
            Pca.Projection pca = Pca.of(values, n, (int) perRow);
            return new Projected(
                    record,
                    layer,
                    pca,
                    rows,
                    Arrays.copyOf(tests.truth(), n),
                    Arrays.copyOf(tests.predicted(), n),
                    record.preprocessing().classes());
        } finally {
            model.release();
        }
    }

    private Function<ai.djl.ndarray.NDManager, ai.djl.ndarray.NDArray> batchOf(
            LoadedModel model, ModelRecord record, int[] rows) {
        if (record.preprocessing() instanceof TabularEncoding encoding) {
            List<Object> table = new ArrayList<>(datasets.rows(record.datasetId(), rows));
            float[] encoded = encoding.encodeRows(table).values();
            return m -> m.create(encoded, new ai.djl.ndarray.types.Shape(rows.length, encoding.width()));
        }
        byte[] pixels = datasets.loadImages(record.datasetId(), rows).pixels();
        return model.images(List.of(pixels), rows.length);
    }

    private static LayerChoice choose(LoadedModel model, Object asked, String field) {
        ModelRecord record = model.record();
        List<Integer> inputShape = record.preprocessing().inputShape();
        List<LayerRow> rows = ShapeInference.table(record.spec(), inputShape);
        LayerChoice layer = LayerChoice.of(asked, field, rows, inputShape);
        if (!model.hasBlock(layer.index())) {
            throw new InvalidInputException(
                    field,
                    "layer " + label(layer) + " is a " + layer.type() + " merge with no block of its own; ask a "
                            + "layer it feeds");
        }
        return layer;
    }

    private TestPredictions testPredictions(ModelRecord model) {
        String key = ModelRecord.prefix(model.id()) + "/" + TestPredictions.NAME;
        String sha = model.artifacts().get(key);
        if (sha == null) {
            throw new NotFoundException("Model " + model.id() + " has no stored test predictions: it was trained "
                    + "without a test split, or before Neurona kept them. Train it again to draw its representations.");
        }
        if (!sha.equals(artifacts.sha256Of(key))) {
            throw new ConflictException(
                    "model-corrupted",
                    "Model artifacts corrupted",
                    "The stored file " + key + " does not match its recorded SHA-256; retrain the model.");
        }
        return TestPredictions.decode(artifacts.read(key));
    }

    static String label(LayerChoice layer) {
        return layer.name() != null ? "'" + layer.name() + "'" : String.valueOf(layer.index());
    }
}
