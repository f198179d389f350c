package dev.neurona.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.dataset.encoding.TabularEncoding.Feature;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.spec.OutputHead;
import dev.neurona.spec.SpecValidator;
import dev.neurona.support.OrtRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports a spec's network with random parameters and runs it in ONNX Runtime: on 1,000 raw inputs, through the
 * model's own preprocessing, the ONNX outputs must equal Neurona's forward pass in inference mode.
 */
final class OnnxAgreement {

    static final int ROWS = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Random random;

    OnnxAgreement(long seed) {
        this.random = new Random(seed);
    }

    static final List<String> PROBABILITIES_OR_PREDICTION = List.of();

    /** Raw rows → Neurona's encoding and forward pass, and the same rows → the ONNX file in ONNX Runtime. */
    void assertTableModelAgrees(String layers, String settings, TabularEncoding encoding, List<String> only) {
        ModelSpec spec = resolve(layers, settings, encoding.inputShape(), encoding.task(), encoding.classes());
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> columns = new LinkedHashMap<>();
        for (Feature f : encoding.features()) {
            columns.put(f.name(), "numeric".equals(f.type()) ? new float[ROWS] : new String[ROWS]);
        }
        for (int r = 0; r < ROWS; r++) {
            Map<String, Object> row = new HashMap<>();
            for (Feature f : encoding.features()) {
                boolean missing = encoding.imputeMissing() && random.nextInt(10) == 0;
                if ("numeric".equals(f.type())) {
                    float v = missing ? Float.NaN : (float) (f.mean() + 2 * f.std() * random.nextGaussian());
                    row.put(f.name(), missing ? null : (double) v);
                    ((float[]) columns.get(f.name()))[r] = v;
                } else {
                    // an unseen category now and then: both sides encode it as all zeros
                    int pick = random.nextInt(f.categories().size() + 1);
                    String v = pick == f.categories().size()
                            ? "unseen"
                            : f.categories().get(pick);
                    row.put(f.name(), missing ? null : v);
                    ((String[]) columns.get(f.name()))[r] = missing ? f.fill() : v;
                }
            }
            rows.add(row);
        }
        float[] encoded = encoding.encodeRows(rows).values();
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = randomNetwork(spec, encoding.inputShape(), manager);
            float[] raw = forward(network, manager.create(encoded, new Shape(ROWS, encoding.width())));
            byte[] onnx = OnnxExport.export(spec, encoding, network, "test");
            assertThat(OrtRunner.inputNames(onnx)).containsExactlyInAnyOrderElementsOf(columns.keySet());
            assertAgrees(network.head(), encoding, raw, OrtRunner.run(onnx, columns), only);
            Map<String, String> metadata = OrtRunner.metadata(onnx);
            if (encoding.classes().isEmpty()) {
                assertThat(metadata).doesNotContainKey("neurona.classes");
            } else {
                assertThat(JSON.readValue(metadata.get("neurona.classes"), List.class))
                        .isEqualTo(encoding.classes());
            }
            assertThat(JSON.readValue(metadata.get("neurona.preprocessing"), TabularEncoding.class))
                    .isEqualTo(encoding);
        }
    }

    void assertImageModelAgrees(String layers, ImageEncoding encoding) {
        List<Integer> shape = encoding.inputShape();
        ModelSpec spec = resolve(layers, null, shape, Task.CLASSIFICATION, encoding.classes());
        int size = shape.get(0) * shape.get(1) * shape.get(2);
        float[] pixels = new float[ROWS * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256);
        }
        long[] dims = {ROWS, shape.get(0), shape.get(1), shape.get(2)};
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = randomNetwork(spec, shape, manager);
            // as ImagePredictions prepares a batch
            NDArray x = manager.create(pixels, new Shape(dims)).div(255f);
            x = encoding.std() == null ? x : x.sub(encoding.mean()).div(encoding.std());
            float[] raw = forward(network, x);
            byte[] onnx = OnnxExport.export(spec, encoding, network, "test");
            Map<String, Object> inputs = Map.of(OnnxExport.IMAGE_INPUT, new OrtRunner.Tensor(pixels, dims));
            assertAgrees(network.head(), encoding, raw, OrtRunner.run(onnx, inputs), PROBABILITIES_OR_PREDICTION);
        }
    }

    private static void assertAgrees(
            OutputHead head,
            dev.neurona.dataset.encoding.Preprocessing encoding,
            float[] raw,
            Map<String, float[][]> onnx,
            List<String> only) {
        int width = raw.length / ROWS;
        assertClose(onnx.get(OnnxExport.OUTPUT), raw, OnnxExport.OUTPUT);
        float[] probabilities = head.probabilities(raw, width);
        if (probabilities != null) {
            assertClose(onnx.get(OnnxExport.PROBABILITIES), probabilities, OnnxExport.PROBABILITIES);
        } else if (encoding.task() == Task.REGRESSION) {
            float[] decoded = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                decoded[i] = (float) encoding.decodeTarget(raw[i]);
            }
            assertClose(onnx.get(OnnxExport.PREDICTION), decoded, OnnxExport.PREDICTION);
        }
        if (!only.isEmpty()) {
            assertThat(onnx.keySet()).containsExactlyElementsOf(only);
        }
    }

    /** Equal to 1e-5, relative to the value where it is above 1 (regression answers in the target's units). */
    private static void assertClose(float[][] actual, float[] expected, String output) {
        assertThat(actual).as(output).isNotNull().hasNumberOfRows(ROWS);
        int width = expected.length / ROWS;
        double worst = 0;
        for (int r = 0; r < ROWS; r++) {
            assertThat(actual[r]).hasSize(width);
            for (int c = 0; c < width; c++) {
                double e = expected[r * width + c];
                worst = Math.max(worst, Math.abs(actual[r][c] - e) / Math.max(1, Math.abs(e)));
            }
        }
        assertThat(worst).as("largest difference in %s", output).isLessThanOrEqualTo(1e-5);
    }

    private static float[] forward(Network network, NDArray x) {
        return network.block()
                .forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                .singletonOrThrow()
                .toFloatArray();
    }

    /** The network with every parameter random (non-zero biases, batchnorm statistics away from 0 and 1). */
    private Network randomNetwork(ModelSpec spec, List<Integer> inputShape, NDManager manager) {
        Network network = NetworkBuilder.build(spec);
        long[] dims = new long[inputShape.size() + 1];
        dims[0] = 1;
        for (int i = 0; i < inputShape.size(); i++) {
            dims[i + 1] = inputShape.get(i);
        }
        network.block().initialize(manager, DataType.FLOAT32, new Shape(dims));
        for (Pair<String, Parameter> p : network.block().getParameters()) {
            NDArray array = p.getValue().getArray();
            float[] values = new float[(int) array.size()];
            boolean variance = p.getKey().endsWith("runningVar");
            for (int i = 0; i < values.length; i++) {
                values[i] = variance ? 0.5f + random.nextFloat() : (float) (0.5 * random.nextGaussian());
            }
            array.set(values);
        }
        return network;
    }

    static ModelSpec resolve(
            String layers, String settings, List<Integer> inputShape, Task task, List<String> classes) {
        String json = "{\"layers\": " + layers + (settings == null ? "" : ", " + settings) + ", \"seed\": 1}";
        DataShape data = new DataShape(inputShape, task, task == Task.CLASSIFICATION ? classes : List.of(), 1_000);
        return SpecValidator.resolve(JSON.readValue(json, ModelSpec.class), data);
    }

    static Feature number(String name, double mean, double std) {
        return new Feature(name, "numeric", mean, std, null, null);
    }

    static Feature category(String name, List<String> categories, String fill) {
        return new Feature(name, "categorical", null, null, categories, fill);
    }

    static List<String> classes(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("class" + i);
        }
        return out;
    }
}
