package dev.neurona.spec;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.FieldProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolves the training settings beside the layers and optimizer: loss options, class weights, early stopping. */
final class TrainingSettings {

    private TrainingSettings() {}

    static ModelSpec.LossOptions lossOptions(String loss, ModelSpec.LossOptions given, List<FieldProblem> problems) {
        ModelSpec.LossOptions options = given != null ? given : new ModelSpec.LossOptions(null, null);
        Double delta = null;
        if ("huber".equals(loss)) {
            delta = options.delta() != null ? options.delta() : 1.0;
            if (!(delta > 0 && delta <= 1000)) {
                problems.add(
                        new FieldProblem("spec.lossOptions.delta", "must be above 0 and at most 1000, was " + delta));
            }
        } else if (options.delta() != null) {
            problems.add(new FieldProblem("spec.lossOptions.delta", "only huber takes a delta, not " + loss));
        }
        Boolean fromLogits = null;
        if (loss != null && loss.endsWith("crossentropy")) {
            fromLogits = Boolean.TRUE.equals(options.fromLogits());
        } else if (options.fromLogits() != null) {
            problems.add(new FieldProblem(
                    "spec.lossOptions.fromLogits", "only the cross-entropy losses take " + "fromLogits, not " + loss));
        }
        return delta == null && fromLogits == null ? null : new ModelSpec.LossOptions(delta, fromLogits);
    }

    static ClassWeights classWeights(ClassWeights given, DataShape data, List<FieldProblem> problems) {
        if (given == null) {
            return null;
        }
        String path = "spec.classWeights";
        if (data.task() != Task.CLASSIFICATION) {
            problems.add(
                    new FieldProblem(path, "class weights need a classification dataset; this one is " + "regression"));
            return given;
        }
        if (given.weights() == null) {
            if (!given.balanced()) {
                problems.add(new FieldProblem(
                        path, "must be \"balanced\" or an object class name → weight, was " + given.keyword()));
            }
            return given;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : given.weights().entrySet()) {
            if (!data.classes().contains(e.getKey())) {
                problems.add(new FieldProblem(
                        path + "." + e.getKey(),
                        "not a class of this dataset; classes: " + String.join(", ", data.classes())));
            } else if (!(e.getValue() >= 0 && e.getValue() <= 1000)) {
                problems.add(new FieldProblem(
                        path + "." + e.getKey(), "must be a number from 0 to 1000, was " + e.getValue()));
            }
        }
        for (String c : data.classes()) {
            weights.put(c, given.weights().getOrDefault(c, 1.0));
        }
        return new ClassWeights(null, weights);
    }

    static ModelSpec.EarlyStopping earlyStopping(
            ModelSpec.EarlyStopping given,
            DataShape data,
            double validationSplit,
            boolean perceptron,
            List<FieldProblem> problems) {
        if (given == null) {
            return null;
        }
        String path = "spec.earlyStopping";
        if (perceptron) {
            problems.add(new FieldProblem(path, "the perceptron stops by itself once an epoch has no errors"));
            return given;
        }
        boolean classification = data.task() == Task.CLASSIFICATION;
        List<String> monitors = classification
                ? List.of("val_loss", "val_accuracy", "loss", "accuracy")
                : List.of("val_loss", "val_mae", "loss", "mae");
        String monitor = Checks.name(given.monitor(), "val_loss", monitors, "monitor", path + ".monitor", problems);
        if (monitor != null && monitor.startsWith("val_") && validationSplit == 0) {
            problems.add(new FieldProblem(
                    path + ".monitor",
                    monitor + " needs a validation split; " + "validationSplit is 0: monitor " + monitor.substring(4)
                            + " or set validationSplit"));
        }
        int patience = Checks.intInRange(given.patience(), 5, 0, 10_000, path + ".patience", problems);
        double minDelta = given.minDelta() != null ? given.minDelta() : 0.0;
        if (!(minDelta >= 0 && minDelta < 1e6)) {
            problems.add(new FieldProblem(path + ".minDelta", "must be 0 or more, was " + minDelta));
        }
        return new ModelSpec.EarlyStopping(
                monitor, patience, minDelta, given.restoreBestWeights() == null || given.restoreBestWeights());
    }
}
