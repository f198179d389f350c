package dev.neurona.spec;

import dev.neurona.platform.problem.FieldProblem;
import java.util.List;

/**
 * The checks of an autoencoder spec ({@code task: reconstruction}): the network must give back a value for every
 * input value, the loss must compare values (not classes), and what only makes sense for labels is refused.
 */
final class Reconstructions {

    static final List<String> LOSSES = List.of("mse", "mae", "binary_crossentropy");

    private Reconstructions() {}

    /** Null for the dataset's own task; else the task, or a problem at {@code spec.task}. */
    static String task(String given, List<FieldProblem> problems) {
        if (given == null || ModelSpec.RECONSTRUCTION.equals(given)) {
            return given;
        }
        problems.add(new FieldProblem(
                "spec.task",
                "must be reconstruction (an autoencoder) or left out for the dataset's own task, was '" + given + "'"));
        return null;
    }

    /**
     * The loss (mse by default) after checking the output shape against the input's and the loss against the range
     * of the targets: binary cross-entropy compares values in [0, 1], which only unstandardised pixels are.
     */
    static String checkOutput(
            ModelSpec spec, List<LayerSpec> layers, List<LayerRow> rows, DataShape data, List<FieldProblem> problems) {
        String loss = spec.loss() != null ? spec.loss() : "mse";
        if (!LOSSES.contains(loss)) {
            problems.add(new FieldProblem(
                    "spec.loss",
                    "a reconstruction compares values, not classes: use mse, mae or binary_crossentropy (pixels in "
                            + "[0, 1] only), not '" + loss + "'"));
        }
        if (rows.size() == layers.size() && !rows.isEmpty()) {
            List<Integer> out = rows.get(rows.size() - 1).outputShape();
            List<Integer> outShape = out.subList(1, out.size());
            if (!outShape.equals(data.inputShape())) {
                String in = ShapeInference.text(data.inputShape());
                problems.add(new FieldProblem(
                        "spec.layers[" + (layers.size() - 1) + "]",
                        "a reconstruction's last layer must output the input's shape " + in + "; it outputs "
                                + ShapeInference.text(outShape)
                                + (data.inputShape().size() > 1
                                        ? ": end with {\"type\":\"reshape\",\"targetShape\":"
                                                + data.inputShape().toString().replace(" ", "") + "}"
                                        : ": end with a dense layer of "
                                                + data.inputShape().get(0) + " units")));
            }
        }
        if ("binary_crossentropy".equals(loss)) {
            if (data.inputShape().size() == 1) {
                problems.add(new FieldProblem(
                        "spec.loss",
                        "binary_crossentropy compares values in [0, 1]; a table's inputs are standardised (mean 0, "
                                + "standard deviation 1): use mse or mae"));
            } else if (spec.images() != null
                    && Boolean.TRUE.equals(spec.images().standardize())) {
                problems.add(new FieldProblem(
                        "spec.loss",
                        "binary_crossentropy compares values in [0, 1]; with images.standardize the pixels are not: "
                                + "use mse or mae, or leave standardize off"));
            }
            String activation = outputActivation(layers);
            if (!"sigmoid".equals(activation)) {
                problems.add(new FieldProblem(
                        "spec.layers[" + (layers.size() - 1) + "]",
                        "binary_crossentropy compares probabilities: the last activation must be sigmoid, was "
                                + activation));
            }
        }
        if (spec.lossOptions() != null && Boolean.TRUE.equals(spec.lossOptions().fromLogits())) {
            problems.add(new FieldProblem(
                    "spec.lossOptions.fromLogits",
                    "a reconstruction's output is the reconstruction itself: end with a sigmoid instead"));
        }
        return loss;
    }

    /** The activation the output passes last, looking back through layers that only move values around. */
    private static String outputActivation(List<LayerSpec> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            LayerSpec layer = layers.get(i);
            if (layer.activationName() != null) {
                return layer.activationName();
            }
            if (!(layer instanceof LayerSpec.Reshape
                    || layer instanceof LayerSpec.Flatten
                    || layer instanceof LayerSpec.Dropout)) {
                return "none (the last layer is " + layer.typeName() + ")";
            }
        }
        return "linear";
    }

    /**
     * The resolved settings; the code layer defaults to the one before the last with the fewest output values, the
     * first of equals.
     */
    static ModelSpec.Autoencoder settings(
            ModelSpec.Autoencoder given, List<LayerSpec> layers, List<LayerRow> rows, List<FieldProblem> problems) {
        ModelSpec.Autoencoder a = given != null ? given : new ModelSpec.Autoencoder(null, null, null);
        double noise = a.noise() != null ? a.noise() : 0.0;
        if (!(noise >= 0 && noise <= 1)) {
            problems.add(new FieldProblem("spec.autoencoder.noise", "must be from 0 to 1, was " + a.noise()));
        }
        double masking = a.masking() != null ? a.masking() : 0.0;
        if (!(masking >= 0 && masking <= 0.9)) {
            problems.add(new FieldProblem("spec.autoencoder.masking", "must be from 0 to 0.9, was " + a.masking()));
        }
        Integer code = null;
        String path = "spec.autoencoder.code";
        if (a.code() == null) {
            if (rows.size() == layers.size()) {
                long fewest = Long.MAX_VALUE;
                // the last layer gives the input back: it is the code only of a one-layer network
                List<LayerRow> before = rows.size() > 1 ? rows.subList(0, rows.size() - 1) : rows;
                for (LayerRow row : before) {
                    long size = size(row.outputShape());
                    if (size < fewest) {
                        fewest = size;
                        code = row.index();
                    }
                }
            }
        } else if (a.code() instanceof Integer i) {
            if (i < 0 || i >= layers.size()) {
                problems.add(new FieldProblem(
                        path, "no layer " + i + ": the network has layers 0 to " + (layers.size() - 1)));
            } else {
                code = i;
            }
        } else if (a.code() instanceof String name) {
            for (int i = 0; i < layers.size() && code == null; i++) {
                if (name.equals(layers.get(i).name())) {
                    code = i;
                }
            }
            if (code == null) {
                problems.add(new FieldProblem(
                        path,
                        "no layer is named '" + (name.length() > 100 ? name.substring(0, 100) + "…" : name)
                                + "'; give a layer's name or its 0-based index"));
            }
        } else {
            problems.add(new FieldProblem(path, "a layer's name or its 0-based index"));
        }
        return new ModelSpec.Autoencoder(noise, masking, code);
    }

    private static long size(List<Integer> outputShape) {
        long size = 1;
        for (int i = 1; i < outputShape.size(); i++) {
            size *= outputShape.get(i);
        }
        return size;
    }
}
