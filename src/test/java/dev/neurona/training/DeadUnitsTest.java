package dev.neurona.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import dev.neurona.dataset.Task;
import dev.neurona.model.Finding;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.spec.SpecValidator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Dead ReLUs are looked for along the network's wiring, so a graph's branches get the values they take. */
class DeadUnitsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROWS = 64;
    private static final int FEATURES = 5;

    @Test
    void aBranchFromTheInputIsWalkedFromTheInputAndADeadLayerIsNamed() {
        // "wide" takes the input (5 values), not dead's 7 units: a walk child after child would hand it the wrong width
        List<Finding> findings = find(
                """
                {"layers": [{"type": "dense", "units": 6, "activation": "relu", "name": "alive"},
                            {"type": "dense", "units": 7, "activation": "relu", "name": "dead",
                             "biasInitializer": {"type": "constant", "value": -50}},
                            {"type": "dense", "units": 3, "activation": "relu", "name": "wide", "inputs": ["input"],
                             "biasInitializer": {"type": "constant", "value": 50}},
                            {"type": "concatenate", "inputs": ["dead", "wide"]},
                            {"type": "dense", "units": 2, "activation": "softmax"}]}""");

        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).message()).startsWith("7 of 7 ReLU units of layer 1 (dead) output 0 for all 64");
        assertThat(findings.get(0).value()).isEqualTo(1.0);
    }

    @Test
    void aStackIsStillNamedByItsIndex() {
        List<Finding> findings = find(
                """
                {"layers": [{"type": "dense", "units": 4, "activation": "relu",
                             "biasInitializer": {"type": "constant", "value": -50}},
                            {"type": "dense", "units": 2, "activation": "softmax"}]}""");

        assertThat(findings)
                .extracting(Finding::message)
                .singleElement()
                .asString()
                .startsWith("4 of 4 ReLU units of layer 0 output");
    }

    private static List<Finding> find(String json) {
        ModelSpec spec = SpecValidator.resolve(
                JSON.readValue(json, ModelSpec.class),
                new DataShape(FEATURES, Task.CLASSIFICATION, List.of("a", "b"), ROWS));
        Engine.getInstance().setRandomSeed(1);
        Network network = NetworkBuilder.build(spec);
        Random random = new Random(2);
        float[] x = new float[ROWS * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        try (Model model = Model.newInstance("dead-units-test", "PyTorch")) {
            model.setBlock(network.block());
            try (Trainer trainer =
                    model.newTrainer(new DefaultTrainingConfig(new DjlLossAdapter(network.objective())))) {
                trainer.initialize(new Shape(1, FEATURES));
                return DeadUnits.find(
                        trainer, network, spec, new TrainingLoop.TableData(x, new float[ROWS], ROWS, FEATURES));
            }
        }
    }
}
