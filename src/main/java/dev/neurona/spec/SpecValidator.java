package dev.neurona.spec;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.UnknownCategories;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks a spec against a dataset before anything is queued and fills in the defaults. Every problem is collected
 * (not just the first) and named by its JSON path under {@code spec}, so a student can fix them all in one go.
 */
public final class SpecValidator {

    private SpecValidator() {}

    /** The spec with every default filled in, or an {@link DomainException} listing every problem. */
    public static ModelSpec resolve(ModelSpec spec, DataShape data) {
        return resolve(spec, data, SpecLimits.DEFAULTS);
    }

    /** As {@link #resolve(ModelSpec, DataShape)}, within the given size limits. */
    public static ModelSpec resolve(ModelSpec spec, DataShape data, SpecLimits limits) {
        List<FieldProblem> problems = new ArrayList<>();
        List<LayerSpec> layers = resolveLayers(spec.layers(), limits, problems);
        OptimizerSpec optimizer = OptimizerResolver.resolve(spec.optimizer(), problems);
        int epochs = Checks.intInRange(spec.epochs(), 20, 1, limits.maxEpochs(), "spec.epochs", problems);
        int batchSize = batchSize(spec.batchSize(), limits, problems);
        double validationSplit = Checks.fraction(spec.validationSplit(), 0.1, "spec.validationSplit", problems);
        double testSplit = Checks.fraction(spec.testSplit(), 0.2, "spec.testSplit", problems);
        long seed =
                spec.seed() != null ? spec.seed() : ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        String loss = null;
        String task = Reconstructions.task(spec.task(), problems);
        boolean reconstruction = ModelSpec.RECONSTRUCTION.equals(task);
        List<LayerRow> shapes = List.of();
        // the wiring is checked even when a layer's own fields are not, so every problem shows at once
        Graph graph = spec.layers() != null && layers.size() == spec.layers().size() && !layers.isEmpty()
                ? Graph.of(layers, problems)
                : null;
        if (graph != null && problems.stream().noneMatch(p -> p.field().startsWith("spec.layers"))) {
            shapes = ShapeInference.walk(layers, graph, data.inputShape(), problems);
            long parameters = shapes.stream().mapToLong(LayerRow::parameters).sum();
            if (parameters > limits.maxParameters()) {
                problems.add(new FieldProblem(
                        "spec.layers",
                        String.format(
                                java.util.Locale.ROOT,
                                "the network has "
                                        + "%,d parameters (about %,d MB to train); at most %,d here: use fewer units or filters, or "
                                        + "pooling before the dense layers",
                                parameters,
                                parameters * 16 / 1_000_000,
                                limits.maxParameters())));
            }
        }
        String mode =
                Checks.name(spec.mode(), "gradient", List.of("gradient", "perceptron"), "mode", "spec.mode", problems);
        boolean perceptron = "perceptron".equals(mode);
        if (perceptron && spec.optimizer() == null) {
            optimizer =
                    OptimizerResolver.resolve(new OptimizerSpec.Sgd(Perceptrons.DEFAULT_LEARNING_RATE, 0.0), problems);
        }
        Perceptrons.checkActivations(layers, perceptron, problems);
        ModelSpec.LossOptions lossOptions = null;
        if (problems.stream()
                .noneMatch(p -> p.field().startsWith("spec.layers") || p.field().equals("spec.mode"))) {
            if (perceptron && reconstruction) {
                problems.add(new FieldProblem(
                        "spec.mode", "the perceptron separates two classes; a reconstruction needs gradient mode"));
            } else if (perceptron) {
                Perceptrons.check(spec, layers, optimizer, data, problems);
            } else if (reconstruction) {
                loss = Reconstructions.checkOutput(spec, layers, shapes, data, problems);
            } else {
                loss = checkOutput(layers, spec.loss(), spec.lossOptions(), data, problems);
                lossOptions = TrainingSettings.lossOptions(loss, spec.lossOptions(), problems);
            }
        }
        ClassWeights classWeights = null;
        ModelSpec.Autoencoder autoencoder = null;
        if (reconstruction) {
            if (spec.classWeights() != null) {
                problems.add(new FieldProblem(
                        "spec.classWeights", "a reconstruction trains on no class: every value counts the same"));
            }
            autoencoder = Reconstructions.settings(spec.autoencoder(), layers, shapes, problems);
        } else {
            classWeights = TrainingSettings.classWeights(spec.classWeights(), data, problems);
            if (spec.autoencoder() != null) {
                problems.add(new FieldProblem("spec.autoencoder", "only with \"task\": \"reconstruction\""));
            }
        }
        // a reconstruction is monitored as a regression is: by its loss or its mean absolute error
        DataShape monitored =
                reconstruction ? new DataShape(data.inputShape(), Task.REGRESSION, List.of(), data.rows()) : data;
        ModelSpec.EarlyStopping earlyStopping =
                TrainingSettings.earlyStopping(spec.earlyStopping(), monitored, validationSplit, perceptron, problems);
        // physics-informed training (docs/physics.md): no splits, every step full-batch on sampled points
        Physics physics = PhysicsSettings.resolve(spec, layers, data, problems);
        if (physics != null) {
            validationSplit = 0.0;
            testSplit = 0.0;
            batchSize = ModelSpec.ALL_ROWS;
        } else if (problems.stream().noneMatch(p -> p.field().endsWith("Split"))) {
            checkSplits(data.rows(), validationSplit, testSplit, problems);
        }
        ModelSpec.ImageSettings images = resolveImages(spec.images(), data, problems);
        ModelSpec.TableSettings tables = resolveTables(spec.tables(), data, problems);
        Transfers.Resolved transfer = Transfers.resolve(spec, layers, epochs, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid spec", problems);
        }
        return new ModelSpec(
                layers,
                loss,
                optimizer,
                epochs,
                batchSize,
                validationSplit,
                testSplit,
                seed,
                images,
                lossOptions,
                classWeights,
                earlyStopping,
                mode,
                tables,
                task,
                autoencoder,
                transfer.from(),
                transfer.unfreeze(),
                physics);
    }

    /** Null when not given: the dataset's choice applies, and the resolved spec stays as it was before tables. */
    private static ModelSpec.TableSettings resolveTables(
            ModelSpec.TableSettings tables, DataShape data, List<FieldProblem> problems) {
        if (tables == null) {
            return null;
        }
        if (data.inputShape().size() != 1) {
            problems.add(new FieldProblem("spec.tables", "only for table datasets; this one holds images"));
            return null;
        }
        if (tables.unknownCategories() == null) {
            return null;
        }
        String policy = UnknownCategories.parse(tables.unknownCategories());
        if (policy == null) {
            problems.add(new FieldProblem(
                    "spec.tables.unknownCategories",
                    "must be ignore or error, was '" + tables.unknownCategories() + "'"));
            return null;
        }
        return new ModelSpec.TableSettings(policy);
    }

    private static List<LayerSpec> resolveLayers(
            List<LayerSpec> layers, SpecLimits limits, List<FieldProblem> problems) {
        if (layers == null || layers.isEmpty()) {
            problems.add(new FieldProblem(
                    "spec.layers",
                    "at least one layer is required, e.g. "
                            + "{\"type\":\"dense\",\"units\":3,\"activation\":\"softmax\"}"));
            return List.of();
        }
        if (layers.size() > limits.maxLayers()) {
            problems.add(new FieldProblem("spec.layers", layers.size() + " layers; at most " + limits.maxLayers()));
            return List.of();
        }
        List<LayerSpec> resolved = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String path = "spec.layers[" + i + "]";
            LayerSpec layer = layers.get(i);
            if (layer == null) {
                problems.add(new FieldProblem(path, "a layer must be an object with a type"));
                continue;
            }
            resolved.add(LayerResolver.resolve(layer, path, limits, problems).withWiring(layer.name(), layer.inputs()));
        }
        if (!resolved.isEmpty() && resolved.stream().noneMatch(l -> l instanceof LayerSpec.Dense)) {
            problems.add(new FieldProblem("spec.layers", "the network needs at least one dense layer"));
        }
        return resolved;
    }

    private static ModelSpec.ImageSettings resolveImages(
            ModelSpec.ImageSettings images, DataShape data, List<FieldProblem> problems) {
        if (data.inputShape().size() != 3) {
            if (images != null) {
                problems.add(new FieldProblem("spec.images", "only for image datasets; this one is a table"));
            }
            return null;
        }
        ModelSpec.ImageSettings given = images != null ? images : new ModelSpec.ImageSettings(null, null, null);
        int shift = Checks.intInRange(given.shift(), 0, 0, 8, "spec.images.shift", problems);
        double rotation = given.rotation() != null ? given.rotation() : 0.0;
        if (!(rotation >= 0 && rotation <= 45)) {
            problems.add(new FieldProblem("spec.images.rotation", "must be between 0 and 45 degrees, was " + rotation));
        }
        return new ModelSpec.ImageSettings(Boolean.TRUE.equals(given.standardize()), shift, rotation);
    }

    /** Checks loss against task, output width and output activation; returns the (possibly inferred) loss. */
    private static String checkOutput(
            List<LayerSpec> layers,
            String requestedLoss,
            ModelSpec.LossOptions options,
            DataShape data,
            List<FieldProblem> problems) {
        boolean fromLogits = options != null && Boolean.TRUE.equals(options.fromLogits());
        int out = lastDense(layers);
        LayerSpec.Dense dense = (LayerSpec.Dense) layers.get(out);
        int activationAt = out;
        String activation = dense.activation();
        for (int i = out + 1; i < layers.size(); i++) {
            LayerSpec after = layers.get(i);
            if (after instanceof LayerSpec.Activation a) {
                activationAt = i;
                activation = a.activation();
            } else if (!(after instanceof LayerSpec.Dropout || after instanceof LayerSpec.BatchNorm)) {
                problems.add(new FieldProblem(
                        "spec.layers[" + i + "]",
                        "the last dense layer is the output; "
                                + "only activation, dropout or batchnorm may follow it, not " + after.typeName()));
                return requestedLoss;
            }
        }
        String activationPath = "spec.layers[" + activationAt + "].activation";
        String unitsPath = "spec.layers[" + out + "].units";
        boolean classification = data.task() == Task.CLASSIFICATION;
        String loss = requestedLoss != null
                ? requestedLoss
                : defaultLoss(
                        classification,
                        dense.units(),
                        fromLogits ? (dense.units() == 1 ? "sigmoid" : "softmax") : activation);
        String probabilities = fromLogits ? "linear" : null;
        if (!Vocabulary.LOSSES.contains(loss)) {
            problems.add(new FieldProblem(
                    "spec.loss", "unknown loss '" + loss + "'; known: " + String.join(", ", Vocabulary.LOSSES)));
            return loss;
        }
        int classes = data.classes().size();
        switch (loss) {
            case "categorical_crossentropy", "sparse_categorical_crossentropy" -> {
                if (!classification) {
                    problems.add(new FieldProblem(
                            "spec.loss",
                            loss + " needs a classification "
                                    + "dataset; this one is regression: use mse, mae or huber"));
                } else if (dense.units() != classes) {
                    problems.add(new FieldProblem(
                            unitsPath,
                            "the output layer has " + dense.units()
                                    + " units but the dataset has " + classes + " classes ("
                                    + String.join(", ", data.classes()) + "): use " + classes + " units"));
                }
                if (probabilities != null && !probabilities.equals(activation)) {
                    problems.add(new FieldProblem(
                            activationPath,
                            "with fromLogits the loss applies the softmax "
                                    + "itself: the output activation must be linear, was " + activation));
                } else if (probabilities == null && !"softmax".equals(activation)) {
                    problems.add(new FieldProblem(
                            activationPath,
                            loss + " compares class "
                                    + "probabilities: the output activation must be softmax (or linear with "
                                    + "lossOptions.fromLogits), was " + activation));
                }
            }
            case "binary_crossentropy" -> {
                if (!classification || classes != 2) {
                    problems.add(new FieldProblem(
                            "spec.loss",
                            "binary_crossentropy needs exactly 2 classes; "
                                    + (classification
                                            ? "this dataset has " + classes + ": use categorical_crossentropy"
                                            : "this dataset is regression: use mse or mae")));
                } else if (dense.units() != 1) {
                    problems.add(new FieldProblem(
                            unitsPath,
                            "binary_crossentropy needs 1 output unit (the " + "probability of '"
                                    + data.classes().get(1) + "'), was " + dense.units()));
                }
                if (probabilities != null && !probabilities.equals(activation)) {
                    problems.add(new FieldProblem(
                            activationPath,
                            "with fromLogits the loss applies the sigmoid "
                                    + "itself: the output activation must be linear, was " + activation));
                } else if (probabilities == null && !"sigmoid".equals(activation)) {
                    problems.add(new FieldProblem(
                            activationPath,
                            "binary_crossentropy compares a probability: "
                                    + "the output activation must be sigmoid (or linear with lossOptions.fromLogits), was "
                                    + activation));
                }
            }
            case "hinge" -> {
                if (!classification || classes != 2) {
                    problems.add(new FieldProblem(
                            "spec.loss",
                            "hinge separates exactly 2 classes; "
                                    + (classification
                                            ? "this dataset has " + classes + ": use categorical_crossentropy"
                                            : "this dataset is regression: use mse, mae or huber")));
                } else if (dense.units() != 1) {
                    problems.add(new FieldProblem(
                            unitsPath,
                            "hinge needs 1 output unit (its sign picks '"
                                    + data.classes().get(1) + "' or '"
                                    + data.classes().get(0) + "'), was "
                                    + dense.units()));
                }
                if (!"linear".equals(activation) && !"tanh".equals(activation)) {
                    problems.add(new FieldProblem(
                            activationPath,
                            "hinge scores a margin around 0: the output " + "activation must be linear or tanh, was "
                                    + activation));
                }
            }
            default -> {
                if (classification) {
                    problems.add(new FieldProblem(
                            "spec.loss",
                            loss + " is a regression loss and this dataset "
                                    + "is classification: use categorical_crossentropy"
                                    + (classes == 2 ? ", binary_crossentropy or hinge" : "")));
                } else if (dense.units() != 1) {
                    problems.add(new FieldProblem(
                            unitsPath,
                            "regression predicts one value: the output layer " + "needs 1 unit, was " + dense.units()));
                }
                if (!"linear".equals(activation)) {
                    problems.add(new FieldProblem(
                            activationPath,
                            "regression targets are standardised for "
                                    + "training (mean 0, standard deviation 1), so the output must reach any real value: "
                                    + "use linear, not " + activation));
                }
            }
        }
        return loss;
    }

    private static String defaultLoss(boolean classification, int units, String activation) {
        if (!classification) {
            return "mse";
        }
        return units == 1 && "sigmoid".equals(activation) ? "binary_crossentropy" : "categorical_crossentropy";
    }

    static int lastDense(List<LayerSpec> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i) instanceof LayerSpec.Dense) {
                return i;
            }
        }
        throw new IllegalStateException("validated spec without a dense layer");
    }

    private static void checkSplits(int rows, double validation, double test, List<FieldProblem> problems) {
        if (validation + test >= 0.95) {
            problems.add(new FieldProblem(
                    "spec.testSplit",
                    "validationSplit and testSplit leave no rows to "
                            + "train on: together they must stay below 0.95"));
            return;
        }
        if (test > 0 && Math.round(rows * test) < 1) {
            problems.add(new FieldProblem(
                    "spec.testSplit",
                    "the dataset has " + rows + " rows: a test split of " + test + " holds none; raise it or use 0"));
        }
    }

    /** "all" is checked against the limit later, by whoever knows how many rows the training split holds. */
    private static int batchSize(Integer value, SpecLimits limits, List<FieldProblem> problems) {
        if (value == null) {
            return 32;
        }
        if (value != ModelSpec.ALL_ROWS && (value < 1 || value > limits.maxBatchSize())) {
            problems.add(new FieldProblem(
                    "spec.batchSize",
                    "must be a whole number from 1 to " + limits.maxBatchSize()
                            + ", or \"all\" for full-batch gradient descent; was " + value));
        }
        return value;
    }
}
