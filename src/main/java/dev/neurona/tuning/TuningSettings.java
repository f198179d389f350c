package dev.neurona.tuning;

import dev.neurona.spec.ModelSpec;
import dev.neurona.tuning.search.Dimension;
import java.util.List;
import java.util.UUID;

/**
 * A validated tuning request with every default filled in, as stored with the run: everything the coordinator needs
 * to continue it after a restart.
 *
 * @param spec the base spec, resolved (every default filled in), before any dimension is applied
 */
public record TuningSettings(
        UUID datasetId,
        ModelSpec spec,
        List<Dimension> dimensions,
        String strategy,
        String metric,
        boolean maximize,
        int maxTrials,
        int maxEpochs,
        int eta,
        long seed,
        int parallelTrials,
        String earlyStopping) {

    /** The epoch metric of a record, or null when the record lacks it. */
    Double value(dev.neurona.training.EpochRecord r) {
        return switch (metric) {
            case "val_accuracy" -> r.valAccuracy();
            case "val_loss" -> r.valLoss();
            case "val_mae" -> r.valMae();
            case "accuracy" -> r.accuracy();
            case "loss" -> r.loss();
            case "mae" -> r.mae();
            default -> throw new IllegalStateException("validated metric " + metric);
        };
    }

    /** The metric oriented so that higher is better. */
    Double oriented(dev.neurona.training.EpochRecord r) {
        Double v = value(r);
        return v == null || !Double.isFinite(v) ? null : maximize ? v : -v;
    }

    /** A trial's objective: its best epoch (oriented), or null without any epoch that recorded the metric. */
    Double objective(List<dev.neurona.training.EpochRecord> history) {
        Double best = null;
        for (var r : history) {
            Double v = oriented(r);
            if (v != null && (best == null || v > best)) {
                best = v;
            }
        }
        return best;
    }
}
