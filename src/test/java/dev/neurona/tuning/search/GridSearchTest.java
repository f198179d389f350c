package dev.neurona.tuning.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grid search proposes the Cartesian product, first dimension slowest, once each, and says why when it cannot. */
class GridSearchTest {

    static final Dimension ACTIVATION = new Dimension(
            "layers[0].activation", Dimension.Kind.CHOICE, List.of("relu", "tanh", "sigmoid"), null, null, false, null);
    static final Dimension UNITS = new Dimension("layers[0].units", Dimension.Kind.INT, null, 16.0, 64.0, false, 16.0);
    // (0.3 - 0.1) / 0.1 is 1.9999999999999998 in doubles: the last point must not be lost
    static final Dimension DROPOUT = new Dimension("layers[1].rate", Dimension.Kind.FLOAT, null, 0.1, 0.3, false, 0.1);
    static final List<Dimension> DIMS = List.of(ACTIVATION, UNITS, DROPOUT);

    @Test
    void proposesTheCartesianProductFirstDimensionSlowest() {
        List<Map<String, Object>> expected = new ArrayList<>();
        for (String activation : List.of("relu", "tanh", "sigmoid")) {
            for (int units : new int[] {16, 32, 48, 64}) {
                for (double rate : new double[] {0.1, 0.2, 0.3}) {
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("layers[0].activation", activation);
                    params.put("layers[0].units", units);
                    params.put("layers[1].rate", rate);
                    expected.add(params);
                }
            }
        }
        List<SearchStrategy.Propose> proposals = run(new GridSearch(DIMS, 4, 1000));
        assertThat(proposals).hasSize(36);
        assertThat(proposals).extracting(SearchStrategy.Propose::params).containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(
                        proposals.stream().map(SearchStrategy.Propose::params).toList()))
                .hasSize(36);
        assertThat(proposals)
                .extracting(SearchStrategy.Propose::index)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 36).boxed().toList());
        assertThat(proposals).allSatisfy(propose -> assertThat(propose.epochs()).isEqualTo(4));
        assertThat(proposals.get(1).params().get("layers[0].units")).isInstanceOf(Integer.class);
    }

    @Test
    void maxTrialsCutsTheGridAfterItsFirstCombinations() {
        List<SearchStrategy.Propose> proposals = run(new GridSearch(DIMS, 1, 14));
        assertThat(proposals).hasSize(14);
        assertThat(proposals)
                .extracting(propose -> propose.params().get("layers[0].activation"))
                .containsOnly("relu", "tanh");
        assertThat(proposals.get(13).params())
                .isEqualTo(Map.of("layers[0].activation", "tanh", "layers[0].units", 16, "layers[1].rate", 0.2));
        assertThat(run(new GridSearch(DIMS, 1, 0))).isEmpty();
    }

    @Test
    void sizeCountsTheCombinations() {
        assertThat(GridSearch.size(DIMS)).isEqualTo(36);
        assertThat(GridSearch.size(List.of())).isEqualTo(1);
        // an int range without a step is every integer when there are at most ten
        Dimension layers = new Dimension("depth", Dimension.Kind.INT, null, 1.0, 4.0, false, null);
        assertThat(GridSearch.grid(layers)).containsExactly(1, 2, 3, 4);
        assertThat(GridSearch.size(List.of(layers, ACTIVATION))).isEqualTo(12);
        // repeated choice values are one grid point
        Dimension repeated =
                new Dimension("batch", Dimension.Kind.CHOICE, List.of(32, 64, 32L, 64.0), null, null, false, null);
        assertThat(GridSearch.grid(repeated)).containsExactly(32, 64);
        Dimension fine = new Dimension("x", Dimension.Kind.FLOAT, null, 0.0, 1.0, false, 1e-6);
        assertThat(GridSearch.size(List.of(fine))).isEqualTo(1_000_001);
        assertThat(GridSearch.size(List.of(fine, fine, fine, fine))).isEqualTo(Long.MAX_VALUE);
        assertThat(GridSearch.grid(fine).get(500_000)).isEqualTo(0.5);
    }

    @Test
    void problemsNameTheDimensionsThatCannotBeEnumerated() {
        assertThat(GridSearch.problems(DIMS)).isEmpty();
        Dimension rate = new Dimension("optimizer.learningRate", Dimension.Kind.FLOAT, null, 1e-4, 1e-1, true, null);
        Dimension wide = new Dimension("layers[0].units", Dimension.Kind.INT, null, 8.0, 512.0, false, null);
        Dimension logStep = new Dimension("layers[1].units", Dimension.Kind.INT, null, 8.0, 512.0, true, 8.0);
        Dimension halfStep = new Dimension("layers[2].units", Dimension.Kind.INT, null, 8.0, 512.0, false, 0.5);
        assertThat(GridSearch.problems(List.of(ACTIVATION, rate, wide, logStep, halfStep)))
                .containsExactly(
                        "optimizer.learningRate: float range needs a step for grid search",
                        "layers[0].units: int range has 505 values; give a step for grid search (without one it takes every "
                                + "integer only up to 10)",
                        "layers[1].units: step cannot be combined with a log scale",
                        "layers[2].units: int step must be a whole number");
        assertThatThrownBy(() -> new GridSearch(List.of(UNITS, rate), 1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("optimizer.learningRate");
        assertThatThrownBy(() -> GridSearch.size(List.of(wide))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GridSearch.grid(rate)).hasMessageContaining("needs a step");
    }

    @Test
    void theNextTrialDependsOnlyOnHowManyThereAre() {
        List<Trial> running = List.of(new Trial(0, Map.of(), 1, null, false), new Trial(1, Map.of(), 1, 0.3, true));
        assertThat(new GridSearch(DIMS, 1, 100).next(running))
                .isEqualTo(run(new GridSearch(DIMS, 1, 100)).get(2));
    }

    private static List<SearchStrategy.Propose> run(SearchStrategy strategy) {
        List<SearchStrategy.Propose> proposals = new ArrayList<>();
        List<Trial> trials = new ArrayList<>();
        SearchStrategy.Step step = strategy.next(trials);
        while (step instanceof SearchStrategy.Propose propose) {
            proposals.add(propose);
            trials.add(new Trial(propose.index(), propose.params(), propose.epochs(), 1.0, true));
            step = strategy.next(trials);
        }
        assertThat(step).isInstanceOf(SearchStrategy.Done.class);
        return proposals;
    }
}
