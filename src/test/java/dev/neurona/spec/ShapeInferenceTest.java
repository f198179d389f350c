package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeInferenceTest {

    @Test
    void countsDenseParametersAsInputsTimesUnitsPlusBiases() {
        ModelSpec spec = SpecValidator.resolve(
                new ModelSpec(
                        List.of(
                                new LayerSpec.Dense(256, "relu", null, null, null, null),
                                new LayerSpec.Dropout(0.2),
                                new LayerSpec.Dense(128, "relu", null, null, null, null),
                                new LayerSpec.Activation("tanh"),
                                new LayerSpec.Dense(10, "softmax", null, null, null, null)),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        1L),
                new DataShape(
                        784, Task.CLASSIFICATION, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 60_000));

        List<LayerRow> rows = ShapeInference.table(spec, List.of(784));

        // the classic 784-256-128-10 MLP: 200,960 + 32,896 + 1,290 = 235,146 parameters
        assertThat(rows).extracting(LayerRow::parameters).containsExactly(200_960L, 0L, 32_896L, 0L, 1_290L);
        assertThat(rows)
                .extracting(LayerRow::outputShape)
                .containsExactly(
                        List.of(-1, 256), List.of(-1, 256), List.of(-1, 128), List.of(-1, 128), List.of(-1, 10));
        assertThat(rows.stream().mapToLong(LayerRow::parameters).sum()).isEqualTo(235_146L);
    }
}
