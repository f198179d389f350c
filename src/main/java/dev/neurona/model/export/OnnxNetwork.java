package dev.neurona.model.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import dev.neurona.model.export.OnnxGraph.Attr;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.spec.Graph;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * The trained network as ONNX nodes, child block by child block of the DJL {@code SequentialBlock}, wired as the
 * spec's graph wires the layers, so the ONNX graph is what the service runs (the output activation the head fuses is
 * absent from both). Parameterless children (lambda blocks) are recognised by the spec layer they were built from;
 * anything unknown is refused, naming the layer.
 */
final class OnnxNetwork {

    private OnnxNetwork() {}

    /**
     * The network's output value, given the model input's ({@code x}, after preprocessing). A graph's layers take the
     * values of the layers they name rather than the one before: the children of a layer chain from its input, and a
     * merge (which has no child block) becomes the ONNX operator that computes it.
     */
    static String add(OnnxGraph g, Network network, List<LayerSpec> layers, String x) {
        List<Block> children = network.block().getChildren().values();
        Graph graph = network.graph();
        List<String> values = new ArrayList<>(layers.size());
        int j = 0;
        for (int i = 0; i < layers.size(); i++) {
            List<String> taken = new ArrayList<>();
            for (int from : graph.inputs().get(i)) {
                taken.add(from == Graph.INPUT ? x : values.get(from));
            }
            String value = layers.get(i).merge() ? merge(g, layers.get(i), taken) : taken.get(0);
            for (; j < children.size() && network.blockLayers().get(j) == i; j++) {
                value = child(g, children.get(j), layers.get(i), i, value);
            }
            values.add(value);
        }
        return values.get(layers.size() - 1);
    }

    /** As {@code Merges.apply} computes it; concatenate joins axis 1, the features or channels of the batch. */
    private static String merge(OnnxGraph g, LayerSpec layer, List<String> in) {
        if (layer instanceof LayerSpec.Concatenate) {
            return g.node("Concat", in, Attr.i("axis", 1));
        }
        if (layer instanceof LayerSpec.Average) {
            return g.node("Mean", in);
        }
        if (layer instanceof LayerSpec.Add) {
            return g.node(in.size() == 2 ? "Add" : "Sum", in);
        }
        // multiply, left to right
        String out = in.get(0);
        for (int k = 1; k < in.size(); k++) {
            out = g.node("Mul", List.of(out, in.get(k)));
        }
        return out;
    }

    private static String child(OnnxGraph g, Block block, LayerSpec layer, int index, String x) {
        if (block instanceof Linear) {
            NDArray w = parameter(block, "weight");
            long[] shape = w.getShape().getShape();
            String weight =
                    g.constant("dense" + index + "_weight", transpose(w.toFloatArray(), shape), shape[1], shape[0]);
            NDArray b = parameter(block, "bias");
            String bias = g.constant("dense" + index + "_bias", b.toFloatArray(), shape[0]);
            return g.node("Add", List.of(g.node("MatMul", List.of(x, weight)), bias));
        }
        if (block instanceof Conv2d && layer instanceof LayerSpec.Conv2d c) {
            NDArray w = parameter(block, "weight");
            String weight = g.constant(
                    "conv" + index + "_weight", w.toFloatArray(), w.getShape().getShape());
            NDArray b = parameter(block, "bias");
            String bias = g.constant(
                    "conv" + index + "_bias", b.toFloatArray(), b.getShape().getShape());
            long ph = "same".equals(c.padding()) ? (c.kernelSize().get(0) - 1) / 2 : 0;
            long pw = "same".equals(c.padding()) ? (c.kernelSize().get(1) - 1) / 2 : 0;
            return g.node(
                    "Conv",
                    List.of(x, weight, bias),
                    Attr.ints(
                            "kernel_shape",
                            c.kernelSize().get(0),
                            c.kernelSize().get(1)),
                    Attr.ints("strides", c.strides().get(0), c.strides().get(1)),
                    Attr.ints("pads", ph, pw, ph, pw));
        }
        if (block instanceof Conv1d && layer instanceof LayerSpec.Conv1d c) {
            NDArray w = parameter(block, "weight");
            String weight = g.constant(
                    "conv" + index + "_weight", w.toFloatArray(), w.getShape().getShape());
            NDArray b = parameter(block, "bias");
            String bias = g.constant(
                    "conv" + index + "_bias", b.toFloatArray(), b.getShape().getShape());
            long pad = "same".equals(c.padding()) ? (c.kernelSize() - 1) / 2 : 0;
            return g.node(
                    "Conv",
                    List.of(x, weight, bias),
                    Attr.ints("kernel_shape", c.kernelSize()),
                    Attr.ints("strides", c.strides()),
                    Attr.ints("pads", pad, pad));
        }
        if (block instanceof BatchNorm && layer instanceof LayerSpec.BatchNorm bn) {
            String[] names = {"gamma", "beta", "runningMean", "runningVar"};
            String[] in = new String[5];
            in[0] = x;
            for (int k = 0; k < names.length; k++) {
                NDArray p = parameter(block, names[k]);
                in[k + 1] = g.constant(
                        "batchnorm" + index + "_" + names[k],
                        p.toFloatArray(),
                        p.getShape().getShape());
            }
            return g.node(
                    "BatchNormalization",
                    List.of(in),
                    Attr.f("epsilon", bn.epsilon().floatValue()));
        }
        if (block instanceof Dropout) {
            return x; // dropout only acts in training
        }
        if (block instanceof LambdaBlock) {
            String out = lambda(g, layer, x);
            if (out != null) {
                return out;
            }
        }
        throw refused(index, layer, "its block " + block.getClass().getSimpleName() + " has no ONNX translation");
    }

    /** What a parameterless block built from this layer computes; null when the exporter does not know it. */
    private static String lambda(OnnxGraph g, LayerSpec layer, String x) {
        if (layer instanceof LayerSpec.Dense
                || layer instanceof LayerSpec.Conv2d
                || layer instanceof LayerSpec.Conv1d) {
            return OnnxActivations.add(g, layer.activationName(), null, x);
        }
        if (layer instanceof LayerSpec.Activation a) {
            return OnnxActivations.add(g, a.activation(), a.alpha(), x);
        }
        if (layer instanceof LayerSpec.MaxPool2d p) {
            return pool(g, "MaxPool", p.poolSize(), p.strides(), p.padding(), x);
        }
        if (layer instanceof LayerSpec.AvgPool2d p) {
            // DJL's average pool never counts padding; ceil mode's partial windows average what they cover
            return pool(g, "AveragePool", p.poolSize(), p.strides(), p.padding(), x, Attr.i("count_include_pad", 0));
        }
        if (layer instanceof LayerSpec.GlobalAvgPool2d) {
            return g.node("Flatten", List.of(g.node("GlobalAveragePool", List.of(x))), Attr.i("axis", 1));
        }
        if (layer instanceof LayerSpec.Flatten) {
            return g.node("Flatten", List.of(x), Attr.i("axis", 1));
        }
        if (layer instanceof LayerSpec.MaxPool1d p) {
            return g.node(
                    "MaxPool", List.of(x), Attr.ints("kernel_shape", p.poolSize()), Attr.ints("strides", p.strides()));
        }
        if (layer instanceof LayerSpec.Maxout m) {
            // the builder's layout: piece k of unit u is column u·K + k of the preceding MatMul + Add
            String pieces = g.node("Reshape", List.of(x, g.longs("maxout_shape", -1, m.units(), m.pieces())));
            return g.node("ReduceMax", List.of(pieces), Attr.ints("axes", 2), Attr.i("keepdims", 0));
        }
        if (layer instanceof LayerSpec.Reshape r) {
            long[] shape = new long[r.targetShape().size() + 1];
            // 0 copies the batch size from the input; the target's own -1, if any, is inferred as in the builder
            for (int i = 0; i < r.targetShape().size(); i++) {
                shape[i + 1] = r.targetShape().get(i);
            }
            return g.node("Reshape", List.of(x, g.longs("reshape_shape", shape)));
        }
        return null;
    }

    private static String pool(
            OnnxGraph g, String op, List<Integer> size, List<Integer> strides, String padding, String x, Attr... more) {
        Attr[] attrs = new Attr[3 + more.length];
        attrs[0] = Attr.ints("kernel_shape", size.get(0), size.get(1));
        attrs[1] = Attr.ints("strides", strides.get(0), strides.get(1));
        // same padding is validated to have strides equal to the pool size: ceil mode, as the builder does it
        attrs[2] = Attr.i("ceil_mode", "same".equals(padding) ? 1 : 0);
        System.arraycopy(more, 0, attrs, 3, more.length);
        return g.node(op, List.of(x), attrs);
    }

    static ConflictException refused(int index, LayerSpec layer, String why) {
        return new ConflictException(
                "not-exportable",
                "Model cannot be exported to ONNX",
                "spec.layers[" + index + "] (" + layer.typeName() + "): " + why);
    }

    private static NDArray parameter(Block block, String name) {
        return block.getParameters().get(name).getArray();
    }

    private static float[] transpose(float[] values, long[] shape) {
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return out;
    }
}
