package dev.neurona.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Backpropagation through the engine, on the course's worked example. */
class AutogradTest {

    @Test
    void theCoursesExampleHasTheGradientsComputedByHand() {
        // f(x, y) = (x/y + 5)² + x at (6, 2): ∂f/∂x = 2(x/y + 5)/y + 1 = 9, ∂f/∂y = −2(x/y + 5)·x/y² = −24
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.create(6f);
            NDArray y = manager.create(2f);
            x.setRequiresGradient(true);
            y.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray f = x.div(y).add(5f).square().add(x);
                assertThat(f.getFloat()).isEqualTo(70f);
                collector.backward(f);
            }
            assertThat(x.getGradient().getFloat()).isCloseTo(9f, within(1e-6f));
            assertThat(y.getGradient().getFloat()).isCloseTo(-24f, within(1e-6f));
        }
    }
}
