package dev.neurona.training;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.neurona.model.Finding;
import dev.neurona.spec.ModelSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' EarlyStopping: an epoch improves when the monitored value beats the best so far by more than
 * {@code minDelta} (down for losses and MAE, up for accuracy); after {@code patience} epochs without improvement
 * training stops, and with {@code restoreBestWeights} the best epoch's parameters are put back. The best
 * parameters are kept as JVM arrays: one copy of the network, no native memory held between epochs.
 */
final class EarlyStopper {

    private final ModelSpec.EarlyStopping settings;
    private final boolean higherIsBetter;
    private double best;
    private int bestEpoch;
    private int wait;
    private int stoppedAt;
    private Map<String, float[]> bestParameters;

    EarlyStopper(ModelSpec.EarlyStopping settings) {
        this.settings = settings;
        this.higherIsBetter = settings.monitor().endsWith("accuracy");
        this.best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Records an epoch; true when training should stop after it. */
    boolean stop(EpochRecord record, Block block) {
        Double value = monitored(record);
        if (value == null || !Double.isFinite(value)) {
            return false;
        }
        double improvement = higherIsBetter ? value - best : best - value;
        if (improvement > settings.minDelta() || bestEpoch == 0) {
            best = value;
            bestEpoch = record.epoch();
            wait = 0;
            if (settings.restoreBestWeights()) {
                bestParameters = snapshot(block);
            }
            return false;
        }
        wait++;
        if (wait >= settings.patience()) {
            stoppedAt = record.epoch();
            return true;
        }
        return false;
    }

    /** Puts the best epoch's parameters back when asked to and when the last epoch was not the best. */
    void finish(Block block, int lastEpoch) {
        if (settings.restoreBestWeights() && bestParameters != null && bestEpoch != lastEpoch) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                float[] values = bestParameters.get(p.getKey());
                if (values != null) {
                    p.getValue().getArray().set(values);
                }
            }
        }
    }

    /** Its progress (best value, epoch, epochs waited, best weights) for a checkpoint. */
    void writeState(DataOutputStream out) throws IOException {
        out.writeDouble(best);
        out.writeInt(bestEpoch);
        out.writeInt(wait);
        out.writeInt(bestParameters == null ? -1 : bestParameters.size());
        if (bestParameters != null) {
            for (Map.Entry<String, float[]> e : bestParameters.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float v : e.getValue()) {
                    out.writeFloat(v);
                }
            }
        }
    }

    void readState(DataInputStream in) throws IOException {
        best = in.readDouble();
        bestEpoch = in.readInt();
        wait = in.readInt();
        int parameters = in.readInt();
        bestParameters = parameters < 0 ? null : new LinkedHashMap<>();
        for (int p = 0; p < parameters; p++) {
            String name = in.readUTF();
            float[] values = new float[in.readInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readFloat();
            }
            bestParameters.put(name, values);
        }
    }

    /** Null when training ran all its epochs. */
    Finding finding() {
        if (stoppedAt == 0) {
            return null;
        }
        return new Finding(
                "early_stopped",
                "stopped early after epoch " + stoppedAt + ": " + settings.monitor()
                        + " had not improved by more than " + settings.minDelta() + " for " + settings.patience()
                        + " epochs; the best was epoch " + bestEpoch
                        + (settings.restoreBestWeights() ? ", whose weights the model keeps" : ""),
                bestEpoch,
                best);
    }

    private Double monitored(EpochRecord r) {
        return switch (settings.monitor()) {
            case "val_loss" -> r.valLoss();
            case "val_accuracy" -> r.valAccuracy();
            case "val_mae" -> r.valMae();
            case "loss" -> r.loss();
            case "accuracy" -> r.accuracy();
            case "mae" -> r.mae();
            default -> throw new IllegalStateException("validated monitor " + settings.monitor());
        };
    }

    private static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().isInitialized()) {
                copy.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return copy;
    }
}
