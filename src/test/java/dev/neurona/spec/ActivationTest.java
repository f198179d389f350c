package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every activation on the engine against its formula, computed here in doubles. */
class ActivationTest {

    private static final double[] X = {-3, -1, -0.5, 0, 0.25, 1, 2.5};
    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static void check(String name, Double alpha, DoubleUnaryOperator formula, double tolerance) {
        float[] in = new float[X.length];
        for (int i = 0; i < X.length; i++) {
            in[i] = (float) X[i];
        }
        NDArray x = manager.create(in, new Shape(1, X.length));
        float[] out = NetworkBuilder.function(name, alpha).apply(x).toFloatArray();
        for (int i = 0; i < X.length; i++) {
            assertThat((double) out[i])
                    .as("%s(%s)", name, X[i])
                    .isCloseTo(formula.applyAsDouble(X[i]), within(tolerance));
        }
    }

    @Test
    void eachActivationMatchesItsFormula() {
        check("linear", null, x -> x, 1e-7);
        check("relu", null, x -> Math.max(0, x), 1e-7);
        check("sigmoid", null, ActivationTest::sigmoid, 1e-6);
        check("tanh", null, Math::tanh, 1e-6);
        check("leaky_relu", null, x -> x > 0 ? x : 0.2 * x, 1e-6);
        check("leaky_relu", 0.01, x -> x > 0 ? x : 0.01 * x, 1e-6);
        check("elu", null, x -> x > 0 ? x : Math.exp(x) - 1, 1e-6);
        check("elu", 0.5, x -> x > 0 ? x : 0.5 * (Math.exp(x) - 1), 1e-6);
        // SELU's constants from Klambauer et al. (2017)
        double lambda = 1.0507009873554805;
        double a = 1.6732632423543772;
        check("selu", null, x -> lambda * (x > 0 ? x : a * (Math.exp(x) - 1)), 1e-5);
        // exact GELU, x·Φ(x), with Φ from erf
        check("gelu", null, x -> 0.5 * x * (1 + erf(x / Math.sqrt(2))), 1e-4);
        check("softplus", null, x -> Math.log(1 + Math.exp(x)), 1e-6);
        check("swish", null, x -> x * sigmoid(x), 1e-6);
        check("step", null, x -> x >= 0 ? 1 : 0, 0);
        check("sign", null, Math::signum, 0);
    }

    @Test
    void softmaxIsNormalisedExponentials() {
        NDArray x = manager.create(new float[] {1f, 2f, 3f}, new Shape(1, 3));
        float[] out = NetworkBuilder.function("softmax").apply(x).toFloatArray();
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat((double) out[0]).isCloseTo(Math.exp(1) / sum, within(1e-6));
        assertThat((double) out[2]).isCloseTo(Math.exp(3) / sum, within(1e-6));
    }

    /** Abramowitz–Stegun 7.1.26 is only 1.5e-7 accurate; a series is exact enough at these points. */
    private static double erf(double z) {
        double sum = 0;
        double term = z;
        for (int n = 0; n < 60; n++) {
            sum += term / (2 * n + 1);
            term *= -z * z / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
