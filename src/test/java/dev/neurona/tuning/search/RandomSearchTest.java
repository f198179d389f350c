package dev.neurona.tuning.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Uniform draws, typed values, log scale, steps, seeding: what random search and the others' random trials share. */
class RandomSearchTest {

    static final int N = 20_000;

    static Dimension intRange(double min, double max, Double step) {
        return new Dimension("units", Dimension.Kind.INT, null, min, max, false, step);
    }

    static Dimension floatRange(double min, double max, boolean log, Double step) {
        return new Dimension("rate", Dimension.Kind.FLOAT, null, min, max, log, step);
    }

    static List<Object> draws(Dimension dim, int n) {
        Random random = new Random(1);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(Sampling.draw(dim, random));
        }
        return values;
    }

    @Test
    void intsAreIntegersCoveringBothBoundsEvenly() {
        Map<Object, Integer> counts = new HashMap<>();
        for (Object value : draws(intRange(1, 3, null), N)) {
            assertThat(value).isInstanceOf(Integer.class);
            counts.merge(value, 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(1, 2, 3);
        counts.values().forEach(count -> assertThat(count / (double) N).isCloseTo(1 / 3.0, within(0.02)));
        // bounds that are not whole numbers take the integers inside
        assertThat(draws(intRange(0.5, 2.5, null), 200)).containsOnly(1, 2);
    }

    @Test
    void floatsAreDoublesWithinTheRangeSpreadUniformly() {
        List<Object> values = draws(floatRange(-2, 6, false, null), N);
        assertThat(values).allSatisfy(value -> assertThat((Double) value).isBetween(-2.0, 6.0));
        double below = values.stream().filter(value -> (Double) value < 0).count() / (double) N;
        assertThat(below).isCloseTo(0.25, within(0.02));
    }

    @Test
    void aLogScaleIsUniformInLogSpace() {
        // on [1e-4, 1e-1] two of the three decades lie below 1e-2; a linear draw would put 9% there
        List<Object> values = draws(floatRange(1e-4, 1e-1, true, null), N);
        assertThat(values).allSatisfy(value -> assertThat((Double) value).isBetween(1e-4, 1e-1));
        double below = values.stream().filter(value -> (Double) value < 1e-2).count() / (double) N;
        assertThat(below).isCloseTo(2 / 3.0, within(0.02));
        // a log int range: each integer k owns [k - ½, k + ½] in log space, so 1..31 of 1..1000 get ln 63 / ln 2001
        Dimension units = new Dimension("units", Dimension.Kind.INT, null, 1.0, 1000.0, true, null);
        List<Object> ints = draws(units, N);
        assertThat(ints).allSatisfy(value -> assertThat((Integer) value).isBetween(1, 1000));
        double small = ints.stream().filter(value -> (Integer) value <= 31).count() / (double) N;
        assertThat(small).isCloseTo(Math.log(63) / Math.log(2001), within(0.02));
    }

    @Test
    void stepsSnapToTheLatticeAndReachItsEnds() {
        assertThat(new HashSet<>(draws(floatRange(0.1, 0.5, false, 0.1), 2000)))
                .containsExactlyInAnyOrder(0.1, 0.2, 0.3, 0.4, 0.5);
        Set<Object> units = new HashSet<>(draws(intRange(16, 256, 16.0), 5000));
        assertThat(units).hasSize(16).allSatisfy(value -> assertThat((Integer) value % 16)
                .isZero());
        assertThat(units).contains(16, 256);
        // a max off the lattice is not reached: 0, 0.25, 0.5
        assertThat(new HashSet<>(draws(floatRange(0, 0.6, false, 0.25), 2000)))
                .containsExactlyInAnyOrder(0.0, 0.25, 0.5);
    }

    @Test
    void choicesComeBackAsTheGivenObjectsEvenly() {
        Dimension dim =
                new Dimension("activation", Dimension.Kind.CHOICE, List.of("relu", 2, true), null, null, false, null);
        Map<Object, Integer> counts = new HashMap<>();
        draws(dim, N).forEach(value -> counts.merge(value, 1, Integer::sum));
        assertThat(counts).containsOnlyKeys("relu", 2, true);
        counts.values().forEach(count -> assertThat(count / (double) N).isCloseTo(1 / 3.0, within(0.02)));
    }

    @Test
    void theUnitIntervalMapsBothWaysInLogSpace() {
        Dimension rate = floatRange(1e-4, 1e-1, true, null);
        assertThat(Sampling.toUnit(rate, 1e-4)).isCloseTo(0, within(1e-12));
        assertThat(Sampling.toUnit(rate, 1e-1)).isCloseTo(1, within(1e-12));
        assertThat(Sampling.toUnit(rate, 1e-2)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat((Double) Sampling.fromUnit(rate, 1 / 3.0)).isCloseTo(1e-3, within(1e-15));
        // an int's values sit at the centres of equal cells: 1, 2, 3 at 1/6, 1/2, 5/6
        Dimension small = intRange(1, 3, null);
        assertThat(Sampling.toUnit(small, 2)).isCloseTo(0.5, within(1e-12));
        assertThat(Sampling.toUnit(small, 3L)).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(Sampling.fromUnit(small, 0.3)).isEqualTo(1);
        assertThat(Sampling.fromUnit(small, 0.34)).isEqualTo(2);
        assertThat(Sampling.fromUnit(small, 1.0)).isEqualTo(3);
    }

    @Test
    void theSameSeedGivesTheSameTrialsAndAnotherSeedOthers() {
        List<Dimension> dims = List.of(floatRange(1e-4, 1e-1, true, null), intRange(8, 512, null));
        List<SearchStrategy.Step> first = proposals(new RandomSearch(dims, 5, 10, 42));
        assertThat(first).hasSize(11).endsWith(new SearchStrategy.Done());
        assertThat(first.subList(0, 10)).allSatisfy(step -> assertThat(((SearchStrategy.Propose) step).epochs())
                .isEqualTo(5));
        assertThat(proposals(new RandomSearch(dims, 5, 10, 42))).isEqualTo(first);
        List<SearchStrategy.Step> other = proposals(new RandomSearch(dims, 5, 10, 43));
        for (int i = 0; i < 10; i++) {
            assertThat(other.get(i)).isNotEqualTo(first.get(i));
        }
        // a trial's values depend on its index only, not on how the others turned out
        List<Trial> scored = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            scored.add(new Trial(i, Map.of(), 5, i == 1 ? null : 0.5, i != 2));
        }
        assertThat(new RandomSearch(dims, 5, 10, 42).next(scored)).isEqualTo(first.get(3));
    }

    @Test
    void mixSpreadsNeighbouringSeedsAndIndices() {
        Set<Long> seen = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            for (int index = 0; index < 100; index++) {
                seen.add(Sampling.mix(seed, index));
            }
        }
        assertThat(seen).hasSize(10_000);
        assertThat(Sampling.mix(5, 3)).isEqualTo(Sampling.mix(5, 3));
        // the first doubles of java.util.Random for seeds 0..999 all lie within 0.68..0.77; mixed seeds spread out
        double sum = 0;
        double low = 1;
        double high = 0;
        for (int index = 0; index < 1000; index++) {
            double first = new Random(Sampling.mix(1, index)).nextDouble();
            sum += first;
            low = Math.min(low, first);
            high = Math.max(high, first);
        }
        assertThat(sum / 1000).isCloseTo(0.5, within(0.05));
        assertThat(low).isLessThan(0.01);
        assertThat(high).isGreaterThan(0.99);
    }

    @Test
    void anImpossibleDimensionIsRefusedUpFront() {
        assertThatThrownBy(() -> new RandomSearch(List.of(floatRange(0, 1, true, null)), 1, 5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate")
                .hasMessageContaining("min > 0");
        assertThatThrownBy(() -> new RandomSearch(List.of(intRange(5, 1, null)), 1, 5, 0))
                .hasMessageContaining("max below min");
        assertThatThrownBy(() -> new RandomSearch(
                        List.of(new Dimension("a", Dimension.Kind.CHOICE, List.of(), null, null, false, null)),
                        1,
                        5,
                        0))
                .hasMessageContaining("at least one value");
    }

    private static List<SearchStrategy.Step> proposals(SearchStrategy strategy) {
        List<SearchStrategy.Step> steps = new ArrayList<>();
        List<Trial> trials = new ArrayList<>();
        SearchStrategy.Step step;
        do {
            step = strategy.next(trials);
            steps.add(step);
            if (step instanceof SearchStrategy.Propose propose) {
                trials.add(new Trial(propose.index(), propose.params(), propose.epochs(), null, false));
            }
        } while (step instanceof SearchStrategy.Propose);
        return steps;
    }
}
