package dev.neurona.spec;

import dev.neurona.platform.problem.FieldProblem;
import java.util.List;

/** Range and name checks that record a problem under the field's path and return the value (or its default). */
final class Checks {

    private Checks() {}

    static double unitInterval(Double value, double fallback, String path, List<FieldProblem> problems) {
        double v = value != null ? value : fallback;
        if (!(v >= 0 && v < 1)) {
            problems.add(new FieldProblem(path, "must be at least 0 and below 1, was " + v));
        }
        return v;
    }

    static double positive(Double value, double fallback, String path, List<FieldProblem> problems) {
        double v = value != null ? value : fallback;
        if (!(v > 0 && v < 1)) {
            problems.add(new FieldProblem(path, "must be above 0 and below 1, was " + v));
        }
        return v;
    }

    static double penalty(Double value, String path, List<FieldProblem> problems) {
        double v = value != null ? value : 0.0;
        if (!(v >= 0 && v <= 100)) {
            problems.add(new FieldProblem(path, "must be between 0 and 100, was " + v + " (typical: 0.0001 to 0.01)"));
        }
        return v;
    }

    static double fraction(Double value, double fallback, String path, List<FieldProblem> problems) {
        double v = value != null ? value : fallback;
        if (!(v >= 0 && v < 0.9)) {
            problems.add(new FieldProblem(path, "must be at least 0 and below 0.9, was " + v));
        }
        return v;
    }

    static Integer intInRange(
            Integer value, Integer fallback, int min, int max, String path, List<FieldProblem> problems) {
        if (value == null) {
            if (fallback == null) {
                problems.add(new FieldProblem(path, "required"));
                return min;
            }
            return fallback;
        }
        if (value < min || value > max) {
            problems.add(new FieldProblem(path, "must be between " + min + " and " + max + ", was " + value));
        }
        return value;
    }

    static String name(
            String value, String fallback, List<String> known, String what, String path, List<FieldProblem> problems) {
        if (value == null) {
            if (fallback == null) {
                problems.add(new FieldProblem(path, "required: one of " + String.join(", ", known)));
            }
            return fallback;
        }
        if (!known.contains(value)) {
            problems.add(
                    new FieldProblem(path, "unknown " + what + " '" + value + "'; known: " + String.join(", ", known)));
        }
        return value;
    }
}
