package dev.neurona.tuning.search;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of the dimensions' values, in a fixed order: the first dimension varies slowest, the last
 * fastest, like nested loops written in the order the dimensions are listed. Trial i is the i-th combination, so the
 * strategy needs nothing but the number of trials so far; it stops after {@code min(size, maxTrials)} trials, which
 * with a cap below the size means the first combinations in that order, not a sample of them.
 *
 * <p>What a dimension contributes ({@link #grid}): a choice its distinct values; an int or float its lattice min,
 * min + step, … ≤ max. Without a step an int range falls back to every integer when there are at most
 * {@value #MAX_INTEGERS_WITHOUT_STEP} of them (a small range like layers 1–4 is meant whole), and a float range is
 * refused: any number of points would be a guess better made by the user, or by random search.
 */
public final class GridSearch implements SearchStrategy {

    static final int MAX_INTEGERS_WITHOUT_STEP = 10;

    private final List<Dimension> dims;
    private final List<List<Object>> axes;
    private final int epochs;
    private final long limit;

    GridSearch(List<Dimension> dims, int epochs, int maxTrials) {
        List<String> problems = problems(dims);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (epochs < 1 || maxTrials < 0) {
            throw new IllegalArgumentException("epochs must be at least 1 and maxTrials not negative");
        }
        this.dims = List.copyOf(dims);
        this.axes = dims.stream().map(GridSearch::grid).toList();
        this.epochs = epochs;
        this.limit = Math.min(size(dims), maxTrials);
    }

    @Override
    public Step next(List<Trial> trials) {
        int index = trials.size();
        if (index >= limit) {
            return new Done();
        }
        return new Propose(index, combination(index), epochs);
    }

    /** The index-th combination: the index written in the mixed radix of the axes' sizes, last axis lowest. */
    private Map<String, Object> combination(long index) {
        Object[] picked = new Object[axes.size()];
        for (int d = axes.size() - 1; d >= 0; d--) {
            List<Object> axis = axes.get(d);
            picked[d] = axis.get((int) (index % axis.size()));
            index /= axis.size();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int d = 0; d < picked.length; d++) {
            params.put(dims.get(d).path(), picked[d]);
        }
        return Collections.unmodifiableMap(params);
    }

    /**
     * How many trials a grid over these dimensions has (saturating at {@link Long#MAX_VALUE}); one for no dimensions.
     *
     * @throws IllegalArgumentException when {@link #problems} is not empty
     */
    public static long size(List<Dimension> dims) {
        List<String> problems = problems(dims);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        long size = 1;
        for (Dimension dim : dims) {
            try {
                size = Math.multiplyExact(size, grid(dim).size());
            } catch (ArithmeticException tooMany) {
                return Long.MAX_VALUE;
            }
        }
        return size;
    }

    /** Why these dimensions cannot be enumerated, one message per dimension that cannot, prefixed by its path. */
    public static List<String> problems(List<Dimension> dims) {
        List<String> problems = new ArrayList<>();
        for (Dimension dim : dims) {
            String problem = problem(dim);
            if (problem != null) {
                problems.add(dim.path() + ": " + problem);
            }
        }
        return problems;
    }

    /**
     * The values grid search takes for one dimension, in increasing order for numeric ones (a lazy view: a fine
     * step does not allocate its values).
     *
     * @throws IllegalArgumentException when the dimension cannot be enumerated
     */
    static List<Object> grid(Dimension dim) {
        String problem = problem(dim);
        if (problem != null) {
            throw new IllegalArgumentException(dim.path() + ": " + problem);
        }
        if (dim.kind() == Dimension.Kind.CHOICE) {
            List<Object> distinct = new ArrayList<>();
            for (Object value : dim.values()) {
                if (distinct.stream().noneMatch(seen -> Sampling.same(seen, value))) {
                    distinct.add(value);
                }
            }
            return Collections.unmodifiableList(distinct);
        }
        long lattice = Sampling.count(dim);
        if (lattice < 0) {
            return List.of(dim.min()); // a float range of one point, the only continuous range a grid accepts
        }
        int count = (int) lattice;
        return new AbstractList<>() {
            @Override
            public Object get(int k) {
                return Sampling.lattice(dim, k);
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    private static String problem(Dimension dim) {
        String problem = Sampling.problem(dim);
        if (problem != null || dim.kind() == Dimension.Kind.CHOICE) {
            return problem;
        }
        if (dim.log() && dim.step() != null) {
            // Sampling ignores the step of a log dimension; a grid cannot, since the step is what it enumerates
            return "step cannot be combined with a log scale";
        }
        boolean isInt = dim.kind() == Dimension.Kind.INT;
        if (isInt && dim.step() != null && dim.step() != Math.rint(dim.step())) {
            return "int step must be a whole number";
        }
        long count = Sampling.count(dim);
        if (count < 0) {
            return dim.min().equals(dim.max()) ? null : "float range needs a step for grid search";
        }
        if (isInt && dim.step() == null && count > MAX_INTEGERS_WITHOUT_STEP) {
            return "int range has " + count + " values; give a step for grid search (without one it takes every "
                    + "integer only up to " + MAX_INTEGERS_WITHOUT_STEP + ")";
        }
        if (count > Integer.MAX_VALUE) {
            return "step gives " + count + " values, too many for grid search";
        }
        return null;
    }
}
