package dev.neurona.spec;

import dev.neurona.platform.problem.FieldProblem;
import java.util.List;

/** Checks each layer's own fields and fills in its defaults; shapes are checked afterwards by ShapeInference. */
final class LayerResolver {

    static final int MAX_FILTERS = 4_096;
    static final int MAX_WINDOW = 64;
    static final int MAX_PIECES = 16;
    /** Keeps the product of a target shape's entries within a long; the shape walk compares it to the input. */
    static final int MAX_DIMENSION = 1_000_000;

    private static final List<String> PADDINGS = List.of("valid", "same");

    private LayerResolver() {}

    static LayerSpec resolve(LayerSpec layer, String path, SpecLimits limits, List<FieldProblem> problems) {
        if (layer instanceof LayerSpec.Dense d) {
            return new LayerSpec.Dense(
                    Checks.intInRange(d.units(), null, 1, limits.maxUnits(), path + ".units", problems),
                    activation(d.activation(), "linear", path, problems),
                    initializer(d.kernelInitializer(), "glorot_uniform", path + ".kernelInitializer", problems),
                    initializer(d.biasInitializer(), "zeros", path + ".biasInitializer", problems),
                    Checks.penalty(d.l1(), path + ".l1", problems),
                    Checks.penalty(d.l2(), path + ".l2", problems),
                    null,
                    null,
                    d.trainable());
        }
        if (layer instanceof LayerSpec.Maxout m) {
            return new LayerSpec.Maxout(
                    Checks.intInRange(m.units(), null, 1, limits.maxUnits(), path + ".units", problems),
                    Checks.intInRange(m.pieces(), 2, 2, MAX_PIECES, path + ".pieces", problems),
                    initializer(m.kernelInitializer(), "glorot_uniform", path + ".kernelInitializer", problems),
                    initializer(m.biasInitializer(), "zeros", path + ".biasInitializer", problems),
                    Checks.penalty(m.l1(), path + ".l1", problems),
                    Checks.penalty(m.l2(), path + ".l2", problems),
                    null,
                    null,
                    m.trainable());
        }
        if (layer instanceof LayerSpec.Reshape r) {
            return new LayerSpec.Reshape(targetShape(r.targetShape(), path + ".targetShape", problems));
        }
        if (layer instanceof LayerSpec.Conv1d c) {
            return new LayerSpec.Conv1d(
                    Checks.intInRange(c.filters(), null, 1, MAX_FILTERS, path + ".filters", problems),
                    Checks.intInRange(c.kernelSize(), null, 1, MAX_WINDOW, path + ".kernelSize", problems),
                    Checks.intInRange(c.strides(), 1, 1, MAX_WINDOW, path + ".strides", problems),
                    padding(c.padding(), path, problems),
                    activation(c.activation(), "linear", path, problems),
                    initializer(c.kernelInitializer(), "glorot_uniform", path + ".kernelInitializer", problems),
                    initializer(c.biasInitializer(), "zeros", path + ".biasInitializer", problems),
                    Checks.penalty(c.l1(), path + ".l1", problems),
                    Checks.penalty(c.l2(), path + ".l2", problems),
                    null,
                    null,
                    c.trainable());
        }
        if (layer instanceof LayerSpec.MaxPool1d p) {
            int size = Checks.intInRange(p.poolSize(), 2, 1, MAX_WINDOW, path + ".poolSize", problems);
            return new LayerSpec.MaxPool1d(
                    size, Checks.intInRange(p.strides(), size, 1, MAX_WINDOW, path + ".strides", problems));
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
                    Checks.penalty(c.l2(), path + ".l2", problems),
                    null,
                    null,
                    c.trainable());
        }
        if (layer instanceof LayerSpec.MaxPool2d p) {
            List<Integer> size = window(p.poolSize(), List.of(2, 2), path + ".poolSize", problems);
            return new LayerSpec.MaxPool2d(
                    size, window(p.strides(), size, path + ".strides", problems), padding(p.padding(), path, problems));
        }
        if (layer instanceof LayerSpec.AvgPool2d p) {
            List<Integer> size = window(p.poolSize(), List.of(2, 2), path + ".poolSize", problems);
            return new LayerSpec.AvgPool2d(
                    size, window(p.strides(), size, path + ".strides", problems), padding(p.padding(), path, problems));
        }
        if (layer instanceof LayerSpec.BatchNorm b) {
            return new LayerSpec.BatchNorm(
                    Checks.unitInterval(b.momentum(), 0.99, path + ".momentum", problems),
                    Checks.positive(b.epsilon(), 0.001, path + ".epsilon", problems),
                    null,
                    null,
                    b.trainable());
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
            String name = activation(a.activation(), null, path, problems);
            return new LayerSpec.Activation(name, alpha(name, a.alpha(), path + ".alpha", problems));
        }
        return layer; // flatten and globalavgpool2d have no fields
    }

    private static String activation(String value, String fallback, String path, List<FieldProblem> problems) {
        return Checks.name(value, fallback, Vocabulary.ACTIVATIONS, "activation", path + ".activation", problems);
    }

    /** Keras 3's defaults: leaky_relu's negative slope 0.2 (the function's, not the old layer's 0.3), elu's α 1. */
    private static Double alpha(String activation, Double alpha, String path, List<FieldProblem> problems) {
        if (activation == null || !Vocabulary.ACTIVATIONS_WITH_ALPHA.contains(activation)) {
            if (alpha != null) {
                problems.add(new FieldProblem(path, "only leaky_relu and elu take an alpha, not " + activation));
            }
            return null;
        }
        double value = alpha != null ? alpha : "leaky_relu".equals(activation) ? 0.2 : 1.0;
        if (!(value >= 0 && value <= 10)) {
            problems.add(new FieldProblem(path, "must be between 0 and 10, was " + value));
        }
        return value;
    }

    /** The initialiser with its arguments filled in; arguments that its type does not take are refused. */
    static InitializerSpec initializer(
            InitializerSpec value, String fallback, String path, List<FieldProblem> problems) {
        if (value == null) {
            return InitializerSpec.named(fallback);
        }
        String type = Checks.name(
                value.type(),
                null,
                Vocabulary.INITIALIZERS,
                "initializer",
                value.type() == null ? path + ".type" : path,
                problems);
        if (type == null || !Vocabulary.INITIALIZERS.contains(type)) {
            return value;
        }
        List<String> takes =
                switch (type) {
                    case "constant" -> List.of("value");
                    case "random_normal", "truncated_normal" -> List.of("mean", "stddev");
                    case "random_uniform" -> List.of("minval", "maxval");
                    default -> List.of();
                };
        checkUnused(value.value(), "value", takes, type, path, problems);
        checkUnused(value.mean(), "mean", takes, type, path, problems);
        checkUnused(value.stddev(), "stddev", takes, type, path, problems);
        checkUnused(value.minval(), "minval", takes, type, path, problems);
        checkUnused(value.maxval(), "maxval", takes, type, path, problems);
        return switch (type) {
            case "constant" -> {
                if (value.value() == null) {
                    problems.add(new FieldProblem(path + ".value", "required for a constant initializer"));
                } else if (!(Math.abs(value.value()) <= 100)) {
                    problems.add(
                            new FieldProblem(path + ".value", "must be between -100 and 100, was " + value.value()));
                }
                yield value;
            }
            case "random_normal", "truncated_normal" -> {
                double mean = value.mean() != null ? value.mean() : 0.0;
                double stddev = value.stddev() != null ? value.stddev() : 0.05;
                if (!(Math.abs(mean) <= 100)) {
                    problems.add(new FieldProblem(path + ".mean", "must be between -100 and 100, was " + mean));
                }
                if (!(stddev > 0 && stddev <= 100)) {
                    problems.add(new FieldProblem(path + ".stddev", "must be above 0 and at most 100, was " + stddev));
                }
                yield new InitializerSpec(type, null, mean, stddev, null, null);
            }
            case "random_uniform" -> {
                double min = value.minval() != null ? value.minval() : -0.05;
                double max = value.maxval() != null ? value.maxval() : 0.05;
                if (!(min < max && Math.abs(min) <= 100 && Math.abs(max) <= 100)) {
                    problems.add(new FieldProblem(
                            path + ".maxval",
                            "minval must be below maxval, both between " + "-100 and 100; were " + min + " and "
                                    + max));
                }
                yield new InitializerSpec(type, null, null, null, min, max);
            }
            default -> InitializerSpec.named(type);
        };
    }

    private static void checkUnused(
            Double given, String argument, List<String> takes, String type, String path, List<FieldProblem> problems) {
        if (given != null && !takes.contains(argument)) {
            problems.add(new FieldProblem(
                    path + "." + argument,
                    type + " takes " + (takes.isEmpty() ? "no arguments" : "only " + String.join(", ", takes))));
        }
    }

    private static String padding(String value, String path, List<FieldProblem> problems) {
        return Checks.name(value, "valid", PADDINGS, "padding", path + ".padding", problems);
    }

    /** One number for both axes or [height, width], each 1..64; returned as [height, width]. */
    private static List<Integer> window(
            List<Integer> value, List<Integer> fallback, String path, List<FieldProblem> problems) {
        if (value == null) {
            if (fallback == null) {
                problems.add(new FieldProblem(path, "required: one number, or [height, width]"));
                return List.of(1, 1);
            }
            return fallback;
        }
        if (value.isEmpty() || value.size() > 2 || value.stream().anyMatch(java.util.Objects::isNull)) {
            problems.add(new FieldProblem(path, "must be one number or [height, width], was " + value));
            return List.of(1, 1);
        }
        List<Integer> pair = value.size() == 1 ? List.of(value.get(0), value.get(0)) : List.copyOf(value);
        for (int v : pair) {
            if (v < 1 || v > MAX_WINDOW) {
                problems.add(
                        new FieldProblem(path, "each size must be between 1 and " + MAX_WINDOW + ", was " + value));
                return List.of(1, 1);
            }
        }
        return pair;
    }

    /**
     * 1 to 3 entries (a vector, channels × length, or channels × height × width: the shapes the layers here take),
     * each from 1 to {@link #MAX_DIMENSION} or -1 for one entry inferred from the input. Whether the element counts
     * match is the shape walk's check, which knows the input.
     */
    private static List<Integer> targetShape(List<Integer> value, String path, List<FieldProblem> problems) {
        if (value == null) {
            problems.add(new FieldProblem(path, "required: the shape of one row without the batch, e.g. [1, 6, 7]"));
            return List.of();
        }
        if (value.isEmpty() || value.size() > 3 || value.stream().anyMatch(java.util.Objects::isNull)) {
            problems.add(new FieldProblem(path, "must hold 1 to 3 whole numbers (batch left out), was " + value));
            return value.stream().anyMatch(java.util.Objects::isNull) ? List.of() : List.copyOf(value);
        }
        if (value.stream().filter(v -> v == -1).count() > 1) {
            problems.add(new FieldProblem(path, "at most one entry may be -1 (inferred), was " + value));
        } else if (value.stream().anyMatch(v -> v != -1 && (v < 1 || v > MAX_DIMENSION))) {
            problems.add(new FieldProblem(
                    path, "each entry must be between 1 and " + MAX_DIMENSION + ", or -1 once, was " + value));
        }
        return List.copyOf(value);
    }
}
