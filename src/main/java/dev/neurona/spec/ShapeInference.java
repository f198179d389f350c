package dev.neurona.spec;

import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the layers from the input shape: each layer's output shape and parameter count (as Keras' summary counts
 * them: batchnorm's moving mean and variance included), and every place where a layer does not fit its input.
 * Shapes leave out the batch dimension; images are (channels, height, width).
 */
public final class ShapeInference {

    private ShapeInference() {}

    /** The dry-run table of a resolved (valid) spec. */
    public static List<LayerRow> table(ModelSpec resolved, List<Integer> inputShape) {
        List<FieldProblem> problems = new ArrayList<>();
        List<LayerRow> rows = walk(resolved.layers(), Graph.of(resolved.layers()), inputShape, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("resolved spec does not fit its input: " + problems);
        }
        return rows;
    }

    /**
     * The dry-run table of layers on an input shape without a dataset (an imported Keras model): each layer's own
     * fields resolved with their defaults, the wiring checked, then the walk. Every problem is thrown at once, named
     * by {@code spec.layers[i]…} as in a spec.
     */
    public static List<LayerRow> rows(List<LayerSpec> layers, List<Integer> inputShape, SpecLimits limits) {
        List<FieldProblem> problems = new ArrayList<>();
        List<LayerSpec> resolved = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            resolved.add(LayerResolver.resolve(layer, "spec.layers[" + i + "]", limits, problems)
                    .withWiring(layer.name(), layer.inputs()));
        }
        Graph graph = problems.isEmpty() ? Graph.of(resolved, problems) : null;
        List<LayerRow> rows = graph == null ? List.of() : walk(resolved, graph, inputShape, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid spec", problems);
        }
        return rows;
    }

    static List<LayerRow> walk(List<LayerSpec> layers, List<Integer> inputShape, List<FieldProblem> problems) {
        Graph graph = Graph.of(layers, problems);
        return graph == null ? List.of() : walk(layers, graph, inputShape, problems);
    }

    /**
     * The rows up to the first layer that does not fit its inputs (that layer's problem added). Rows of a graph name
     * each layer's inputs; rows of a stack leave them out, as before graphs.
     */
    static List<LayerRow> walk(
            List<LayerSpec> layers, Graph graph, List<Integer> inputShape, List<FieldProblem> problems) {
        List<LayerRow> rows = new ArrayList<>();
        List<List<Integer>> shapes = new ArrayList<>();
        boolean chain = graph.chain();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String path = "spec.layers[" + i + "]";
            List<List<Integer>> ins = new ArrayList<>();
            for (int from : graph.inputs().get(i)) {
                ins.add(from == Graph.INPUT ? inputShape : shapes.get(from));
            }
            Step step = layer.merge()
                    ? Merges.shape(
                            layer,
                            ins,
                            graph.inputs().get(i).stream().map(graph::label).toList(),
                            path,
                            problems)
                    : step(layer, ins.get(0), path, problems);
            if (step == null) {
                return rows;
            }
            List<Integer> outputShape = new ArrayList<>();
            outputShape.add(-1);
            outputShape.addAll(step.out());
            rows.add(new LayerRow(
                    i,
                    layer.typeName(),
                    step.detail(),
                    outputShape,
                    step.parameters(),
                    layer.name(),
                    chain
                            ? null
                            : graph.inputs().get(i).stream().map(graph::label).toList()));
            shapes.add(step.out());
        }
        return rows;
    }

    /** What one layer makes of its input: the output shape (without the batch), its parameters, a short detail. */
    record Step(List<Integer> out, long parameters, String detail) {}

    /** One single-input layer on its input shape, or null (with the reason) when it does not fit. */
    private static Step step(LayerSpec layer, List<Integer> shape, String path, List<FieldProblem> problems) {
        long params = 0;
        String detail;
        List<Integer> out = shape;
        if (layer instanceof LayerSpec.Dense d) {
            if (shape.size() != 1) {
                problems.add(new FieldProblem(
                        path,
                        "dense needs a flat input but gets " + text(shape)
                                + ": put {\"type\": \"flatten\"} (or globalavgpool2d) before it"));
                return null;
            }
            params = (long) shape.get(0) * d.units() + d.units();
            out = List.of(d.units());
            detail = d.units() + " units, " + d.activation();
        } else if (layer instanceof LayerSpec.Maxout m) {
            if (shape.size() != 1) {
                problems.add(new FieldProblem(
                        path,
                        "maxout needs a flat input but gets " + text(shape)
                                + ": put {\"type\": \"flatten\"} (or globalavgpool2d) before it"));
                return null;
            }
            params = ((long) shape.get(0) + 1) * m.units() * m.pieces();
            out = List.of(m.units());
            detail = m.units() + " units, max of " + m.pieces() + " pieces";
        } else if (layer instanceof LayerSpec.Reshape r) {
            out = reshaped(shape, r.targetShape(), path + ".targetShape", problems);
            if (out == null) {
                return null;
            }
            detail = text(shape) + " → " + text(out);
        } else if (layer instanceof LayerSpec.Conv1d c) {
            Integer length =
                    Sequences.length(shape, c.kernelSize(), c.strides(), c.padding(), path, "conv1d", problems);
            if (length == null) {
                return null;
            }
            params = (long) c.kernelSize() * shape.get(0) * c.filters() + c.filters();
            out = List.of(c.filters(), length);
            detail = c.filters() + " filters of " + c.kernelSize() + ", " + c.padding() + ", " + c.activation();
        } else if (layer instanceof LayerSpec.MaxPool1d p) {
            Integer length = Sequences.length(shape, p.poolSize(), p.strides(), "valid", path, "maxpool1d", problems);
            if (length == null) {
                return null;
            }
            out = List.of(shape.get(0), length);
            detail = p.poolSize() + ", stride " + p.strides();
        } else if (layer instanceof LayerSpec.Conv2d c) {
            if (!image(shape, path, "conv2d", problems)) {
                return null;
            }
            List<Integer> hw = window(shape, c.kernelSize(), c.strides(), c.padding(), path, "kernelSize", problems);
            if (hw == null) {
                return null;
            }
            params = (long) c.kernelSize().get(0) * c.kernelSize().get(1) * shape.get(0) * c.filters() + c.filters();
            out = List.of(c.filters(), hw.get(0), hw.get(1));
            detail = c.filters() + " filters " + c.kernelSize().get(0) + "×"
                    + c.kernelSize().get(1) + ", " + c.padding() + ", " + c.activation();
        } else if (layer instanceof LayerSpec.MaxPool2d || layer instanceof LayerSpec.AvgPool2d) {
            boolean max = layer instanceof LayerSpec.MaxPool2d;
            List<Integer> size =
                    max ? ((LayerSpec.MaxPool2d) layer).poolSize() : ((LayerSpec.AvgPool2d) layer).poolSize();
            List<Integer> strides =
                    max ? ((LayerSpec.MaxPool2d) layer).strides() : ((LayerSpec.AvgPool2d) layer).strides();
            String padding = max ? ((LayerSpec.MaxPool2d) layer).padding() : ((LayerSpec.AvgPool2d) layer).padding();
            if (!image(shape, path, layer.typeName(), problems)) {
                return null;
            }
            if ("same".equals(padding) && !size.equals(strides)) {
                problems.add(new FieldProblem(
                        path + ".padding",
                        "same padding for pooling needs strides equal " + "to the pool size (here " + strides + " and "
                                + size + "); use valid"));
                return null;
            }
            List<Integer> hw = window(shape, size, strides, padding, path, "poolSize", problems);
            if (hw == null) {
                return null;
            }
            out = List.of(shape.get(0), hw.get(0), hw.get(1));
            detail = size.get(0) + "×" + size.get(1) + ", " + padding;
        } else if (layer instanceof LayerSpec.GlobalAvgPool2d) {
            if (!image(shape, path, "globalavgpool2d", problems)) {
                return null;
            }
            out = List.of(shape.get(0));
            detail = "mean over height and width";
        } else if (layer instanceof LayerSpec.Flatten) {
            long size = 1;
            for (int s : shape) {
                size *= s;
            }
            if (size > Integer.MAX_VALUE) {
                problems.add(new FieldProblem(
                        path,
                        "flatten would give " + size + " values per row, more than a layer can take: pool or "
                                + "shrink the input first"));
                return null;
            }
            out = List.of((int) size);
            detail = "";
        } else if (layer instanceof LayerSpec.BatchNorm b) {
            params = 4L * shape.get(0);
            detail = "momentum " + b.momentum() + ", epsilon " + b.epsilon();
        } else if (layer instanceof LayerSpec.Dropout d) {
            detail = "rate " + d.rate();
        } else {
            detail = ((LayerSpec.Activation) layer).activation();
        }
        return new Step(out, params, detail);
    }

    /** The target shape with its -1 filled in, or null (with the reason) when it does not hold the input's values. */
    static List<Integer> reshaped(List<Integer> shape, List<Integer> target, String path, List<FieldProblem> problems) {
        long size = 1;
        for (int s : shape) {
            size *= s;
        }
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < target.size(); i++) {
            if (target.get(i) == -1) {
                inferred = i;
            } else {
                known *= target.get(i);
            }
        }
        String why = null;
        if (inferred < 0 && known != size) {
            why = "the input " + text(shape) + " holds " + size + " values but " + target + " holds " + known;
        } else if (inferred >= 0 && size % known != 0) {
            why = "the input " + text(shape) + " holds " + size + " values, not a multiple of " + known
                    + " (the product of the other entries of " + target + "), so -1 cannot be inferred";
        }
        if (why != null) {
            problems.add(new FieldProblem(path, why + ": a reshape keeps every value"));
            return null;
        }
        List<Integer> out = new ArrayList<>(target);
        if (inferred >= 0) {
            out.set(inferred, Math.toIntExact(size / known));
        }
        return List.copyOf(out);
    }

    private static boolean image(List<Integer> shape, String path, String type, List<FieldProblem> problems) {
        if (shape.size() == 3) {
            return true;
        }
        problems.add(new FieldProblem(
                path,
                type + " needs images (channels, height, width) but gets "
                        + text(shape)
                        + (shape.size() == 1 ? ": use dense layers for tables, or put it before the flatten" : "")));
        return false;
    }

    /** Output height and width of a sliding window, or null (with a problem) when it does not fit. */
    private static List<Integer> window(
            List<Integer> shape,
            List<Integer> size,
            List<Integer> strides,
            String padding,
            String path,
            String field,
            List<FieldProblem> problems) {
        int[] out = new int[2];
        for (int axis = 0; axis < 2; axis++) {
            int in = shape.get(axis + 1);
            int k = size.get(axis);
            int s = strides.get(axis);
            if ("same".equals(padding)) {
                if (field.equals("kernelSize") && k % 2 == 0) {
                    problems.add(new FieldProblem(
                            path + ".kernelSize",
                            "same padding needs odd kernel sizes " + "(PyTorch pads both sides equally), was " + size));
                    return null;
                }
                out[axis] = (in + s - 1) / s;
            } else {
                if (k > in) {
                    problems.add(new FieldProblem(
                            path + "." + field,
                            "the window " + size.get(0) + "×"
                                    + size.get(1) + " is larger than its input " + shape.get(1) + "×" + shape.get(2)
                                    + ": use a smaller one, padding same, or fewer pooling layers before it"));
                    return null;
                }
                out[axis] = (in - k) / s + 1;
            }
        }
        return List.of(out[0], out[1]);
    }

    static String text(List<Integer> shape) {
        return shape.toString().replace('[', '(').replace(']', ')');
    }
}
