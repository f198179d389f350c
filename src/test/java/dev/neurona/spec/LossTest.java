package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each loss against values computed by hand from its formula. */
class LossTest {

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NDArray column(float... values) {
        return manager.create(values, new Shape(values.length, 1));
    }

    @Test
    void mseIsTheMeanOfSquaredErrorsNotHalfOfIt() {
        // errors 1, 2, 3 → (1 + 4 + 9) / 3
        float mse = Loss.MSE.evaluate(column(1, 2, 3), column(0, 0, 0)).getFloat();
        assertThat(mse).isCloseTo(14f / 3f, within(1e-6f));
    }

    @Test
    void maeIsTheMeanOfAbsoluteErrors() {
        float mae = Loss.MAE.evaluate(column(1, -2, 3), column(0, 0, 0)).getFloat();
        assertThat(mae).isCloseTo(2f, within(1e-6f));
    }

    @Test
    void binaryCrossentropyFromLogitsMatchesTheProbabilityFormula() {
        float z1 = 0.5f;
        float z2 = -2f;
        double p1 = 1 / (1 + Math.exp(-z1));
        double p2 = 1 / (1 + Math.exp(-z2));
        // labels 1 and 0: −[log p1 + log(1 − p2)] / 2
        double expected = -(Math.log(p1) + Math.log(1 - p2)) / 2;
        float bce =
                Loss.BINARY_CROSSENTROPY.evaluate(column(z1, z2), column(1, 0)).getFloat();
        assertThat((double) bce).isCloseTo(expected, within(1e-6));
    }

    @Test
    void binaryCrossentropyStaysFiniteForExtremeLogits() {
        float bce = Loss.BINARY_CROSSENTROPY
                .evaluate(column(200f, -200f), column(1, 0))
                .getFloat();
        assertThat(bce).isFinite().isCloseTo(0f, within(1e-6f));
    }

    @Test
    void categoricalCrossentropyIsMinusLogSoftmaxOfTheTrueClass() {
        NDArray logits = manager.create(new float[] {1f, 2f, 3f, 0f, 0f, 0f}, new Shape(2, 3));
        NDArray oneHot = manager.create(new float[] {0f, 0f, 1f, 1f, 0f, 0f}, new Shape(2, 3));
        double first = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double second = -Math.log(1.0 / 3.0);
        float cce = Loss.CATEGORICAL_CROSSENTROPY.evaluate(logits, oneHot).getFloat();
        assertThat((double) cce).isCloseTo((first + second) / 2, within(1e-6));
    }

    @Test
    void huberIsQuadraticWithinDeltaAndLinearBeyond() {
        // errors 0.5 and 3 with δ = 1: ½·0.25 and 1·(3 − ½)
        float huber =
                Loss.HUBER.perRow(column(0.5f, 3f), column(0, 0), 1.0).mean().getFloat();
        assertThat((double) huber).isCloseTo((0.125 + 2.5) / 2, within(1e-6));
        // δ = 2: error 3 gives 2·(3 − 1) = 4; error 0.5 still ½·0.25
        float wide =
                Loss.HUBER.perRow(column(0.5f, -3f), column(0, 0), 2.0).mean().getFloat();
        assertThat((double) wide).isCloseTo((0.125 + 4) / 2, within(1e-6));
    }

    @Test
    void sparseCategoricalCrossentropyEqualsCategoricalOnTheSameRows() {
        NDArray logits = manager.create(new float[] {2f, 1f, 0.1f, 0.5f, 2.5f, -1f}, new Shape(2, 3));
        NDArray oneHot = manager.create(new float[] {1, 0, 0, 0, 0, 1}, new Shape(2, 3));
        NDArray indices = column(0, 2);
        double row0 = -Math.log(Math.exp(2) / (Math.exp(2) + Math.exp(1) + Math.exp(0.1)));
        double row1 = -Math.log(Math.exp(-1) / (Math.exp(0.5) + Math.exp(2.5) + Math.exp(-1)));
        assertThat((double) Loss.SPARSE_CATEGORICAL_CROSSENTROPY
                        .evaluate(logits, indices)
                        .getFloat())
                .isCloseTo((row0 + row1) / 2, within(1e-6));
        assertThat(Loss.CATEGORICAL_CROSSENTROPY.evaluate(logits, oneHot).getFloat())
                .isCloseTo(
                        Loss.SPARSE_CATEGORICAL_CROSSENTROPY
                                .evaluate(logits, indices)
                                .getFloat(),
                        within(1e-6f));
    }

    @Test
    void hingeUsesMinusOneAndOneForTheClassesAndIgnoresRowsBeyondTheMargin() {
        // labels 1, 0, 1 → t = +1, −1, +1; scores 0.3, 0.2, 2 → max(0, 1 − t·z) = 0.7, 1.2, 0
        float hinge =
                Loss.HINGE.evaluate(column(0.3f, 0.2f, 2f), column(1, 0, 1)).getFloat();
        assertThat((double) hinge).isCloseTo((0.7 + 1.2 + 0) / 3, within(1e-6));
    }

    @Test
    void classWeightsMultiplyEachRowsLossAndAverageOverTheRows() {
        // binary: rows with labels 1 and 0, weights {0: 1, 1: 3}: (3·l₁ + 1·l₀) / 2
        NDArray logits = column(0.5f, -2f);
        NDArray labels = column(1, 0);
        double l1 = Math.log(1 + Math.exp(-0.5));
        double l0 = Math.log(1 + Math.exp(-2));
        Objective weighted = new Objective(Loss.BINARY_CROSSENTROPY, 1.0, new float[] {1f, 3f});
        assertThat((double) weighted.evaluate(logits, labels).getFloat()).isCloseTo((3 * l1 + l0) / 2, within(1e-6));
        // categorical one-hot and sparse indices pick the same weights
        NDArray z = manager.create(new float[] {1f, 0f, 0f, 1f}, new Shape(2, 2));
        float[] w = {2f, 0.5f};
        double c0 = Math.log(1 + Math.exp(-1));
        double c1 = Math.log(1 + Math.exp(-1));
        double expected = (2 * c0 + 0.5 * c1) / 2;
        assertThat((double) new Objective(Loss.CATEGORICAL_CROSSENTROPY, 1.0, w)
                        .evaluate(z, manager.create(new float[] {1, 0, 0, 1}, new Shape(2, 2)))
                        .getFloat())
                .isCloseTo(expected, within(1e-6));
        assertThat((double) new Objective(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, 1.0, w)
                        .evaluate(z, column(0, 1))
                        .getFloat())
                .isCloseTo(expected, within(1e-6));
    }
}
