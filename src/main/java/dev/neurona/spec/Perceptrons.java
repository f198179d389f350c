package dev.neurona.spec;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.FieldProblem;
import java.util.List;

/**
 * The rules of perceptron mode: Rosenblatt's single-layer perceptron, w ← w + η(y − ŷ)x with a Heaviside (step, 0/1)
 * or sign (−1/+1) output, trained one row at a time. It has no loss and no gradient, so it has its own checks.
 */
final class Perceptrons {

    /** η = 1 is Rosenblatt's; a smaller step only matters when the weights do not start at zero. */
    static final double DEFAULT_LEARNING_RATE = 0.1;

    private Perceptrons() {}

    /** Outside perceptron mode, step and sign are refused: backpropagation cannot learn through them. */
    static void checkActivations(List<LayerSpec> layers, boolean perceptron, List<FieldProblem> problems) {
        if (perceptron) {
            return;
        }
        for (int i = 0; i < layers.size(); i++) {
            String activation = layers.get(i).activationName();
            if (activation != null && Vocabulary.PERCEPTRON_ACTIVATIONS.contains(activation)) {
                problems.add(new FieldProblem(
                        "spec.layers[" + i + "].activation",
                        activation + " has no "
                                + "gradient: its derivative is 0 everywhere (and undefined at 0), so backpropagation "
                                + "cannot learn through it. Use \"mode\": \"perceptron\" (Rosenblatt's rule, one dense "
                                + "layer), or a differentiable activation such as sigmoid or tanh"));
            }
        }
    }

    static void check(
            ModelSpec spec,
            List<LayerSpec> layers,
            OptimizerSpec optimizer,
            DataShape data,
            List<FieldProblem> problems) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).merge()) {
                // Rosenblatt's rule updates the one weight vector from the row itself: nothing feeds a merge
                problems.add(new FieldProblem(
                        "spec.layers[" + i + "]",
                        "a perceptron is one dense layer on the input; it has no branches to "
                                + layers.get(i).typeName() + ": use \"mode\": \"gradient\" for a graph"));
                return;
            }
        }
        int first = !layers.isEmpty() && layers.get(0) instanceof LayerSpec.Flatten ? 1 : 0;
        if (layers.size() != first + 1 || !(layers.get(first) instanceof LayerSpec.Dense dense)) {
            problems.add(new FieldProblem(
                    "spec.layers",
                    "a perceptron is one dense layer (after an optional "
                            + "flatten for images): {\"type\": \"dense\", \"units\": 1, \"activation\": \"step\"}"));
            return;
        }
        String path = "spec.layers[" + first + "]";
        if (dense.units() != 1) {
            problems.add(new FieldProblem(path + ".units", "a perceptron has 1 output unit, was " + dense.units()));
        }
        if (!Vocabulary.PERCEPTRON_ACTIVATIONS.contains(dense.activation())) {
            problems.add(new FieldProblem(
                    path + ".activation",
                    "a perceptron's output is step (0/1) or sign " + "(−1/+1), was " + dense.activation()));
        }
        if (dense.l1() > 0 || dense.l2() > 0) {
            problems.add(new FieldProblem(path + ".l1", "Rosenblatt's rule has no loss to add an L1/L2 penalty to"));
        }
        if (data.task() != Task.CLASSIFICATION || data.classes().size() != 2) {
            problems.add(new FieldProblem(
                    "spec.mode",
                    "a perceptron separates exactly 2 classes; this dataset "
                            + (data.task() == Task.CLASSIFICATION
                                    ? "has " + data.classes().size()
                                    : "is regression")));
        }
        if (spec.loss() != null) {
            problems.add(new FieldProblem(
                    "spec.loss",
                    "a perceptron has no loss: Rosenblatt's rule counts " + "misclassified rows; leave loss out"));
        }
        if (spec.lossOptions() != null) {
            problems.add(new FieldProblem("spec.lossOptions", "a perceptron has no loss; leave lossOptions out"));
        }
        if (spec.classWeights() != null) {
            problems.add(new FieldProblem("spec.classWeights", "Rosenblatt's rule has no loss to weigh"));
        }
        if (!(optimizer instanceof OptimizerSpec.Sgd sgd)) {
            problems.add(new FieldProblem(
                    "spec.optimizer.type",
                    "a perceptron learns by Rosenblatt's rule with "
                            + "step size η: give {\"type\": \"sgd\", \"learningRate\": η} or leave optimizer out"));
            return;
        }
        String rule = "Rosenblatt's rule is w ← w + η(y − ŷ)x with a fixed η: ";
        if (sgd.momentum() != null && sgd.momentum() > 0) {
            problems.add(new FieldProblem("spec.optimizer.momentum", rule + "no momentum"));
        }
        if (sgd.schedule() != null && !"constant".equals(sgd.schedule().typeName())) {
            problems.add(new FieldProblem("spec.optimizer.schedule", rule + "no schedule"));
        }
        if (sgd.clipNorm() != null || sgd.clipValue() != null) {
            problems.add(new FieldProblem(
                    sgd.clipNorm() != null ? "spec.optimizer.clipNorm" : "spec.optimizer.clipValue",
                    rule + "it has no gradient to clip"));
        }
    }
}
