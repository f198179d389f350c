package dev.neurona.spec.keras;

import dev.neurona.dataset.Task;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.OptimizerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code compile_config} Keras writes beside a compiled model: the optimizer with its hyperparameters, the loss
 * and the metrics, so {@code model_from_json} returns a model ready for {@code fit}. A learning-rate schedule is not
 * written: Keras' schedules count steps, Neurona's may count epochs, so the optimizer gets the starting rate.
 */
final class KerasExportCompile {

    private static final String REDUCTION = "sum_over_batch_size";

    private KerasExportCompile() {}

    static Map<String, Object> config(ModelSpec resolved, Task task) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("optimizer", optimizer(resolved.optimizer()));
        config.put("loss", loss(resolved));
        config.put("loss_weights", null);
        // what Neurona reports and early stopping may monitor: accuracy for classes, mean absolute error otherwise
        config.put("metrics", List.of(task == Task.CLASSIFICATION ? "accuracy" : "mae"));
        config.put("weighted_metrics", null);
        config.put("run_eagerly", false);
        config.put("steps_per_execution", 1);
        config.put("jit_compile", false);
        return config;
    }

    /** The loss by name, or as an object when it has an argument the name cannot carry. */
    static Object loss(ModelSpec resolved) {
        String loss = resolved.loss();
        ModelSpec.LossOptions options = resolved.lossOptions();
        boolean fromLogits = options != null && Boolean.TRUE.equals(options.fromLogits());
        Double delta = options == null ? null : options.delta();
        Map<String, Object> config = new LinkedHashMap<>();
        String className;
        switch (loss) {
            case "categorical_crossentropy", "binary_crossentropy" -> {
                if (!fromLogits) {
                    return loss;
                }
                className = loss.startsWith("binary") ? "BinaryCrossentropy" : "CategoricalCrossentropy";
                config.put("name", loss);
                config.put("reduction", REDUCTION);
                config.put("from_logits", true);
                config.put("label_smoothing", 0.0);
                config.put("axis", -1);
            }
            case "sparse_categorical_crossentropy" -> {
                if (!fromLogits) {
                    return loss;
                }
                className = "SparseCategoricalCrossentropy";
                config.put("name", loss);
                config.put("reduction", REDUCTION);
                config.put("from_logits", true);
                config.put("ignore_class", null);
            }
            case "huber" -> {
                if (delta == null || delta == 1.0) {
                    return loss;
                }
                className = "Huber";
                config.put("name", "huber_loss");
                config.put("reduction", REDUCTION);
                config.put("delta", delta);
            }
            default -> {
                return loss;
            }
        }
        return KerasExportLayers.object("keras.losses", className, config);
    }

    /** Keras' optimizer of the same update rule; clipNorm is Keras' global_clipnorm, clipValue its clipvalue. */
    static Map<String, Object> optimizer(OptimizerSpec optimizer) {
        Map<String, Object> config = new LinkedHashMap<>();
        String className;
        Map<String, Object> own = new LinkedHashMap<>();
        Double weightDecay = null;
        if (optimizer instanceof OptimizerSpec.Sgd s) {
            className = "SGD";
            own.put("momentum", s.momentum());
            own.put("nesterov", Boolean.TRUE.equals(s.nesterov()));
        } else if (optimizer instanceof OptimizerSpec.RmsProp r) {
            className = "RMSprop";
            own.put("rho", r.rho());
            own.put("momentum", r.momentum());
            own.put("epsilon", r.epsilon());
            own.put("centered", Boolean.TRUE.equals(r.centered()));
        } else if (optimizer instanceof OptimizerSpec.Adam a) {
            className = "Adam";
            adam(own, a.beta1(), a.beta2(), a.epsilon());
        } else if (optimizer instanceof OptimizerSpec.AdamW a) {
            className = "AdamW";
            weightDecay = a.weightDecay();
            adam(own, a.beta1(), a.beta2(), a.epsilon());
        } else {
            OptimizerSpec.Adagrad a = (OptimizerSpec.Adagrad) optimizer;
            className = "Adagrad";
            own.put("initial_accumulator_value", a.initialAccumulatorValue());
            own.put("epsilon", a.epsilon());
        }
        // Keras' default names: SGD keeps its class name, the others are lower case
        config.put("name", className.equals("SGD") ? "SGD" : className.toLowerCase(java.util.Locale.ROOT));
        config.put("learning_rate", optimizer.learningRate());
        config.put("weight_decay", weightDecay);
        config.put("clipnorm", null);
        config.put("global_clipnorm", optimizer.clipNorm());
        config.put("clipvalue", optimizer.clipValue());
        config.put("use_ema", false);
        config.put("ema_momentum", 0.99);
        config.put("ema_overwrite_frequency", null);
        config.put("loss_scale_factor", null);
        config.put("gradient_accumulation_steps", null);
        config.putAll(own);
        return KerasExportLayers.object("keras.optimizers", className, config);
    }

    private static void adam(Map<String, Object> own, Double beta1, Double beta2, Double epsilon) {
        own.put("beta_1", beta1);
        own.put("beta_2", beta2);
        own.put("epsilon", epsilon);
        own.put("amsgrad", false);
    }
}
