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
        float bce = Loss.BINARY_CROSSENTROPY.evaluate(column(z1, z2), column(1, 0)).getFloat();
        assertThat((double) bce).isCloseTo(expected, within(1e-6));
    }

    @Test
    void binaryCrossentropyStaysFiniteForExtremeLogits() {
        float bce = Loss.BINARY_CROSSENTROPY.evaluate(column(200f, -200f), column(1, 0)).getFloat();
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
}
