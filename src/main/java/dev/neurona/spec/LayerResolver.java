package dev.neurona.spec;

import java.util.List;

import dev.neurona.platform.FieldProblem;

/** Checks each layer's own fields and fills in its defaults; shapes are checked afterwards by ShapeInference. */
final class LayerResolver {

    static final int MAX_FILTERS = 4_096;
    static final int MAX_WINDOW = 64;
    private static final List<String> PADDINGS = List.of("valid", "same");

    private LayerResolver() {
    }

    static LayerSpec resolve(LayerSpec layer, String path, SpecLimits limits, List<FieldProblem> problems) {
        if (layer instanceof LayerSpec.Dense d) {
            return new LayerSpec.Dense(
                    Checks.intInRange(d.units(), null, 1, limits.maxUnits(), path + ".units", problems),
                    activation(d.activation(), "linear", path, problems),
                    initializer(d.kernelInitializer(), "glorot_uniform", path + ".kernelInitializer", problems),
                    initializer(d.biasInitializer(), "zeros", path + ".biasInitializer", problems),
                    Checks.penalty(d.l1(), path + ".l1", problems),
                    Checks.penalty(d.l2(), path + ".l2", problems));
        }
        if (layer instanceof LayerSpec.Conv2d c) {
            List<Integer> kernel = window(c.kernelSize(), null, path + ".kernelSize", problems);
            return new LayerSpec.Conv2d(
                    Checks.intInRange(c.filters(), null, 1, MAX_FILTERS, path + ".filters", problems),
                    kernel,
                    window(c.strides(), List.of(1, 1), path + ".strides", problems),
                    padding(c.padding(), path, problems),
                    activation(c.activation(), "linear", path, problems),
                    initializer(c.kernelInitializer(), "glorot_uniform", path + ".kernelInitializer", problems),
                    initializer(c.biasInitializer(), "zeros", path + ".biasInitializer", problems),
                    Checks.penalty(c.l1(), path + ".l1", problems),
                    Checks.penalty(c.l2(), path + ".l2", problems));
        }
        if (layer instanceof LayerSpec.MaxPool2d p) {
            List<Integer> size = window(p.poolSize(), List.of(2, 2), path + ".poolSize", problems);
            return new LayerSpec.MaxPool2d(size, window(p.strides(), size, path + ".strides", problems),
                    padding(p.padding(), path, problems));
        }
        if (layer instanceof LayerSpec.AvgPool2d p) {
            List<Integer> size = window(p.poolSize(), List.of(2, 2), path + ".poolSize", problems);
            return new LayerSpec.AvgPool2d(size, window(p.strides(), size, path + ".strides", problems),
                    padding(p.padding(), path, problems));
        }
        if (layer instanceof LayerSpec.BatchNorm b) {
            return new LayerSpec.BatchNorm(Checks.unitInterval(b.momentum(), 0.99, path + ".momentum", problems),
                    Checks.positive(b.epsilon(), 0.001, path + ".epsilon", problems));
        }
        if (layer instanceof LayerSpec.Dropout d) {
            if (d.rate() == null) {
                problems.add(new FieldProblem(path + ".rate", "required: the fraction of inputs to drop"));
            } else if (!(d.rate() >= 0 && d.rate() < 1)) {
                problems.add(new FieldProblem(path + ".rate", "must be at least 0 and below 1, was " + d.rate()));
            }
            return d;
        }
        if (layer instanceof LayerSpec.Activation a) {
            return new LayerSpec.Activation(activation(a.activation(), null, path, problems));
        }
        return layer; // flatten and globalavgpool2d have no fields
    }

    private static String activation(String value, String fallback, String path, List<FieldProblem> problems) {
        return Checks.name(value, fallback, Vocabulary.ACTIVATIONS, "activation", path + ".activation", problems);
    }

    private static String initializer(String value, String fallback, String path, List<FieldProblem> problems) {
        return Checks.name(value, fallback, Vocabulary.INITIALIZERS, "initializer", path, problems);
    }

    private static String padding(String value, String path, List<FieldProblem> problems) {
        return Checks.name(value, "valid", PADDINGS, "padding", path + ".padding", problems);
    }

    /** One number for both axes or [height, width], each 1..64; returned as [height, width]. */
    private static List<Integer> window(List<Integer> value, List<Integer> fallback, String path,
                                        List<FieldProblem> problems) {
        if (value == null) {
            if (fallback == null) {
                problems.add(new FieldProblem(path, "required: one number, or [height, width]"));
                return List.of(1, 1);
            }
            return fallback;
        }
        if (value.isEmpty() || value.size() > 2 || value.contains(null)) {
            problems.add(new FieldProblem(path, "must be one number or [height, width], was " + value));
            return List.of(1, 1);
        }
        List<Integer> pair = value.size() == 1 ? List.of(value.get(0), value.get(0)) : List.copyOf(value);
        for (int v : pair) {
            if (v < 1 || v > MAX_WINDOW) {
                problems.add(new FieldProblem(path, "each size must be between 1 and " + MAX_WINDOW + ", was " + value));
                return List.of(1, 1);
            }
        }
        return pair;
    }
}
