package dev.neurona.spec;

import dev.neurona.platform.problem.FieldProblem;
import java.util.List;

/** Fills in an optimizer's defaults (Keras') and checks its hyperparameters, schedule and clipping. */
final class OptimizerResolver {

    static final String PATH = "spec.optimizer";
    static final double MAX_LEARNING_RATE = 10;
    static final int MAX_STEPS = 1_000_000;
    static final double MAX_CLIP = 1e6;
    static final List<String> UNITS = List.of("epochs", "steps");

    private OptimizerResolver() {}

    static OptimizerSpec resolve(OptimizerSpec optimizer, List<FieldProblem> problems) {
        if (optimizer == null) {
            return new OptimizerSpec.Adam(0.001, 0.9, 0.999, 1e-7, new ScheduleSpec.Constant(0), null, null);
        }
        checkClipping(optimizer, problems);
        if (optimizer instanceof OptimizerSpec.Sgd s) {
            double lr = learningRate(s.learningRate(), 0.01, problems);
            double momentum = Checks.unitInterval(s.momentum(), 0.0, PATH + ".momentum", problems);
            boolean nesterov = Boolean.TRUE.equals(s.nesterov());
            if (nesterov && momentum == 0) {
                problems.add(new FieldProblem(
                        PATH + ".nesterov",
                        "Nesterov momentum needs a momentum above 0, "
                                + "e.g. \"momentum\": 0.9; without it the update is plain SGD"));
            }
            return new OptimizerSpec.Sgd(
                    lr, momentum, nesterov, schedule(s.schedule(), lr, problems), s.clipNorm(), s.clipValue());
        }
        if (optimizer instanceof OptimizerSpec.RmsProp r) {
            double lr = learningRate(r.learningRate(), 0.001, problems);
            return new OptimizerSpec.RmsProp(
                    lr,
                    Checks.unitInterval(r.rho(), 0.9, PATH + ".rho", problems),
                    Checks.unitInterval(r.momentum(), 0.0, PATH + ".momentum", problems),
                    Checks.positive(r.epsilon(), 1e-7, PATH + ".epsilon", problems),
                    Boolean.TRUE.equals(r.centered()),
                    schedule(r.schedule(), lr, problems),
                    r.clipNorm(),
                    r.clipValue());
        }
        if (optimizer instanceof OptimizerSpec.Adam a) {
            double lr = learningRate(a.learningRate(), 0.001, problems);
            return new OptimizerSpec.Adam(
                    lr,
                    Checks.unitInterval(a.beta1(), 0.9, PATH + ".beta1", problems),
                    Checks.unitInterval(a.beta2(), 0.999, PATH + ".beta2", problems),
                    Checks.positive(a.epsilon(), 1e-7, PATH + ".epsilon", problems),
                    schedule(a.schedule(), lr, problems),
                    a.clipNorm(),
                    a.clipValue());
        }
        if (optimizer instanceof OptimizerSpec.AdamW a) {
            double lr = learningRate(a.learningRate(), 0.001, problems);
            return new OptimizerSpec.AdamW(
                    lr,
                    between(a.weightDecay(), 0.004, 0, 1, PATH + ".weightDecay", "typical: 0.004 to 0.1", problems),
                    Checks.unitInterval(a.beta1(), 0.9, PATH + ".beta1", problems),
                    Checks.unitInterval(a.beta2(), 0.999, PATH + ".beta2", problems),
                    Checks.positive(a.epsilon(), 1e-7, PATH + ".epsilon", problems),
                    schedule(a.schedule(), lr, problems),
                    a.clipNorm(),
                    a.clipValue());
        }
        OptimizerSpec.Adagrad a = (OptimizerSpec.Adagrad) optimizer;
        double lr = learningRate(a.learningRate(), 0.001, problems);
        return new OptimizerSpec.Adagrad(
                lr,
                between(a.initialAccumulatorValue(), 0.1, 0, 100, PATH + ".initialAccumulatorValue", null, problems),
                Checks.positive(a.epsilon(), 1e-7, PATH + ".epsilon", problems),
                schedule(a.schedule(), lr, problems),
                a.clipNorm(),
                a.clipValue());
    }

    private static void checkClipping(OptimizerSpec optimizer, List<FieldProblem> problems) {
        checkClip(optimizer.clipNorm(), "clipNorm", problems);
        checkClip(optimizer.clipValue(), "clipValue", problems);
        if (optimizer.clipNorm() != null && optimizer.clipValue() != null) {
            problems.add(new FieldProblem(
                    PATH + ".clipValue",
                    "set clipNorm or clipValue, not both (as in Keras): "
                            + "clipNorm rescales all gradients together, clipValue clamps each element"));
        }
    }

    /** Absent means no clipping, so there is no default to fill in. */
    private static void checkClip(Double value, String field, List<FieldProblem> problems) {
        if (value != null && !(value > 0 && value <= MAX_CLIP)) {
            problems.add(new FieldProblem(
                    PATH + "." + field,
                    "must be above 0 and at most " + (long) MAX_CLIP
                            + ", was " + value + " (typical: 1 for clipNorm, 0.5 for clipValue); leave it out for no "
                            + "clipping"));
        }
    }

    private static ScheduleSpec schedule(ScheduleSpec schedule, double learningRate, List<FieldProblem> problems) {
        String path = PATH + ".schedule";
        if (schedule == null) {
            return new ScheduleSpec.Constant(0);
        }
        int warmup = Checks.intInRange(schedule.warmupSteps(), 0, 0, MAX_STEPS, path + ".warmupSteps", problems);
        if (schedule instanceof ScheduleSpec.Constant) {
            return new ScheduleSpec.Constant(warmup);
        }
        if (schedule instanceof ScheduleSpec.Step s) {
            return new ScheduleSpec.Step(
                    between(s.factor(), 0.1, 0, 1, path + ".factor", null, problems, false),
                    Checks.intInRange(s.every(), 10, 1, MAX_STEPS, path + ".every", problems),
                    Checks.name(s.unit(), "epochs", UNITS, "unit", path + ".unit", problems),
                    warmup);
        }
        if (schedule instanceof ScheduleSpec.Exponential e) {
            return new ScheduleSpec.Exponential(
                    between(e.decayRate(), 0.96, 0, 1, path + ".decayRate", null, problems, false),
                    Checks.intInRange(e.every(), 1, 1, MAX_STEPS, path + ".every", problems),
                    Checks.name(e.unit(), "epochs", UNITS, "unit", path + ".unit", problems),
                    warmup);
        }
        ScheduleSpec.Cosine c = (ScheduleSpec.Cosine) schedule;
        double min = c.minLearningRate() != null ? c.minLearningRate() : 0.0;
        if (!(min >= 0 && min < learningRate)) {
            problems.add(new FieldProblem(
                    path + ".minLearningRate",
                    "must be at least 0 and below the learning " + "rate (" + learningRate + "), was " + min));
        }
        return new ScheduleSpec.Cosine(min, warmup);
    }

    private static double learningRate(Double value, double fallback, List<FieldProblem> problems) {
        double lr = value != null ? value : fallback;
        if (!(lr > 0 && lr <= MAX_LEARNING_RATE)) {
            problems.add(new FieldProblem(
                    PATH + ".learningRate",
                    "must be above 0 and at most " + (int) MAX_LEARNING_RATE + ", was " + lr
                            + " (typical: 0.001 to 0.1)"));
        }
        return lr;
    }

    /** A value in [min, max] (or in (min, max) when not inclusive). */
    private static double between(
            Double value,
            double fallback,
            double min,
            double max,
            String path,
            String hint,
            List<FieldProblem> problems,
            boolean inclusive) {
        double v = value != null ? value : fallback;
        boolean ok = inclusive ? v >= min && v <= max : v > min && v < max;
        if (!ok) {
            problems.add(new FieldProblem(
                    path,
                    "must be "
                            + (inclusive
                                    ? "between " + fmt(min) + " and " + fmt(max)
                                    : "above " + fmt(min) + " and below " + fmt(max))
                            + ", was " + v
                            + (hint == null ? "" : " (" + hint + ")")));
        }
        return v;
    }

    private static double between(
            Double value,
            double fallback,
            double min,
            double max,
            String path,
            String hint,
            List<FieldProblem> problems) {
        return between(value, fallback, min, max, path, hint, problems, true);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
