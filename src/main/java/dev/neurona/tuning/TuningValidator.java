package dev.neurona.tuning;

import dev.neurona.jobs.TrialJobs;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.OutputHead;
import dev.neurona.tuning.search.Dimension;
import dev.neurona.tuning.search.GridSearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a tuning request into settings, or refuses it with every problem named by its field. Besides each field on
 * its own, each dimension's extreme values are tried on the base spec, so a range that makes an invalid spec (0
 * units, a batch larger than the training split) is refused at submission, not trial by trial.
 */
final class TuningValidator {

    static final Set<String> STRATEGIES = Set.of("grid", "random", "bayesian", "hyperband");
    static final Set<String> METRICS = Set.of("val_accuracy", "val_loss", "val_mae", "accuracy", "loss", "mae");
    private static final int MAX_DIMENSIONS = 20;
    private static final int MAX_CHOICES = 1000;

    private TuningValidator() {}

    static TuningSettings validate(
            TuningRequest r, TrialJobs jobs, JsonMapper json, int maxTrialsLimit, int maxEpochsLimit) {
        if (r.spec() == null) {
            throw new InvalidInputException("spec", "required: the base spec every trial starts from");
        }
        ModelSpec base = jobs.validate(r.datasetId(), r.spec());
        JsonNode tree = json.valueToTree(base);
        List<FieldProblem> problems = new ArrayList<>();

        String strategy = r.strategy() == null ? "random" : r.strategy().toLowerCase(Locale.ROOT);
        if (strategy.equals("tpe")) {
            strategy = "bayesian";
        }
        if (!STRATEGIES.contains(strategy)) {
            problems.add(new FieldProblem(
                    "strategy", "one of grid, random, bayesian, hyperband, not '" + r.strategy() + "'"));
        }
        List<Dimension> dimensions = dimensions(r.space(), tree, strategy, problems);
        String metric = r.objective() == null || r.objective().metric() == null
                ? (base.validationSplit() > 0 ? "val_loss" : "loss")
                : r.objective().metric();
        boolean maximize = metric.endsWith("accuracy");
        if (!METRICS.contains(metric)) {
            problems.add(new FieldProblem(
                    "objective.metric",
                    "one of " + String.join(", ", METRICS.stream().sorted().toList()) + ", not '" + metric + "'"));
        } else {
            metricProblem(metric, base).ifPresent(m -> problems.add(new FieldProblem("objective.metric", m)));
        }
        if (r.objective() != null && r.objective().direction() != null) {
            switch (r.objective().direction()) {
                case "max" -> maximize = true;
                case "min" -> maximize = false;
                default ->
                    problems.add(new FieldProblem(
                            "objective.direction",
                            "max or min, not '" + r.objective().direction() + "'"));
            }
        }
        int maxTrials = r.maxTrials() == null ? Math.min(10, maxTrialsLimit) : r.maxTrials();
        if (maxTrials < 1 || maxTrials > maxTrialsLimit) {
            problems.add(new FieldProblem(
                    "maxTrials", "between 1 and " + maxTrialsLimit + " (neurona.tuning.max-trials), not " + maxTrials));
        }
        if (strategy.equals("grid") && problems.isEmpty()) {
            GridSearch.problems(dimensions).forEach(m -> problems.add(new FieldProblem("space", m)));
            if (r.maxTrials() == null && problems.isEmpty()) {
                maxTrials = (int) Math.min(GridSearch.size(dimensions), maxTrialsLimit);
            }
        }
        int maxEpochs = r.maxEpochs() == null ? base.epochs() : r.maxEpochs();
        if (maxEpochs < 1 || maxEpochs > maxEpochsLimit) {
            problems.add(new FieldProblem("maxEpochs", "between 1 and " + maxEpochsLimit + ", not " + maxEpochs));
        }
        int eta = r.eta() == null ? 3 : r.eta();
        if (eta < 2 || eta > 10) {
            problems.add(new FieldProblem("eta", "between 2 and 10, not " + eta));
        }
        int parallel = r.parallelTrials() == null ? 2 : r.parallelTrials();
        if (parallel < 1 || parallel > 16) {
            problems.add(new FieldProblem("parallelTrials", "between 1 and 16, not " + parallel));
        }
        String stopping = r.earlyStopping() == null ? "none" : r.earlyStopping();
        if (!stopping.equals("none") && !stopping.equals("median")) {
            problems.add(new FieldProblem("earlyStopping", "none or median, not '" + stopping + "'"));
        }
        if (problems.isEmpty()) {
            for (Dimension d : dimensions) {
                for (Object value : extremes(d)) {
                    try {
                        jobs.validate(r.datasetId(), SpecPaths.apply(json, tree, Map.of(d.path(), value), null));
                    } catch (InvalidInputException e) {
                        String why = e.errors().isEmpty()
                                ? e.getMessage()
                                : e.errors().get(0).field() + ": "
                                        + e.errors().get(0).message();
                        problems.add(new FieldProblem(
                                field(d.path()), "with " + value + " the spec is invalid (" + why + ")"));
                        break;
                    } catch (RuntimeException e) {
                        problems.add(new FieldProblem(
                                field(d.path()),
                                "the value " + value + " does not fit " + d.path() + " (" + e.getMessage() + ")"));
                        break;
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid tuning request", problems);
        }
        long seed = r.seed() == null ? 0L : r.seed();
        return new TuningSettings(
                r.datasetId(),
                base,
                dimensions,
                strategy,
                metric,
                maximize,
                maxTrials,
                maxEpochs,
                eta,
                seed,
                parallel,
                stopping);
    }

    /** How problems name a dimension: {@code space["layers[0].units"]}. */
    static String field(String path) {
        return "space[\"" + path + "\"]";
    }

    private static java.util.Optional<String> metricProblem(String metric, ModelSpec base) {
        boolean regression = OutputHead.of(base) == OutputHead.IDENTITY;
        if (metric.startsWith("val_") && base.validationSplit() <= 0) {
            return java.util.Optional.of(metric + " needs a validation split: set spec.validationSplit above 0");
        }
        if (metric.endsWith("accuracy") && regression) {
            return java.util.Optional.of(metric + " is for classification; this spec is a regression: use "
                    + metric.replace("accuracy", "mae") + " or a loss");
        }
        if (metric.endsWith("mae") && !regression) {
            return java.util.Optional.of(metric + " is for regression; this spec classifies: use "
                    + metric.replace("mae", "accuracy") + " or a loss");
        }
        return java.util.Optional.empty();
    }

    private static List<Dimension> dimensions(
            LinkedHashMap<String, TuningRequest.DimensionSpec> space,
            JsonNode spec,
            String strategy,
            List<FieldProblem> problems) {
        List<Dimension> dimensions = new ArrayList<>();
        if (space == null || space.isEmpty()) {
            problems.add(new FieldProblem(
                    "space",
                    "required: at least one spec field to vary, e.g. "
                            + "{\"optimizer.learningRate\": {\"type\": \"float\", \"min\": 0.0001, \"max\": 0.1, "
                            + "\"log\": true}}"));
            return dimensions;
        }
        if (space.size() > MAX_DIMENSIONS) {
            problems.add(new FieldProblem("space", "at most " + MAX_DIMENSIONS + " dimensions, not " + space.size()));
            return dimensions;
        }
        space.forEach((path, d) -> {
            String field = field(path);
            String where = SpecPaths.problem(spec, path);
            if (where != null) {
                problems.add(new FieldProblem(field, where));
                return;
            }
            if (path.equals("epochs") && strategy.equals("hyperband")) {
                problems.add(new FieldProblem(field, "hyperband sets each trial's epochs itself (maxEpochs)"));
                return;
            }
            if (d == null || d.type() == null) {
                problems.add(new FieldProblem(field + ".type", "required: choice, int or float"));
                return;
            }
            int before = problems.size();
            Dimension dimension =
                    switch (d.type()) {
                        case "choice" -> choice(path, d, field, problems);
                        case "int", "float" -> range(path, d, field, problems);
                        default -> {
                            problems.add(
                                    new FieldProblem(field + ".type", "choice, int or float, not '" + d.type() + "'"));
                            yield null;
                        }
                    };
            if (dimension != null && problems.size() == before) {
                dimensions.add(dimension);
            }
        });
        return dimensions;
    }

    private static Dimension choice(
            String path, TuningRequest.DimensionSpec d, String field, List<FieldProblem> problems) {
        if (d.min() != null || d.max() != null || d.log() != null || d.step() != null) {
            problems.add(new FieldProblem(field, "a choice takes values only, not min, max, log or step"));
        }
        if (d.values() == null || d.values().isEmpty()) {
            problems.add(new FieldProblem(field + ".values", "required: the values to choose from"));
        } else if (d.values().size() > MAX_CHOICES) {
            problems.add(new FieldProblem(field + ".values", "at most " + MAX_CHOICES + " values"));
        } else if (d.values().stream().anyMatch(v -> v == null)) {
            problems.add(new FieldProblem(field + ".values", "null is not a value to try"));
        } else {
            return new Dimension(path, Dimension.Kind.CHOICE, List.copyOf(d.values()), null, null, false, null);
        }
        return null;
    }

    private static Dimension range(
            String path, TuningRequest.DimensionSpec d, String field, List<FieldProblem> problems) {
        boolean integer = d.type().equals("int");
        boolean log = Boolean.TRUE.equals(d.log());
        if (d.values() != null) {
            problems.add(new FieldProblem(field + ".values", "a range takes min and max, not values"));
        }
        if (d.min() == null || d.max() == null || !Double.isFinite(d.min()) || !Double.isFinite(d.max())) {
            problems.add(new FieldProblem(field, "required: finite min and max"));
            return null;
        }
        if (d.min() > d.max()) {
            problems.add(new FieldProblem(field + ".max", "at least min (" + d.min() + "), not " + d.max()));
        }
        if (integer && (d.min() != Math.rint(d.min()) || d.max() != Math.rint(d.max()))) {
            problems.add(new FieldProblem(field, "an int range needs whole min and max"));
        }
        if (integer && (d.min() < Integer.MIN_VALUE || d.max() > Integer.MAX_VALUE)) {
            problems.add(new FieldProblem(field, "an int range lies within ±2147483647"));
        }
        if (log && d.min() <= 0) {
            problems.add(new FieldProblem(field + ".min", "above 0 with log scale, not " + d.min()));
        }
        if (d.step() != null) {
            if (log) {
                problems.add(new FieldProblem(field + ".step", "not with log scale: steps are even, log is not"));
            } else if (!(d.step() > 0) || (integer && d.step() != Math.rint(d.step()))) {
                problems.add(new FieldProblem(
                        field + ".step", "a positive " + (integer ? "whole " : "") + "number, not " + d.step()));
            }
        }
        return new Dimension(
                path, integer ? Dimension.Kind.INT : Dimension.Kind.FLOAT, null, d.min(), d.max(), log, d.step());
    }

    /** The values most likely to break a spec: each choice, or a range's two ends. */
    private static List<Object> extremes(Dimension d) {
        return switch (d.kind()) {
            case CHOICE -> d.values();
            case INT -> List.of((int) Math.round(d.min()), (int) Math.round(d.max()));
            case FLOAT -> List.of(d.min(), d.max());
        };
    }
}
