package dev.neurona.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {

    /**
     * The truth that training accuracy is counted against. Class indices of sparse categorical cross-entropy were
     * once read like 0/1 labels (above 0.5 or not), so a row of class 2 counted as class 1.
     */
    @Test
    void theTrueClassOfEveryKindOfLabel() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            long[] sparse = TrainingLoop.labelClasses(manager.create(new float[] {0, 2, 1, 4}, new Shape(4, 1)))
                    .toLongArray();
            long[] binary = TrainingLoop.labelClasses(manager.create(new float[] {1, 0, 1}, new Shape(3, 1)))
                    .toLongArray();
            long[] oneHot = TrainingLoop.labelClasses(
                            manager.create(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, new Shape(3, 3)))
                    .toLongArray();

            assertThat(sparse).containsExactly(0, 2, 1, 4);
            assertThat(binary).containsExactly(1, 0, 1);
            assertThat(oneHot).containsExactly(2, 0, 1);
        }
    }
}
