package dev.neurona.model.export;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.model.export.OnnxGraph.Attr;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.OutputHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained model as one ONNX file: the preprocessing Neurona applies to raw inputs, the network, and the head, so
 * any ONNX runtime given what a prediction request gives gets what the prediction answers. Inputs: one per table
 * column (numbers as float [N, 1], categories as string [N, 1]), or {@code image} float [N, C, H, W] in 0–255.
 * Outputs: {@code output} (the network's raw output), {@code probabilities} (softmax or sigmoid heads) and
 * {@code prediction} (regression, in the target's units).
 */
public final class OnnxExport {

    public static final String MEDIA_TYPE = "application/onnx";
    public static final String IMAGE_INPUT = "image";
    public static final String OUTPUT = "output";
    public static final String PROBABILITIES = "probabilities";
    public static final String PREDICTION = "prediction";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OnnxExport() {}

    /**
     * The ONNX model of a network whose parameters are loaded (or initialised); refused (409, naming the layer) when
     * some part has no ONNX translation.
     */
    public static byte[] export(ModelSpec resolved, Preprocessing preprocessing, Network network, String name) {
        OnnxGraph g = new OnnxGraph();
        String x = preprocessing instanceof TabularEncoding t ? table(g, t) : image(g, (ImageEncoding) preprocessing);
        String raw = OnnxNetwork.add(g, network, resolved.layers(), x);
        int width = outputWidth(resolved);
        g.output(OUTPUT, raw, OnnxGraph.FLOAT, width);
        OutputHead head = network.head();
        if (head == OutputHead.SOFTMAX) {
            g.output(PROBABILITIES, g.node("Softmax", List.of(raw), Attr.i("axis", 1)), OnnxGraph.FLOAT, width);
        } else if (head == OutputHead.SIGMOID) {
            String second = g.node("Sigmoid", List.of(raw));
            String first = g.node("Sigmoid", List.of(g.node("Neg", List.of(raw))));
            g.output(PROBABILITIES, g.node("Concat", List.of(first, second), Attr.i("axis", 1)), OnnxGraph.FLOAT, 2);
        } else if (preprocessing.task() == Task.REGRESSION && preprocessing instanceof TabularEncoding t) {
            String scaled = g.node(
                    "Mul", List.of(raw, g.scalar("target_std", t.targetStd().floatValue())));
            String decoded = g.node(
                    "Add",
                    List.of(scaled, g.scalar("target_mean", t.targetMean().floatValue())));
            g.output(PREDICTION, decoded, OnnxGraph.FLOAT, width);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("neurona.head", head.name().toLowerCase());
        metadata.put("neurona.task", preprocessing.task().name().toLowerCase());
        // what GET /api/v1/models/{id} shows as preprocessing: means, standard deviations, categories, fills
        metadata.put("neurona.preprocessing", JSON.writeValueAsString(preprocessing));
        if (!preprocessing.classes().isEmpty()) {
            metadata.put("neurona.classes", JSON.writeValueAsString(preprocessing.classes()));
        }
        return g.model(name, "Neurona model " + name + ": preprocessing, network and output head", metadata);
    }

    /** The units of the last dense layer: what follows it (activations, dropout) keeps the width. */
    private static int outputWidth(ModelSpec resolved) {
        int width = 1;
        for (LayerSpec layer : resolved.layers()) {
            if (layer instanceof LayerSpec.Dense d) {
                width = d.units();
            }
        }
        return width;
    }

    /**
     * Standardised numbers and one-hot categories, concatenated in the model's input order. A category unseen in
     * training encodes as all zeros (Neurona's {@code ignore}); a NaN number becomes the training mean when the model
     * imputes missing values, as a missing cell does in a prediction.
     */
    private static String table(OnnxGraph g, TabularEncoding encoding) {
        List<String> parts = new ArrayList<>();
        for (TabularEncoding.Feature f : encoding.features()) {
            if (f.name().equals(OUTPUT)
                    || f.name().equals(PROBABILITIES)
                    || f.name().equals(PREDICTION)) {
                throw new ConflictException(
                        "not-exportable",
                        "Model cannot be exported to ONNX",
                        "the input column '" + f.name() + "' has the name of an output of the ONNX model");
            }
            if ("numeric".equals(f.type())) {
                g.input(f.name(), OnnxGraph.FLOAT, null, 1L);
                String centred = g.node(
                        "Sub", List.of(f.name(), g.scalar("mean", f.mean().floatValue())));
                String scaled =
                        g.node("Div", List.of(centred, g.scalar("std", f.std().floatValue())));
                if (encoding.imputeMissing()) {
                    String missing = g.node("IsNaN", List.of(f.name()));
                    scaled = g.node("Where", List.of(missing, g.scalar("zero", 0f), scaled));
                }
                parts.add(scaled);
            } else {
                g.input(f.name(), OnnxGraph.STRING, null, 1L);
                String oneHot = g.mlNode(
                        "OneHotEncoder",
                        List.of(f.name()),
                        Attr.strings("cats_strings", f.categories()),
                        Attr.i("zeros", 1));
                parts.add(g.node("Flatten", List.of(oneHot), Attr.i("axis", 1)));
            }
        }
        return parts.size() == 1 ? parts.get(0) : g.node("Concat", parts, Attr.i("axis", 1));
    }

    /** Pixels 0–255 scaled to 0–1, then standardised with the training split's statistics if the model was. */
    private static String image(OnnxGraph g, ImageEncoding encoding) {
        List<Integer> shape = encoding.inputShape();
        g.input(IMAGE_INPUT, OnnxGraph.FLOAT, null, (long) shape.get(0), (long) shape.get(1), (long) shape.get(2));
        String x = g.node("Div", List.of(IMAGE_INPUT, g.scalar("max_pixel", 255f)));
        if (encoding.std() != null) {
            x = g.node("Sub", List.of(x, g.scalar("mean", encoding.mean())));
            x = g.node("Div", List.of(x, g.scalar("std", encoding.std())));
        }
        return x;
    }
}
