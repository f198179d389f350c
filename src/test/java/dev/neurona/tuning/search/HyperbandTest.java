package dev.neurona.tuning.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tuning.search.Hyperband.Rung;
import dev.neurona.tuning.search.SearchStrategy.Done;
import dev.neurona.tuning.search.SearchStrategy.Propose;
import dev.neurona.tuning.search.SearchStrategy.Step;
import dev.neurona.tuning.search.SearchStrategy.Wait;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hyperband's plan, its successive halving, its waiting, its cap, all from the trial list alone. */
class HyperbandTest {

    static final List<Dimension> DIMS = List.of(
            new Dimension("optimizer.learningRate", Dimension.Kind.FLOAT, null, 1e-4, 1e-1, true, null),
            new Dimension("layers[0].units", Dimension.Kind.INT, null, 8.0, 512.0, false, null));

    @Test
    void thePlanForTwentySevenEpochsAndEtaThreeIsTheTextbookOne() {
        assertThat(Hyperband.rungs(27, 3))
                .containsExactly(
                        new Rung(3, 0, 27, 1, 0),
                        new Rung(3, 1, 9, 3, 27),
                        new Rung(3, 2, 3, 9, 36),
                        new Rung(3, 3, 1, 27, 39),
                        new Rung(2, 0, 12, 3, 40),
                        new Rung(2, 1, 4, 9, 52),
                        new Rung(2, 2, 1, 27, 56),
                        new Rung(1, 0, 6, 9, 57),
                        new Rung(1, 1, 2, 27, 63),
                        new Rung(0, 0, 4, 27, 65));
        assertThat(Hyperband.trialCount(27, 3)).isEqualTo(69);
        assertThat(Hyperband.plan(27, 3))
                .isEqualTo(
                        """
                s=3: 27×1 → 9×3 → 3×9 → 1×27 epochs
                s=2: 12×3 → 4×9 → 1×27 epochs
                s=1: 6×9 → 2×27 epochs
                s=0: 4×27 epochs
                69 trials, 423 epochs in all""");
    }

    @Test
    void otherPlansEndEachBracketAtMaxEpochs() {
        // 81 = 3^4: five brackets, the first 81 configurations at 1 epoch (Li et al., table 1)
        List<Rung> plan = Hyperband.rungs(81, 3);
        assertThat(plan.get(0)).isEqualTo(new Rung(4, 0, 81, 1, 0));
        assertThat(plan.stream().filter(rung -> rung.rung() == 0).map(Rung::size))
                .containsExactly(81L, 34L, 15L, 8L, 5L);
        // 10 is no power of 3: rungs of 1, 3 and 10 epochs, not 1, 3, 9
        assertThat(Hyperband.plan(10, 3))
                .startsWith("s=2: 9×1 → 3×3 → 1×10 epochs\ns=1: 5×3 → 1×10 epochs\n" + "s=0: 3×10 epochs");
        assertThat(Hyperband.rungs(2, 3)).containsExactly(new Rung(0, 0, 1, 2, 0));
        assertThatThrownBy(() -> Hyperband.rungs(27, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void promotesTheBestThirdWithTheSameValuesAndThreeTimesTheEpochs() {
        Hyperband hyperband = new Hyperband(DIMS, 27, 3, 1000, 5);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            Propose propose = (Propose) hyperband.next(trials);
            assertThat(propose.index()).isEqualTo(i);
            assertThat(propose.epochs()).isEqualTo(1);
            assertThat(propose.params()).isEqualTo(RandomSearch.draw(DIMS, 5, i));
            trials.add(new Trial(i, propose.params(), 1, null, false));
        }
        assertThat(hyperband.next(trials)).isInstanceOf(Wait.class);
        // trial i scores (10 i) mod 27, so the best nine are 8, 16, 24, 5, 13, 21, 2, 10, 18 (scores 26 down to 18);
        // but trial 8 fails without an objective, which ranks it last, and 26 (score 17) moves up
        for (int i = 0; i < 26; i++) {
            trials.set(i, finish(trials.get(i), i == 8 ? null : (double) (i * 10 % 27)));
        }
        assertThat(hyperband.next(trials))
                .as("one trial of the rung still runs")
                .isInstanceOf(Wait.class);
        trials.set(26, finish(trials.get(26), 17.0));
        List<Integer> expectedOrder = List.of(16, 24, 5, 13, 21, 2, 10, 18, 26);
        for (int k = 0; k < 9; k++) {
            Propose propose = (Propose) hyperband.next(trials);
            assertThat(propose.index()).isEqualTo(27 + k);
            assertThat(propose.epochs()).isEqualTo(3);
            assertThat(propose.params())
                    .isEqualTo(trials.get(expectedOrder.get(k)).params());
            trials.add(new Trial(27 + k, propose.params(), 3, null, false));
        }
        assertThat(hyperband.next(trials)).isInstanceOf(Wait.class);
    }

    @Test
    void aFinishedBracketTopDoesNotHoldUpTheNextBracket() {
        Hyperband hyperband = new Hyperband(DIMS, 27, 3, 1000, 5);
        List<Trial> trials = new ArrayList<>();
        // bracket 3 up to its last rung (index 39), which is proposed and left running
        while (trials.size() < 40) {
            Step step = hyperband.next(trials);
            if (step instanceof Wait) {
                finishAll(trials);
                continue;
            }
            Propose propose = (Propose) step;
            trials.add(new Trial(propose.index(), propose.params(), propose.epochs(), null, false));
        }
        assertThat(trials.get(39).epochs()).isEqualTo(27);
        assertThat(trials.get(39).finished()).isFalse();
        Propose next = (Propose) hyperband.next(trials);
        assertThat(next.index()).isEqualTo(40);
        assertThat(next.epochs()).isEqualTo(3);
        assertThat(next.params()).isEqualTo(RandomSearch.draw(DIMS, 5, 40));
    }

    @Test
    void runsThePlanToTheEndAndStopsThere() {
        List<Trial> trials = runToDone(new Hyperband(DIMS, 27, 3, 1000, 5));
        assertThat(trials).hasSize(69);
        assertThat(trials.stream().mapToInt(Trial::epochs).sum()).isEqualTo(423);
        // every promoted rung repeats the values of the best third of the rung below, best first
        List<Rung> plan = Hyperband.rungs(27, 3);
        for (int r = 1; r < plan.size(); r++) {
            Rung rung = plan.get(r);
            Rung below = plan.get(r - 1);
            if (rung.rung() > 0) {
                List<Map<String, Object>> best = trials.subList((int) below.first(), (int) rung.first()).stream()
                        .sorted(Comparator.comparingDouble(Trial::objective).reversed())
                        .limit(rung.size())
                        .map(Trial::params)
                        .toList();
                assertThat(trials.subList((int) rung.first(), (int) (rung.first() + rung.size())))
                        .extracting(Trial::params)
                        .containsExactlyElementsOf(best);
            }
        }
    }

    @Test
    void maxTrialsCountsPromotionsAndCutsThePlan() {
        Hyperband hyperband = new Hyperband(DIMS, 27, 3, 30, 5);
        List<Trial> trials = runToDone(hyperband);
        assertThat(trials).hasSize(30);
        assertThat(trials.subList(27, 30))
                .allSatisfy(trial -> assertThat(trial.epochs()).isEqualTo(3));
        assertThat(hyperband.next(trials)).isEqualTo(new Done());
        assertThat(runToDone(new Hyperband(DIMS, 27, 3, 0, 5))).isEmpty();
    }

    @Test
    void aFreshInstanceGivesTheSameStepForTheSameTrials() {
        Hyperband running = new Hyperband(DIMS, 27, 3, 1000, 11);
        List<Trial> trials = new ArrayList<>();
        int waits = 0;
        while (true) {
            Step step = running.next(trials);
            assertThat(new Hyperband(DIMS, 27, 3, 1000, 11).next(List.copyOf(trials)))
                    .isEqualTo(step);
            if (step instanceof Done) {
                break;
            }
            if (step instanceof Wait) {
                waits++;
                finishAll(trials);
            } else {
                Propose propose = (Propose) step;
                trials.add(new Trial(propose.index(), propose.params(), propose.epochs(), null, false));
            }
        }
        assertThat(trials).hasSize(69);
        assertThat(waits).as("one wait per promoted rung").isEqualTo(6);
        assertThat(new Hyperband(DIMS, 27, 3, 1000, 12).next(List.of()))
                .isNotEqualTo(new Hyperband(DIMS, 27, 3, 1000, 11).next(List.of()));
    }

    /** Proposes until Done, finishing every trial whenever the strategy waits; objectives favour a learning rate. */
    private static List<Trial> runToDone(Hyperband hyperband) {
        List<Trial> trials = new ArrayList<>();
        Step step;
        while (!((step = hyperband.next(trials)) instanceof Done)) {
            if (step instanceof Wait) {
                finishAll(trials);
            } else {
                Propose propose = (Propose) step;
                trials.add(new Trial(propose.index(), propose.params(), propose.epochs(), null, false));
            }
        }
        return trials;
    }

    private static void finishAll(List<Trial> trials) {
        for (int i = 0; i < trials.size(); i++) {
            Trial trial = trials.get(i);
            if (!trial.finished()) {
                double rate = (Double) trial.params().get("optimizer.learningRate");
                trials.set(i, finish(trial, -Math.abs(Math.log10(rate / 3e-3)) + 0.01 * trial.epochs()));
            }
        }
    }

    private static Trial finish(Trial trial, Double objective) {
        return new Trial(trial.index(), trial.params(), trial.epochs(), objective, true);
    }
}
