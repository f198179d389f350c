package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** What each head makes of hand-made raw outputs: the class of every row and its probabilities. */
class OutputHeadTest {

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Three logits per row: the largest wins, the first of two equal ones; probabilities are their softmax. */
    @Test
    void softmaxPicksTheLargestLogitAndNormalisesTheirExponentials() {
        float[] logits = {
            1, 3, 2,
            5, 5, 0,
            -1, -2, -3
        };

        assertThat(OutputHead.SOFTMAX.classes(logits, 3)).containsExactly(1, 0, 0);
        float[] p = OutputHead.SOFTMAX.probabilities(logits, 3);
        double sum = Math.exp(1) + Math.exp(3) + Math.exp(2);
        assertThat(p[0]).isCloseTo((float) (Math.exp(1) / sum), within(1e-7f));
        assertThat(p[1]).isCloseTo((float) (Math.exp(3) / sum), within(1e-7f));
        assertThat(p[2]).isCloseTo((float) (Math.exp(2) / sum), within(1e-7f));
        // e⁵ / (2e⁵ + 1) for the two tied classes, 1 / (2e⁵ + 1) for the third
        assertThat(p[3]).isEqualTo(p[4]).isCloseTo((float) (1 / (2 + Math.exp(-5))), within(1e-7f));
        assertThat(p[5]).isCloseTo((float) (1 / (2 * Math.exp(5) + 1)), within(1e-7f));
        assertThat(p[6] + p[7] + p[8]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void softmaxOfHugeLogitsNeitherOverflowsNorLosesTheOrder() {
        float[] logits = {1000, 0, -1000, 3e38f, 2e38f, 0};

        assertThat(OutputHead.SOFTMAX.classes(logits, 3)).containsExactly(0, 0);
        assertThat(OutputHead.SOFTMAX.probabilities(logits, 3)).containsExactly(1, 0, 0, 1, 0, 0);
    }

    /**
     * One logit z: the second class when σ(z) is above 0.5, that is when z is above 0; at z = 0 both classes are
     * equally likely and the first is kept. Probabilities (σ(−z), σ(z)).
     */
    @Test
    void sigmoidThresholdsTheProbabilityAtOneHalf() {
        float[] logits = {-2, 0, 0.5f, 40};

        assertThat(OutputHead.SIGMOID.classes(logits, 1)).containsExactly(0, 0, 1, 1);
        float[] p = OutputHead.SIGMOID.probabilities(logits, 1);
        assertThat(p).hasSize(8);
        assertThat(p[0]).isCloseTo((float) sigmoid(2), within(1e-7f));
        assertThat(p[1]).isCloseTo((float) sigmoid(-2), within(1e-7f));
        assertThat(p[2]).isEqualTo(0.5f);
        assertThat(p[3]).isEqualTo(0.5f);
        assertThat(p[5]).isCloseTo((float) sigmoid(0.5), within(1e-7f));
        // a confident row keeps a tiny but non-zero chance for the other class, e^−40 ≈ 4.2e−18
        assertThat(p[6]).isCloseTo((float) Math.exp(-40), within(1e-24f)).isPositive();
        assertThat(p[7]).isEqualTo(1f);
    }

    /** A hinge or perceptron score: 0 or more is the second class; a score is no probability. */
    @Test
    void marginDecidesByTheSignAndHasNoProbabilities() {
        float[] scores = {-0.1f, 0, 2, -7};

        assertThat(OutputHead.MARGIN.classes(scores, 1)).containsExactly(0, 1, 1, 0);
        assertThat(OutputHead.MARGIN.probabilities(scores, 1)).isNull();
        assertThat(OutputHead.MARGIN.positiveScores(scores, 1)).containsExactly(-0.1f, 0, 2, -7);
    }

    @Test
    void regressionHasNoProbabilities() {
        assertThat(OutputHead.IDENTITY.probabilities(new float[] {1.5f, -3}, 1)).isNull();
    }

    /** The log-odds of the second class: the logit itself, or z₁ − z₀ for two softmax logits. */
    @Test
    void positiveScoresOrderRowsLikeTheSecondClassProbability() {
        assertThat(OutputHead.SIGMOID.positiveScores(new float[] {-2, 3}, 1)).containsExactly(-2, 3);
        assertThat(OutputHead.SOFTMAX.positiveScores(new float[] {0, 55, -10, 50, 1, 0}, 2))
                .containsExactly(55, 60, -1);
    }

    /** Training accuracy decides on the engine's arrays: the same classes as the rule on plain outputs. */
    @Test
    void theBatchFormDecidesLikeThePlainOne() {
        float[][] outputs = {{1, 3, 2, 5, 5, 0, -1, -2, -3}, {-2, 0, 0.5f, 40}, {-0.1f, 0, 2, -7}};
        OutputHead[] heads = {OutputHead.SOFTMAX, OutputHead.SIGMOID, OutputHead.MARGIN};
        int[] widths = {3, 1, 1};
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            for (int h = 0; h < heads.length; h++) {
                float[] out = outputs[h];
                long[] classes = heads[h].classes(manager.create(out, new Shape(out.length / widths[h], widths[h])))
                        .toLongArray();
                int[] expected = heads[h].classes(out, widths[h]);
                assertThat(classes).as(heads[h].name()).hasSize(expected.length);
                for (int r = 0; r < expected.length; r++) {
                    assertThat(classes[r]).as(heads[h] + " row " + r).isEqualTo(expected[r]);
                }
            }
        }
    }
}
