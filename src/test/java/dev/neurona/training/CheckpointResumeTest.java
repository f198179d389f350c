package dev.neurona.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import dev.neurona.dataset.Task;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.spec.SpecValidator;
import dev.neurona.training.optim.Optimization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A training interrupted after an epoch and resumed from its checkpoint (through the stored bytes, in a new model,
 * as after a restart) ends with exactly the parameters and history of the training that was never interrupted:
 * parameters, optimizer moments, early-stopping state and every epoch's randomness (shuffle, dropout) carry over.
 */
class CheckpointResumeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROWS = 240;
    private static final int FEATURES = 5;

    private final TrainingLoop.TableData data = data();

    @Test
    void resumingFromACheckpointGivesBitIdenticalParametersForEveryOptimizer() {
        for (String optimizer : List.of(
                "{\"type\": \"adam\", \"learningRate\": 0.01}",
                "{\"type\": \"sgd\", \"learningRate\": 0.05, \"momentum\": 0.9, \"nesterov\": true}",
                "{\"type\": \"rmsprop\", \"learningRate\": 0.005, \"schedule\": {\"type\": \"cosine\"}}")) {
            ModelSpec spec = spec(optimizer, "null");
            Run straight = train(spec, null);
            Checkpoint third = roundTrip(straight.checkpoints.get(2));
            assertThat(third.epoch()).isEqualTo(3);
            Run resumed = train(spec, third);
            assertThat(resumed.parameters).as(optimizer).containsOnlyKeys(straight.parameters.keySet());
            straight.parameters.forEach((name, values) -> assertThat(resumed.parameters.get(name))
                    .as("%s: %s", optimizer, name)
                    .containsExactly(values));
            assertThat(resumed.history).extracting(EpochRecord::epoch).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(resumed.history.subList(3, 6))
                    .extracting(EpochRecord::loss)
                    .containsExactlyElementsOf(straight.history.subList(3, 6).stream()
                            .map(EpochRecord::loss)
                            .toList());
            assertThat(resumed.checkpoints).extracting(Checkpoint::epoch).containsExactly(4, 5);
        }
    }

    @Test
    void aGraphResumesToTheSameBitsAsAStack() {
        // a residual block, a branch straight from the input and dropout: every kind of wiring and randomness
        ModelSpec spec = SpecValidator.resolve(
                JSON.readValue(
                        """
                {"layers": [{"type": "dense", "units": 16, "activation": "relu", "name": "h1"},
                            {"type": "dropout", "rate": 0.3, "name": "drop"},
                            {"type": "dense", "units": 16, "activation": "relu", "name": "h2"},
                            {"type": "add", "inputs": ["h1", "h2"], "name": "sum"},
                            {"type": "dense", "units": 4, "activation": "tanh", "name": "wide", "inputs": ["input"]},
                            {"type": "concatenate", "inputs": ["sum", "wide"], "name": "both"},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "loss": "categorical_crossentropy", "optimizer": {"type": "adam", "learningRate": 0.01},
                 "epochs": 6, "batchSize": 32, "validationSplit": 0, "testSplit": 0, "seed": 11}""",
                        ModelSpec.class),
                shape());
        Run straight = train(spec, null);
        Run resumed = train(spec, roundTrip(straight.checkpoints.get(2)));

        assertThat(straight.parameters).hasSize(8);
        assertThat(resumed.parameters).containsOnlyKeys(straight.parameters.keySet());
        straight.parameters.forEach((name, values) ->
                assertThat(resumed.parameters.get(name)).as(name).containsExactly(values));
        assertThat(resumed.history.subList(3, 6))
                .extracting(EpochRecord::loss)
                .containsExactlyElementsOf(straight.history.subList(3, 6).stream()
                        .map(EpochRecord::loss)
                        .toList());
        assertThat(straight.history.get(5).loss())
                .as("it learns")
                .isLessThan(straight.history.get(0).loss());
    }

    @Test
    void earlyStoppingStateAndBestWeightsSurviveTheRestart() {
        ModelSpec spec = spec(
                "{\"type\": \"adam\", \"learningRate\": 0.3}",
                "{\"monitor\": \"loss\", \"patience\": 2, \"minDelta\": 0.5, \"restoreBestWeights\": true}");
        Run straight = train(spec, null);
        assertThat(straight.history)
                .as("stops early: a big minDelta is never reached")
                .hasSizeLessThan(6);
        Run resumed = train(spec, roundTrip(straight.checkpoints.get(0)));
        assertThat(resumed.history).hasSameSizeAs(straight.history);
        straight.parameters.forEach((name, values) ->
                assertThat(resumed.parameters.get(name)).as(name).containsExactly(values));
    }

    @Test
    void aDifferentNetworkRefusesTheCheckpoint() {
        Checkpoint checkpoint =
                train(spec("{\"type\": \"adam\"}", "null"), null).checkpoints.get(0);
        ModelSpec wider = SpecValidator.resolve(
                JSON.readValue(
                        """
                {"layers": [{"type": "dense", "units": 9, "activation": "relu"},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "loss": "categorical_crossentropy", "epochs": 6, "batchSize": 32, "validationSplit": 0,
                 "testSplit": 0, "seed": 11}""",
                        ModelSpec.class),
                shape());
        try {
            train(wider, checkpoint);
            throw new AssertionError("a 9-unit layer cannot take a 16-unit checkpoint");
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("does not fit this network");
        }
    }

    private record Run(Map<String, float[]> parameters, List<EpochRecord> history, List<Checkpoint> checkpoints) {}

    /** Trains the spec, from scratch or from a checkpoint, collecting the checkpoints the loop hands out. */
    private Run train(ModelSpec spec, Checkpoint resume) {
        Engine.getInstance().setRandomSeed(spec.seed().intValue());
        Network network = NetworkBuilder.build(spec);
        Optimization optimization = Optimization.of(spec.optimizer(), 8, 48);
        TrainingLoop loop = new TrainingLoop(spec, network, 3, 1.0, optimization);
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (Model model = Model.newInstance("resume-test", "PyTorch")) {
            model.setBlock(network.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(new DjlLossAdapter(network.objective()))
                    .optOptimizer(optimization.optimizer());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, FEATURES));
                List<EpochRecord> history = loop.fit(
                        trainer,
                        data,
                        empty(),
                        new TrainingListener() {
                            @Override
                            public void batch(int epoch, int batch, int totalBatches) {}

                            @Override
                            public void epoch(EpochRecord record, List<EpochRecord> h) {}

                            @Override
                            public void checkpoint(Checkpoint checkpoint) {
                                checkpoints.add(checkpoint);
                            }

                            @Override
                            public boolean cancelled() {
                                return false;
                            }
                        },
                        resume);
                Map<String, float[]> parameters = new LinkedHashMap<>();
                for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                    parameters.put(p.getKey(), p.getValue().getArray().toFloatArray());
                }
                return new Run(parameters, history, checkpoints);
            }
        }
    }

    private static Checkpoint roundTrip(Checkpoint checkpoint) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            checkpoint.write(bytes, JSON);
            return Checkpoint.read(new ByteArrayInputStream(bytes.toByteArray()), JSON);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ModelSpec spec(String optimizer, String earlyStopping) {
        return SpecValidator.resolve(
                JSON.readValue(
                        """
                {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
                            {"type": "dropout", "rate": 0.3},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "loss": "categorical_crossentropy", "optimizer": %s, "epochs": 6, "batchSize": 32,
                 "validationSplit": 0, "testSplit": 0, "seed": 11, "earlyStopping": %s}"""
                                .formatted(optimizer, earlyStopping),
                        ModelSpec.class),
                shape());
    }

    private static DataShape shape() {
        return new DataShape(FEATURES, Task.CLASSIFICATION, List.of("a", "b", "c"), ROWS);
    }

    /** Three Gaussian blobs. */
    private static TrainingLoop.TableData data() {
        Random random = new Random(3);
        float[] x = new float[ROWS * FEATURES];
        float[] y = new float[ROWS];
        for (int r = 0; r < ROWS; r++) {
            y[r] = r % 3;
            for (int f = 0; f < FEATURES; f++) {
                x[r * FEATURES + f] = (float) (random.nextGaussian() + (f % 3 == r % 3 ? 1.5 : 0));
            }
        }
        return new TrainingLoop.TableData(x, y, ROWS, FEATURES);
    }

    private static TrainingLoop.TableData empty() {
        return new TrainingLoop.TableData(new float[0], new float[0], 0, FEATURES);
    }
}
