package dev.neurona.spec;

import dev.neurona.platform.problem.FieldProblem;
import java.util.List;

/** The shape walk's part for 1-D layers (conv1d, maxpool1d) on (channels, length). */
final class Sequences {

    private Sequences() {}

    /** Output length of a window sliding along the length, or null (with the reason) when it does not fit. */
    static Integer length(
            List<Integer> shape,
            int size,
            int stride,
            String padding,
            String path,
            String type,
            List<FieldProblem> problems) {
        if (shape.size() != 2) {
            problems.add(new FieldProblem(
                    path,
                    type + " needs sequences (channels, length) but gets " + ShapeInference.text(shape)
                            + (shape.size() == 1
                                    ? ": put {\"type\": \"reshape\", \"targetShape\": [1, -1]} before it"
                                    : ": use conv2d and maxpool2d on images")));
            return null;
        }
        String field = type.equals("conv1d") ? ".kernelSize" : ".poolSize";
        int in = shape.get(1);
        if ("same".equals(padding)) {
            if (size % 2 == 0) {
                problems.add(new FieldProblem(
                        path + field,
                        "same padding needs an odd kernel size (PyTorch pads both sides equally), was " + size));
                return null;
            }
            return (in + stride - 1) / stride;
        }
        if (size > in) {
            problems.add(new FieldProblem(
                    path + field,
                    "the window " + size + " is longer than its input " + in
                            + ": use a smaller one, padding same, or fewer pooling layers before it"));
            return null;
        }
        return (in - size) / stride + 1;
    }
}
