package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reconstruction's loss against its formula, computed here in doubles from the same numbers: MSE is the mean over
 * every value of (x − x̂)², binary cross-entropy the mean of −[x·log x̂ + (1 − x)·log(1 − x̂)] with x̂ clipped to
 * [10⁻⁷, 1 − 10⁻⁷]; each row's score is the same mean over that row's values, whatever the image's shape.
 */
class ReconstructionLossTest {

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static float[] values(int n, Random random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat();
        }
        return v;
    }

    @Test
    void mseOfImagesIsTheMeanOverEveryValueAndPerRowOverTheRowsValues() {
        Random random = new Random(3);
        Shape shape = new Shape(3, 1, 4, 5);
        float[] x = values(60, random);
        float[] xHat = values(60, random);
        Objective objective = new Objective(Loss.MSE, 1.0, null);
        try (NDManager sub = manager.newSubManager()) {
            NDArray out = sub.create(xHat, shape);
            NDArray target = sub.create(x, shape);
            double total = 0;
            double[] rows = new double[3];
            for (int i = 0; i < 60; i++) {
                double e = (double) x[i] - xHat[i];
                total += e * e;
                rows[i / 20] += e * e / 20;
            }
            assertThat(objective.evaluate(out, target).getFloat()).isCloseTo((float) (total / 60), within(1e-6f));
            float[] perRow = objective.perRow(out, target).toFloatArray();
            assertThat(perRow).hasSize(3);
            for (int r = 0; r < 3; r++) {
                assertThat((double) perRow[r]).isCloseTo(rows[r], within(1e-6));
            }
        }
    }

    @Test
    void binaryCrossentropyOfProbabilitiesFollowsItsFormulaWithKerasClipping() {
        // targets anywhere in [0, 1] (grey pixels), outputs including exact 0 and 1, which the clipping keeps finite
        float[] x = {0f, 1f, 0.25f, 0.8f, 1f, 0f};
        float[] xHat = {0.1f, 0.9f, 0.3f, 0.5f, 0f, 1f};
        // the clip bounds as float32 holds them: 1 − 10⁻⁷ rounds to 1 − 1.19·10⁻⁷, as in Keras' float32 clip
        float low = 1e-7f;
        float high = 1f - 1e-7f;
        double[] rows = new double[2];
        for (int i = 0; i < 6; i++) {
            double p = Math.min(Math.max(xHat[i], low), high);
            rows[i / 3] += -(x[i] * Math.log(p) + (1 - x[i]) * Math.log(1 - p)) / 3;
        }
        Objective objective = new Objective(Loss.BINARY_CROSSENTROPY_OF_PROBABILITIES, 1.0, null);
        try (NDManager sub = manager.newSubManager()) {
            NDArray out = sub.create(xHat, new Shape(2, 3));
            NDArray target = sub.create(x, new Shape(2, 3));
            float[] perRow = objective.perRow(out, target).toFloatArray();
            assertThat((double) perRow[0]).isCloseTo(rows[0], within(1e-5 * rows[0]));
            assertThat((double) perRow[1]).isCloseTo(rows[1], within(1e-5 * rows[1]));
            assertThat((double) objective.evaluate(out, target).getFloat())
                    .isCloseTo((rows[0] + rows[1]) / 2, within(1e-5 * rows[1]));
        }
    }

    @Test
    void aPerfectReconstructionHasZeroMseAndTheEntropyOfTheTargetsAsCrossEntropy() {
        float[] x = {0.5f, 0.5f};
        try (NDManager sub = manager.newSubManager()) {
            NDArray a = sub.create(x, new Shape(1, 2));
            assertThat(new Objective(Loss.MSE, 1.0, null).evaluate(a, a).getFloat())
                    .isEqualTo(0f);
            // H(0.5) = ln 2: cross-entropy never reaches 0 for grey targets, which is why scores are compared, not
            // zeroed
            assertThat(new Objective(Loss.BINARY_CROSSENTROPY_OF_PROBABILITIES, 1.0, null)
                            .evaluate(a, a)
                            .getFloat())
                    .isCloseTo((float) Math.log(2), within(1e-6f));
        }
    }
}
