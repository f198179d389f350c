package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Empirical mean and variance of each initialiser on a large tensor against Keras' formulas. */
class KerasInitializerTest {

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager("PyTorch");
        manager.getEngine().setRandomSeed(1234);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void fansFollowDjlsOutInKernelLayout() {
        assertThat(KerasInitializer.fanIn(new Shape(300, 200))).isEqualTo(200);
        assertThat(KerasInitializer.fanOut(new Shape(300, 200))).isEqualTo(300);
        // conv kernel (out 32, in 16, 3×3): fan-in 16·9, fan-out 32·9
        assertThat(KerasInitializer.fanIn(new Shape(32, 16, 3, 3))).isEqualTo(144);
        assertThat(KerasInitializer.fanOut(new Shape(32, 16, 3, 3))).isEqualTo(288);
        assertThat(KerasInitializer.fanIn(new Shape(10))).isEqualTo(10);
    }

    /** Weight shape (out 400, in 600): fan-in 600, fan-out 400, fan-average 500. */
    @ParameterizedTest
    @CsvSource({
        "glorot_uniform, 0.002", // 1 / 500
        "glorot_normal, 0.002",
        "he_uniform, 0.0033333333", // 2 / 600
        "he_normal, 0.0033333333",
        "lecun_uniform, 0.0016666667", // 1 / 600
        "lecun_normal, 0.0016666667",
        "random_uniform, 0.00083333333", // (0.1)² / 12
        "random_normal, 0.0025"
    }) // 0.05²
    void varianceMatchesTheFormula(String name, double expectedVariance) {
        NDArray w = new KerasInitializer(name).initialize(manager, new Shape(400, 600), DataType.FLOAT32);
        float[] values = w.toFloatArray();
        double mean = 0;
        for (float v : values) {
            mean += v / values.length;
        }
        double variance = 0;
        for (float v : values) {
            variance += (v - mean) * (v - mean) / values.length;
        }
        assertThat(mean).isCloseTo(0, within(Math.sqrt(expectedVariance) * 0.02));
        assertThat(variance).isCloseTo(expectedVariance, within(expectedVariance * 0.03));
    }

    /**
     * Arguments change the distribution as Keras' classes say. A normal truncated at ±2σ keeps 95.45 % of the mass
     * and has variance σ²·(1 − 2·2·φ(2)/0.9545) = 0.7737·σ² (φ the standard normal density).
     */
    @Test
    void argumentsShapeTheDistribution() {
        double phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
        double kept = 0.954499736;
        double truncatedFactor = 1 - 2 * 2 * phi2 / kept;
        assertMoments(new InitializerSpec("truncated_normal", null, 0.5, 0.2, null, null), 0.5, 0.04 * truncatedFactor);
        assertMoments(new InitializerSpec("random_normal", null, -1.0, 0.3, null, null), -1.0, 0.09);
        // uniform on [a, b]: mean (a + b) / 2, variance (b − a)² / 12
        assertMoments(new InitializerSpec("random_uniform", null, null, null, 0.0, 0.6), 0.3, 0.36 / 12);
        float[] truncated = new KerasInitializer(new InitializerSpec("truncated_normal", null, 0.0, 1.0, null, null))
                .initialize(manager, new Shape(100, 100), DataType.FLOAT32)
                .toFloatArray();
        for (float v : truncated) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(2f);
        }
        assertThat(new KerasInitializer(new InitializerSpec("constant", 0.25, null, null, null, null))
                        .initialize(manager, new Shape(4, 3), DataType.FLOAT32)
                        .toFloatArray())
                .containsOnly(0.25f);
    }

    private static void assertMoments(InitializerSpec spec, double expectedMean, double expectedVariance) {
        float[] values = new KerasInitializer(spec)
                .initialize(manager, new Shape(400, 600), DataType.FLOAT32)
                .toFloatArray();
        double mean = 0;
        for (float v : values) {
            mean += v / values.length;
        }
        double variance = 0;
        for (float v : values) {
            variance += (v - mean) * (v - mean) / values.length;
        }
        assertThat(mean).as("mean of %s", spec).isCloseTo(expectedMean, within(Math.sqrt(expectedVariance) * 0.02));
        assertThat(variance).as("variance of %s", spec).isCloseTo(expectedVariance, within(expectedVariance * 0.03));
    }

    @Test
    void constantsAreConstant() {
        assertThat(new KerasInitializer("zeros")
                        .initialize(manager, new Shape(3, 2), DataType.FLOAT32)
                        .toFloatArray())
                .containsOnly(0f);
        assertThat(new KerasInitializer("ones")
                        .initialize(manager, new Shape(3, 2), DataType.FLOAT32)
                        .toFloatArray())
                .containsOnly(1f);
    }
}
