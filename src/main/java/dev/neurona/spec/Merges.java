package dev.neurona.spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.neurona.platform.problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** The merge layers (add, multiply, average, concatenate): their shape rule and what they compute. */
final class Merges {

    private Merges() {}

    /** The merged shape, or null (with the reason, naming each input's shape) when the inputs do not fit. */
    static ShapeInference.Step shape(
            LayerSpec layer, List<List<Integer>> shapes, List<String> names, String path, List<FieldProblem> problems) {
        List<Integer> first = shapes.get(0);
        if (layer instanceof LayerSpec.Concatenate) {
            int joined = 0;
            for (List<Integer> shape : shapes) {
                if (shape.size() != first.size()
                        || !shape.subList(1, shape.size()).equals(first.subList(1, first.size()))) {
                    problems.add(new FieldProblem(
                            path + ".inputs",
                            "concatenate joins along the features (vectors) or channels (images, sequences), so the "
                                    + "other dimensions must agree, but gets " + listed(shapes, names)
                                    + ": flatten, pool or reshape the inputs to fit"));
                    return null;
                }
                joined += shape.get(0);
            }
            List<Integer> out = new ArrayList<>(first);
            out.set(0, joined);
            return new ShapeInference.Step(List.copyOf(out), 0, "joins " + String.join(", ", names));
        }
        for (List<Integer> shape : shapes) {
            if (!shape.equals(first)) {
                problems.add(new FieldProblem(
                        path + ".inputs",
                        layer.typeName() + " works element by element, so its inputs need one shape, but gets "
                                + listed(shapes, names)
                                + ": give the layers the same units or filters, or use concatenate"));
                return null;
            }
        }
        String verb =
                switch (layer.typeName()) {
                    case "add" -> "sum of ";
                    case "multiply" -> "product of ";
                    default -> "mean of ";
                };
        return new ShapeInference.Step(first, 0, verb + String.join(", ", names));
    }

    /** What the merge computes on a batch: the inputs in the order the spec names them. */
    static NDList apply(LayerSpec layer, NDList inputs) {
        NDArray out = inputs.get(0);
        if (layer instanceof LayerSpec.Concatenate) {
            // axis 1 of the batch is the features or channels: Keras' axis -1 in its channels-last layout
            return new NDList(NDArrays.concat(inputs, 1));
        }
        for (int i = 1; i < inputs.size(); i++) {
            out = layer instanceof LayerSpec.Multiply ? out.mul(inputs.get(i)) : out.add(inputs.get(i));
        }
        if (layer instanceof LayerSpec.Average) {
            out = out.div(inputs.size());
        }
        return new NDList(out);
    }

    private static String listed(List<List<Integer>> shapes, List<String> names) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            parts.add(names.get(i) + " " + ShapeInference.text(shapes.get(i)));
        }
        return String.join(" and ", parts);
    }
}
