package dev.neurona.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @Test
    void theGlobalNormRunsOverEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // √(3² + 4² + 12²) = 13
            double norm = GradientClipping.globalNorm(
                    List.of(manager.create(new float[] {3, 4}), manager.create(new float[] {12})));
            assertThat(norm).isCloseTo(13.0, within(1e-6));
        }
    }

    @Test
    void clipNormRescalesAllGradientsByTheSameFactorWhenTheNormIsAboveTheLimit() {
        assertThat(GradientClipping.scaleFor(13, 6.5)).isEqualTo(0.5);
        assertThat(GradientClipping.scaleFor(5, 6.5)).isEqualTo(1.0);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            GradientClipping clipping = new GradientClipping(6.5, null);
            clipping.measured(13, 1);
            float[] clipped =
                    clipping.apply(manager.create(new float[] {3, 4}), 1).toFloatArray();
            assertThat(clipped[0]).isCloseTo(3 * 6.5f / 13, within(1e-6f));
            assertThat(clipped[1]).isCloseTo(4 * 6.5f / 13, within(1e-6f));

            clipping.measured(5, 2);
            NDArray small = manager.create(new float[] {3, 4});
            assertThat(clipping.apply(small, 2))
                    .as("below the limit: untouched")
                    .isSameAs(small);
            assertThatThrownBy(() -> clipping.apply(small, 3))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("beforeStep");
        }
    }

    @Test
    void clipValueClampsEachElement() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] clipped = new GradientClipping(null, 0.25)
                    .apply(manager.create(new float[] {0.1f, -0.2f, 0.3f, -7f}), 1)
                    .toFloatArray();
            assertThat(clipped).containsExactly(0.1f, -0.2f, 0.25f, -0.25f);
        }
    }
}
