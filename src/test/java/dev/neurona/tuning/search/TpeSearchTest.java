package dev.neurona.tuning.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TPE against random search on a synthetic objective shaped like a small network's tuning, no training involved. */
class TpeSearchTest {

    static final List<Dimension> DIMS = List.of(
            new Dimension("optimizer.learningRate", Dimension.Kind.FLOAT, null, 1e-5, 1e-1, true, null),
            new Dimension("layers[0].units", Dimension.Kind.INT, null, 8.0, 512.0, false, null),
            new Dimension(
                    "layers[0].activation",
                    Dimension.Kind.CHOICE,
                    List.of("relu", "tanh", "sigmoid", "gelu"),
                    null,
                    null,
                    false,
                    null));

    static final int TRIALS = 40;
    static final int SEEDS = 20;

    /**
     * Higher is better, 0 at the optimum: learning rate 3e-3, 96 units, gelu (relu close behind). A bowl in log space
     * plus a penalty per activation, with a little seeded noise as a real validation score has.
     */
    static double objective(Map<String, Object> params, Random noise) {
        double lr = (Double) params.get("optimizer.learningRate");
        int units = (Integer) params.get("layers[0].units");
        double lrTerm = Math.log10(lr / 3e-3);
        double unitsTerm = Math.log(units / 96.0) / Math.log(2);
        double activationTerm =
                switch ((String) params.get("layers[0].activation")) {
                    case "gelu" -> 0;
                    case "relu" -> 0.3;
                    default -> 1.0;
                };
        return -(lrTerm * lrTerm + 0.5 * unitsTerm * unitsTerm + activationTerm) + 0.02 * noise.nextGaussian();
    }

    /** Runs a strategy one trial at a time, each finishing before the next is asked for; the best-so-far curve. */
    static double[] bestSoFar(SearchStrategy strategy, long seed) {
        List<Trial> trials = new ArrayList<>();
        Random noise = new Random(seed * 31 + 7);
        double[] curve = new double[TRIALS];
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < TRIALS; i++) {
            SearchStrategy.Propose propose = (SearchStrategy.Propose) strategy.next(trials);
            double value = objective(propose.params(), noise);
            trials.add(new Trial(propose.index(), propose.params(), propose.epochs(), value, true));
            best = Math.max(best, value);
            curve[i] = best;
        }
        assertThat(strategy.next(trials)).isInstanceOf(SearchStrategy.Done.class);
        return curve;
    }

    @Test
    void findsBetterValuesThanRandomSearchWithTheSameBudget() {
        double tpeBest = 0;
        double randomBest = 0;
        double tpeCurve = 0;
        double randomCurve = 0;
        int wins = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            double[] tpe = bestSoFar(new TpeSearch(DIMS, 1, TRIALS, seed), seed);
            double[] random = bestSoFar(new RandomSearch(DIMS, 1, TRIALS, seed), seed);
            tpeBest += tpe[TRIALS - 1] / SEEDS;
            randomBest += random[TRIALS - 1] / SEEDS;
            for (int i = 0; i < TRIALS; i++) {
                tpeCurve += tpe[i] / SEEDS / TRIALS;
                randomCurve += random[i] / SEEDS / TRIALS;
            }
            wins += tpe[TRIALS - 1] > random[TRIALS - 1] ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "TPE vs random, %d trials, %d seeds: mean best %.4f vs %.4f, mean of the "
                        + "best-so-far curve %.4f vs %.4f, TPE better on %d of %d seeds (optimum 0)%n",
                TRIALS,
                SEEDS,
                tpeBest,
                randomBest,
                tpeCurve,
                randomCurve,
                wins,
                SEEDS);
        assertThat(tpeBest).isGreaterThan(randomBest + 0.1);
        assertThat(tpeCurve).isGreaterThan(randomCurve);
        assertThat(wins).isGreaterThanOrEqualTo(14);
    }

    @Test
    void theStartUpTrialsAreRandomSearchTrials() {
        assertThat(TpeSearch.defaultStartupTrials(40)).isEqualTo(10);
        assertThat(TpeSearch.defaultStartupTrials(8)).isEqualTo(5);
        assertThat(TpeSearch.defaultStartupTrials(400)).isEqualTo(10);
        TpeSearch tpe = new TpeSearch(DIMS, 3, TRIALS, 42);
        RandomSearch random = new RandomSearch(DIMS, 3, TRIALS, 42);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            SearchStrategy.Step step = tpe.next(trials);
            assertThat(step).isEqualTo(random.next(trials));
            Map<String, Object> params = ((SearchStrategy.Propose) step).params();
            trials.add(new Trial(i, params, 3, -i * 0.1, true));
        }
        assertThat(tpe.next(trials)).isNotEqualTo(random.next(trials));
    }

    @Test
    void theSameTrialsGiveTheSameProposalAndAnotherSeedAnother() {
        List<Trial> trials = finishedRandomTrials(15);
        SearchStrategy.Step first = new TpeSearch(DIMS, 1, TRIALS, 7).next(trials);
        assertThat(new TpeSearch(DIMS, 1, TRIALS, 7).next(List.copyOf(trials))).isEqualTo(first);
        assertThat(new TpeSearch(DIMS, 1, TRIALS, 8).next(trials)).isNotEqualTo(first);
        assertThat(((SearchStrategy.Propose) first).index()).isEqualTo(15);
    }

    @Test
    void runningTrialsCountAsAbsentSoParallelWorkersGetProposals() {
        List<Trial> trials = new ArrayList<>(finishedRandomTrials(15));
        Trial last = trials.get(14);
        trials.set(14, new Trial(14, last.params(), 1, null, false));
        SearchStrategy.Step whileRunning = new TpeSearch(DIMS, 1, TRIALS, 7).next(trials);
        trials.set(14, new Trial(14, last.params(), 1, null, true)); // failed: finished without an objective
        assertThat(whileRunning)
                .isInstanceOf(SearchStrategy.Propose.class)
                .isEqualTo(new TpeSearch(DIMS, 1, TRIALS, 7).next(trials));
        trials.set(14, last);
        assertThat(new TpeSearch(DIMS, 1, TRIALS, 7).next(trials)).isNotEqualTo(whileRunning);
    }

    @Test
    void modelledProposalsStayInTheirRangesWithTheirTypes() {
        List<Trial> trials = finishedRandomTrials(20);
        for (long seed = 0; seed < 50; seed++) {
            Map<String, Object> params =
                    ((SearchStrategy.Propose) new TpeSearch(DIMS, 1, TRIALS, seed).next(trials)).params();
            assertThat(params.keySet())
                    .containsExactly("optimizer.learningRate", "layers[0].units", "layers[0].activation");
            assertThat(params.get("optimizer.learningRate")).isInstanceOf(Double.class);
            assertThat((Double) params.get("optimizer.learningRate")).isBetween(1e-5, 1e-1);
            assertThat(params.get("layers[0].units")).isInstanceOf(Integer.class);
            assertThat((Integer) params.get("layers[0].units")).isBetween(8, 512);
            assertThat(params.get("layers[0].activation")).isIn(DIMS.get(2).values());
        }
    }

    @Test
    void proposalsGatherWhereTheGoodTrialsAre() {
        // the good trials all used gelu and a learning rate near 3e-3: that is where TPE should look next
        List<Trial> trials = finishedRandomTrials(30);
        int gelu = 0;
        int nearRate = 0;
        for (long seed = 0; seed < 100; seed++) {
            Map<String, Object> params =
                    ((SearchStrategy.Propose) new TpeSearch(DIMS, 1, TRIALS, seed).next(trials)).params();
            gelu += params.get("layers[0].activation").equals("gelu") ? 1 : 0;
            double lr = (Double) params.get("optimizer.learningRate");
            nearRate += Math.abs(Math.log10(lr / 3e-3)) < 0.5 ? 1 : 0;
        }
        // random search: gelu 25 in 100, within half a decade of 3e-3 25 in 100 (one of four decades)
        assertThat(gelu).isGreaterThan(50);
        assertThat(nearRate).isGreaterThan(50);
    }

    /** Random trials, finished, scored by the synthetic objective without noise. */
    private static List<Trial> finishedRandomTrials(int n) {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> params = RandomSearch.draw(DIMS, 99, i);
            trials.add(new Trial(
                    i,
                    params,
                    1,
                    objective(params, new Random(0) {
                        @Override
                        public synchronized double nextGaussian() {
                            return 0;
                        }
                    }),
                    true));
        }
        return trials;
    }
}
