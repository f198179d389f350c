package dev.neurona.spec;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.FieldProblem;
import java.util.List;

/**
 * Checks and defaults of {@code spec.physics}. A physics-informed network is φ(x, t): two numeric inputs named x
 * and t, one linear output, dense layers whose activations have a derivative the trainer carries forward
 * (training/Dual). Settings that belong to fitting rows (splits, batches, class weights, early stopping on
 * validation, a perceptron, images) have no meaning here and are refused rather than silently ignored.
 */
final class PhysicsSettings {

    static final List<String> ACTIVATIONS = List.of("tanh", "sigmoid", "softplus", "linear");

    private PhysicsSettings() {}

    /** Null when the spec has no physics; else the physics with every default filled in. */
    static Physics resolve(ModelSpec spec, List<LayerSpec> layers, DataShape data, List<FieldProblem> problems) {
        Physics physics = spec.physics();
        if (physics == null) {
            return null;
        }
        String equation = Checks.name(
                physics.equation(), "advection", List.of("advection"), "equation", "spec.physics.equation", problems);
        double velocity = physics.velocity() != null ? physics.velocity() : 1.0;
        if (!(velocity >= -10 && velocity <= 10)) {
            problems.add(new FieldProblem("spec.physics.velocity", "must be between -10 and 10, was " + velocity));
        }
        int collocation =
                Checks.intInRange(physics.collocation(), 2000, 1, 20_000, "spec.physics.collocation", problems);
        int initial = Checks.intInRange(physics.initial(), 200, 1, 5000, "spec.physics.initial", problems);
        int boundary = Checks.intInRange(physics.boundary(), 200, 1, 5000, "spec.physics.boundary", problems);
        int steps = Checks.intInRange(physics.stepsPerEpoch(), 100, 1, 1000, "spec.physics.stepsPerEpoch", problems);
        Physics.Weights given = physics.weights() != null ? physics.weights() : new Physics.Weights(null, null, null);
        double residual = weight(given.residual(), "residual", problems);
        double initialWeight = weight(given.initial(), "initial", problems);
        double boundaryWeight = weight(given.boundary(), "boundary", problems);
        if (residual == 0 && initialWeight == 0 && boundaryWeight == 0) {
            problems.add(new FieldProblem("spec.physics.weights", "at least one weight must be above 0"));
        }
        checkData(data, problems);
        checkLayers(layers, problems);
        checkSettings(spec, problems);
        return new Physics(
                equation,
                velocity,
                collocation,
                initial,
                boundary,
                steps,
                new Physics.Weights(residual, initialWeight, boundaryWeight));
    }

    private static double weight(Double value, String name, List<FieldProblem> problems) {
        double v = value != null ? value : 1.0;
        if (!(v >= 0 && v <= 10_000)) {
            problems.add(new FieldProblem("spec.physics.weights." + name, "must be between 0 and 10000, was " + v));
        }
        return v;
    }

    private static void checkData(DataShape data, List<FieldProblem> problems) {
        if (data.inputShape().size() != 1) {
            problems.add(new FieldProblem(
                    "spec.physics",
                    "needs a table with numeric columns x and t and a numeric target; this dataset " + "holds images"));
            return;
        }
        if (data.task() != Task.REGRESSION) {
            problems.add(new FieldProblem(
                    "spec.physics",
                    "needs a numeric target (a regression dataset, e.g. the catalog's advection); "
                            + "this one is for classification"));
        }
        List<String> numeric = data.numericColumns();
        if (numeric != null) {
            List<String> missing = List.of("x", "t").stream()
                    .filter(name -> !numeric.contains(name))
                    .toList();
            if (!missing.isEmpty()) {
                problems.add(new FieldProblem(
                        "spec.physics",
                        "the dataset has no numeric feature column " + String.join(" or ", missing)
                                + "; it needs exactly x and t (its numeric features: " + String.join(", ", numeric)
                                + ")"));
                return;
            }
        }
        if (data.inputShape().get(0) != 2) {
            problems.add(new FieldProblem(
                    "spec.physics",
                    "the network's inputs must be x and t only; this dataset encodes "
                            + data.inputShape().get(0) + " input values (mark other columns as ignored)"));
        }
    }

    private static void checkLayers(List<LayerSpec> layers, List<FieldProblem> problems) {
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String path = "spec.layers[" + i + "]";
            if (!(layer instanceof LayerSpec.Dense dense)) {
                problems.add(new FieldProblem(
                        path + ".type",
                        "physics-informed training takes dense layers only (their x- and "
                                + "t-derivatives are carried through the network)"));
                continue;
            }
            if (dense.inputs() != null) {
                problems.add(new FieldProblem(path + ".inputs", "physics-informed networks are sequential"));
            }
            if (!ACTIVATIONS.contains(dense.activation())) {
                problems.add(new FieldProblem(
                        path + ".activation",
                        "physics-informed training takes " + String.join(", ", ACTIVATIONS) + " (smooth, with a "
                                + "derivative); was " + dense.activation()));
            }
            if ((dense.l1() != null && dense.l1() > 0) || (dense.l2() != null && dense.l2() > 0)) {
                problems.add(new FieldProblem(path, "no L1/L2 penalty with physics: the loss is the PDE's terms"));
            }
            if (i == layers.size() - 1 && (dense.units() != 1 || !"linear".equals(dense.activation()))) {
                problems.add(
                        new FieldProblem(path, "the last layer must be dense with 1 unit and a linear activation: φ"));
            }
        }
    }

    private static void checkSettings(ModelSpec spec, List<FieldProblem> problems) {
        String rows = ": the dataset's rows are the evaluation grid, not training rows; the loss is the PDE's terms "
                + "at sampled points";
        if (spec.loss() != null && !"mse".equals(spec.loss())) {
            problems.add(new FieldProblem(
                    "spec.loss", "physics-informed training minimises mean squared terms (mse); was " + spec.loss()));
        }
        if (spec.validationSplit() != null) {
            problems.add(new FieldProblem("spec.validationSplit", "not with physics" + rows));
        }
        if (spec.testSplit() != null) {
            problems.add(new FieldProblem("spec.testSplit", "not with physics" + rows));
        }
        if (spec.batchSize() != null) {
            problems.add(new FieldProblem(
                    "spec.batchSize", "not with physics: every step takes all the sampled points (spec.physics)"));
        }
        if (spec.classWeights() != null) {
            problems.add(new FieldProblem("spec.classWeights", "not with physics: there are no classes"));
        }
        if (spec.earlyStopping() != null) {
            problems.add(new FieldProblem(
                    "spec.earlyStopping", "not with physics: there is no validation split to monitor"));
        }
        if (spec.perceptron()) {
            problems.add(new FieldProblem("spec.mode", "not with physics: Rosenblatt's rule has no PDE loss"));
        }
        if (spec.images() != null) {
            problems.add(new FieldProblem("spec.images", "not with physics: the inputs are x and t"));
        }
    }
}
