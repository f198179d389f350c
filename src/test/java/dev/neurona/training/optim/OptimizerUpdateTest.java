package dev.neurona.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's update on a tiny tensor against the course's formulas, worked out here in double precision
 * element by element. The optimizers compute in float32, hence the tolerance of 1e-6.
 */
class OptimizerUpdateTest {

    private static final double[] W = {1.0, -2.0, 0.5};
    private static final double[] G1 = {0.1, -0.2, 0.3};
    private static final double[] G2 = {-0.05, 0.4, 0.2};
    private static final double TOLERANCE = 1e-6;

    private NDManager manager;

    @BeforeEach
    void manager() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void plainSgdStepsAgainstTheGradient() {
        double lr = 0.1;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = W[i] - lr * G1[i];
        }
        assertClose(run(new SgdOptimizer(constant(lr), GradientClipping.none(), 0, false), G1), expected);
    }

    @Test
    void momentumKeepsAVelocityInKerasConvention() {
        double lr = 0.1;
        double mu = 0.9;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = -lr * G1[i];
            double w = W[i] + v;
            v = mu * v - lr * G2[i];
            expected[i] = w + v;
        }
        assertClose(run(new SgdOptimizer(constant(lr), GradientClipping.none(), mu, false), G1, G2), expected);
    }

    @Test
    void nesterovStepsAlongTheNewVelocityThenTheGradient() {
        double lr = 0.1;
        double mu = 0.9;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = -lr * G1[i];
            double w = W[i] + mu * v - lr * G1[i];
            v = mu * v - lr * G2[i];
            expected[i] = w + mu * v - lr * G2[i];
        }
        double[] nesterov = run(new SgdOptimizer(constant(lr), GradientClipping.none(), mu, true), G1, G2);
        assertClose(nesterov, expected);
        double[] heavyBall = run(new SgdOptimizer(constant(lr), GradientClipping.none(), mu, false), G1, G2);
        assertThat(Math.abs(nesterov[1] - heavyBall[1]))
                .as("Nesterov differs from plain momentum")
                .isGreaterThan(1e-3);
    }

    @Test
    void rmsPropDividesByTheRootMeanSquare() {
        double lr = 0.01;
        double rho = 0.9;
        double eps = 1e-7;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = (1 - rho) * G1[i] * G1[i];
            double w = W[i] - lr * G1[i] / (Math.sqrt(s) + eps);
            s = rho * s + (1 - rho) * G2[i] * G2[i];
            expected[i] = w - lr * G2[i] / (Math.sqrt(s) + eps);
        }
        assertClose(
                run(new RmsPropOptimizer(constant(lr), GradientClipping.none(), rho, 0, eps, false), G1, G2), expected);
    }

    @Test
    void centeredRmsPropWithMomentumFollowsKeras() {
        double lr = 0.01;
        double rho = 0.8;
        double mu = 0.5;
        double eps = 1e-7;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = 0;
            double mean = 0;
            double buffer = 0;
            double w = W[i];
            for (double g : new double[] {G1[i], G2[i]}) {
                s = rho * s + (1 - rho) * g * g;
                mean = rho * mean + (1 - rho) * g;
                buffer = mu * buffer + lr * g / (Math.sqrt(s - mean * mean) + eps);
                w -= buffer;
            }
            expected[i] = w;
        }
        assertClose(
                run(new RmsPropOptimizer(constant(lr), GradientClipping.none(), rho, mu, eps, true), G1, G2), expected);
    }

    @Test
    void adamCorrectsTheBiasOfItsMomentsOverTwoSteps() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-7;
        double[] expected = adam(lr, b1, b2, eps, 0);
        assertClose(run(new AdamOptimizer(constant(lr), GradientClipping.none(), b1, b2, eps, 0), G1, G2), expected);
        // with bias correction, the first step moves every weight by about η against its gradient's sign
        double[] first = run(new AdamOptimizer(constant(lr), GradientClipping.none(), b1, b2, eps, 0), G1);
        for (int i = 0; i < 3; i++) {
            assertThat(first[i]).isCloseTo(W[i] - lr * Math.signum(G1[i]), within(1e-5));
        }
    }

    @Test
    void adamWDecaysTheWeightsApartFromTheGradient() {
        double lr = 0.01;
        double wd = 0.1;
        double[] expected = adam(lr, 0.9, 0.999, 1e-7, wd);
        double[] adamW = run(new AdamOptimizer(constant(lr), GradientClipping.none(), 0.9, 0.999, 1e-7, wd), G1, G2);
        assertClose(adamW, expected);
        double[] adam = run(new AdamOptimizer(constant(lr), GradientClipping.none(), 0.9, 0.999, 1e-7, 0), G1, G2);
        assertThat(adamW[1] - adam[1]).as("the decay pulls -2 towards 0").isGreaterThan(3e-3);
    }

    @Test
    void adagradAccumulatesSquaredGradientsFromItsStartingValue() {
        double lr = 0.1;
        double start = 0.1;
        double eps = 1e-7;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double a = start + G1[i] * G1[i];
            double w = W[i] - lr * G1[i] / (Math.sqrt(a) + eps);
            a += G2[i] * G2[i];
            expected[i] = w - lr * G2[i] / (Math.sqrt(a) + eps);
        }
        assertClose(run(new AdagradOptimizer(constant(lr), GradientClipping.none(), start, eps), G1, G2), expected);
    }

    @Test
    void theScheduledLearningRateOfEachUpdateIsUsed() {
        // halves after every update: the second step is taken with η/2
        LearningRateSchedule halving = s -> 0.1 * Math.pow(0.5, s);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = W[i] - 0.1 * G1[i] - 0.05 * G2[i];
        }
        assertClose(run(new SgdOptimizer(halving, GradientClipping.none(), 0, false), G1, G2), expected);
    }

    @Test
    void clipValueClampsTheGradientTheUpdateSees() {
        double lr = 1.0;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = W[i] - lr * Math.max(-0.15, Math.min(0.15, G1[i]));
        }
        assertClose(run(new SgdOptimizer(constant(lr), new GradientClipping(null, 0.15), 0, false), G1), expected);
    }

    /** Adam or AdamW over G1, G2, in the paper's form with explicit m̂ and v̂. */
    private static double[] adam(double lr, double b1, double b2, double eps, double weightDecay) {
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double m = 0;
            double v = 0;
            double w = W[i];
            double[] grads = {G1[i], G2[i]};
            for (int t = 1; t <= 2; t++) {
                double g = grads[t - 1];
                w -= lr * weightDecay * w;
                m = b1 * m + (1 - b1) * g;
                v = b2 * v + (1 - b2) * g * g;
                double mHat = m / (1 - Math.pow(b1, t));
                double vHat = v / (1 - Math.pow(b2, t));
                w -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            expected[i] = w;
        }
        return expected;
    }

    private double[] run(JavaOptimizer optimizer, double[]... gradients) {
        NDArray weight = manager.create(floats(W));
        for (double[] g : gradients) {
            try (NDArray gradient = manager.create(floats(g))) {
                optimizer.update("w", weight, gradient);
            }
        }
        float[] result = weight.toFloatArray();
        double[] out = new double[result.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = result[i];
        }
        return out;
    }

    private static LearningRateSchedule constant(double lr) {
        return s -> lr;
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(TOLERANCE));
        }
    }
}
