package dev.neurona.tuning.search;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the strategies share about a dimension's domain: seeding, uniform draws, and the unit interval the Bayesian
 * strategy models densities on.
 *
 * <p>Every numeric dimension is laid on [0, 1] by a monotone map: linear over [min, max], or over [ln min, ln max]
 * with {@code log}. A discrete numeric dimension (any int, or a float with a step) is a lattice of values, and each
 * value owns a cell of equal width on the unit interval (the int range [lo − ½, hi + ½], the float lattice padded by
 * half a step at both ends, in log space for a log int). A uniform draw on [0, 1] mapped back by {@link #fromUnit}
 * is then uniform over the lattice, log-uniform with {@code log}, so random search and the densities of TPE agree on
 * what "uniform" means. {@code step} is ignored on a log dimension: the contract forbids the combination, and there
 * is no natural reading of it in log space.
 *
 * <p>Values come back typed as the trial parameters are: INT → {@link Integer}, FLOAT → {@link Double}, CHOICE →
 * the listed object itself.
 */
final class Sampling {

    /** Below this relative slack a range counts as ending on a step ((0.3 − 0.1) / 0.1 is 1.999…). */
    private static final double STEP_TOLERANCE = 1e-9;

    private Sampling() {}

    /**
     * SplitMix64 of the seed, then of the index: neighbouring seeds and indices give unrelated streams, which
     * {@code new Random(seed + index)} would not (java.util.Random's first outputs for close seeds are correlated).
     */
    static long mix(long seed, int index) {
        return splitMix(splitMix(seed) + 0x9E3779B97F4A7C15L * (index + 1L));
    }

    private static long splitMix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One value of every dimension, in the dimensions' order (which fixes how the random stream is consumed). */
    static Map<String, Object> drawAll(List<Dimension> dims, Random random) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (Dimension dim : dims) {
            params.put(dim.path(), draw(dim, random));
        }
        return Collections.unmodifiableMap(params);
    }

    /** A uniform value of the dimension (log-uniform with {@code log}; uniform over the lattice when discrete). */
    static Object draw(Dimension dim, Random random) {
        if (dim.kind() == Dimension.Kind.CHOICE) {
            check(dim);
            return dim.values().get(random.nextInt(dim.values().size()));
        }
        return fromUnit(dim, random.nextDouble());
    }

    /** Where a numeric value lies on [0, 1] (clamped); the centre of its cell for a discrete dimension. */
    static double toUnit(Dimension dim, Number value) {
        Axis axis = axis(dim);
        double x = axis.log ? Math.log(value.doubleValue()) : value.doubleValue();
        if (axis.b == axis.a) {
            return 0.5;
        }
        return clamp((x - axis.a) / (axis.b - axis.a));
    }

    /** The value at u on [0, 1], snapped to the lattice of a discrete dimension. */
    static Object fromUnit(Dimension dim, double u) {
        Axis axis = axis(dim);
        double x = axis.a + clamp(u) * (axis.b - axis.a);
        double v = axis.log ? Math.exp(x) : x;
        if (axis.count > 0) {
            long k = Math.round((v - axis.first) / axis.step);
            return lattice(dim, axis, Math.max(0, Math.min(axis.count - 1, k)));
        }
        return Math.max(dim.min(), Math.min(dim.max(), v));
    }

    /** How many values a discrete numeric dimension has, or -1 for a continuous one (a float without a step). */
    static long count(Dimension dim) {
        Axis axis = axis(dim);
        return axis.count > 0 ? axis.count : -1;
    }

    /** The k-th value (0-based) of a discrete numeric dimension. */
    static Object lattice(Dimension dim, long k) {
        Axis axis = axis(dim);
        if (axis.count <= 0 || k < 0 || k >= axis.count) {
            throw new IllegalArgumentException(dim.path() + ": no lattice value " + k);
        }
        return lattice(dim, axis, k);
    }

    private static Object lattice(Dimension dim, Axis axis, long k) {
        if (dim.kind() == Dimension.Kind.INT) {
            return Math.toIntExact(Math.round(axis.first + k * axis.step));
        }
        // in decimal, so a grid from 0.1 by 0.1 reads 0.3 and not 0.30000000000000004
        return BigDecimal.valueOf(axis.first)
                .add(BigDecimal.valueOf(axis.step).multiply(BigDecimal.valueOf(k)))
                .doubleValue();
    }

    /**
     * Position of a value among a choice's values, or -1. Numbers match by value, because parameters read back from
     * JSON may come as a Long or Double where the dimension listed an Integer.
     */
    static int choiceIndex(Dimension dim, Object value) {
        List<Object> values = dim.values();
        for (int i = 0; i < values.size(); i++) {
            if (same(values.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Why values cannot be drawn from this dimension, or null when they can. */
    static String problem(Dimension dim) {
        if (dim.kind() == Dimension.Kind.CHOICE) {
            return dim.values() == null || dim.values().isEmpty() ? "choice needs at least one value" : null;
        }
        String range = dim.kind() == Dimension.Kind.INT ? "int range" : "float range";
        if (dim.min() == null || dim.max() == null || !Double.isFinite(dim.min()) || !Double.isFinite(dim.max())) {
            return range + " needs a finite min and max";
        }
        if (dim.max() < dim.min()) {
            return range + " has max below min";
        }
        if (dim.log() && dim.min() <= 0) {
            return range + " on a log scale needs min > 0";
        }
        if (!dim.log() && dim.step() != null && !(dim.step() > 0 && Double.isFinite(dim.step()))) {
            return "step must be a positive number";
        }
        if (dim.kind() == Dimension.Kind.INT && Math.ceil(dim.min()) > Math.floor(dim.max())) {
            return "int range contains no integer";
        }
        if (dim.kind() == Dimension.Kind.INT && (dim.min() < Integer.MIN_VALUE || dim.max() > Integer.MAX_VALUE)) {
            return "int range must lie within 32-bit integers";
        }
        return null;
    }

    static void check(Dimension dim) {
        String problem = problem(dim);
        if (problem != null) {
            throw new IllegalArgumentException(dim.path() + ": " + problem);
        }
    }

    static void checkAll(List<Dimension> dims) {
        dims.forEach(Sampling::check);
    }

    /**
     * A numeric dimension's place on the unit interval: 0 and 1 are a and b (natural logs when log); a discrete one
     * has count values first, first + step, … (count is 0 for a continuous float).
     */
    private record Axis(double a, double b, boolean log, double first, double step, long count) {}

    private static Axis axis(Dimension dim) {
        if (dim.kind() == Dimension.Kind.CHOICE) {
            throw new IllegalArgumentException(dim.path() + ": a choice has no numeric axis");
        }
        check(dim);
        double min = dim.min();
        double max = dim.max();
        if (dim.kind() == Dimension.Kind.INT) {
            double lo = Math.ceil(min);
            double hi = Math.floor(max);
            if (dim.log()) {
                return new Axis(Math.log(lo - 0.5), Math.log(hi + 0.5), true, lo, 1, (long) (hi - lo) + 1);
            }
            double step = dim.step() == null ? 1 : dim.step();
            long count = steps(lo, hi, step) + 1;
            return new Axis(lo - step / 2, lo + (count - 1) * step + step / 2, false, lo, step, count);
        }
        if (dim.log()) {
            return new Axis(Math.log(min), Math.log(max), true, min, 0, 0);
        }
        if (dim.step() == null) {
            return new Axis(min, max, false, min, 0, 0);
        }
        double step = dim.step();
        long count = steps(min, max, step) + 1;
        return new Axis(min - step / 2, min + (count - 1) * step + step / 2, false, min, step, count);
    }

    /** Whole steps from lo that stay within hi, forgiving floating-point error. */
    private static long steps(double lo, double hi, double step) {
        double n = (hi - lo) / step;
        return (long) Math.min(Math.floor(n + STEP_TOLERANCE * Math.max(1, n)), Long.MAX_VALUE / 2);
    }

    private static double clamp(double u) {
        return Math.max(0, Math.min(1, u));
    }
}
