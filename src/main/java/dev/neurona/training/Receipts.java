package dev.neurona.training;

import ai.djl.engine.Engine;
import ai.djl.training.Trainer;
import dev.neurona.dataset.DatasetInfo;
import dev.neurona.model.Finding;
import dev.neurona.model.Metrics;
import dev.neurona.model.Receipt;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Transfer;
import dev.neurona.spec.Transfers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Writes a model's reproducibility receipt and, for a replay, compares its metrics with the original's. */
@Component
public class Receipts {

    private final String version;
    private final int threads;
    private final JsonMapper json;

    Receipts(ObjectProvider<BuildProperties> build, NeuronaProperties properties, JsonMapper json) {
        BuildProperties info = build.getIfAvailable();
        this.version = info != null ? info.getVersion() : "unknown";
        this.threads = properties.engine().threads();
        this.json = json;
    }

    public Receipt of(
            ModelSpec spec,
            PreparedData data,
            DatasetInfo dataset,
            Trainer trainer,
            long wallTimeMs,
            UUID replayOf,
            Boolean replayMatches) {
        return new Receipt(
                spec.seed(),
                data.train().rows(),
                data.validation().rows(),
                data.test().rows(),
                data.splitSha256(),
                dataset.sha256(),
                version,
                Engine.getDjlVersion(),
                Engine.getEngine("PyTorch").getVersion(),
                trainer.getDevices()[0].toString(),
                threads,
                wallTimeMs,
                replayOf,
                replayMatches,
                base(spec));
    }

    /** Null without transfer learning; the frozen epochs as the spec plans them (early stopping may end sooner). */
    static Receipt.Base base(ModelSpec spec) {
        Transfer from = spec.from();
        if (from == null) {
            return null;
        }
        List<Receipt.FrozenLayer> frozen = new ArrayList<>();
        // a base's frozen layers and any of the head's that say trainable: false
        java.util.Set<Integer> layers = new java.util.TreeSet<>(Transfers.frozenAt(spec, 1));
        from.frozen().forEach(ref -> layers.add(((Number) ref).intValue()));
        for (int layer : layers) {
            LayerSpec l = spec.layers().get(layer);
            int through = Transfers.frozenThrough(spec, layer);
            frozen.add(new Receipt.FrozenLayer(layer, l.name(), l.typeName(), through, through == spec.epochs()));
        }
        return new Receipt.Base(
                from.id(), from.name(), from.version(), from.datasetId(), from.baseLayers() - 1, List.copyOf(frozen));
    }

    /** Null when the metrics are identical to the last digit, else the first field that differs, both values. */
    public String difference(Metrics original, Metrics replay) {
        return firstDifference("", json.valueToTree(original), json.valueToTree(replay));
    }

    public Finding finding(UUID original, String difference) {
        return difference == null
                ? new Finding(
                        "replay_matches",
                        "the replay of model " + original + " gave identical test " + "metrics",
                        null,
                        null)
                : new Finding(
                        "replay_differs",
                        "the replay of model " + original + " gave different test " + "metrics: " + difference
                                + " (different thread count, CPU or library version?)",
                        null,
                        null);
    }

    private static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String d = firstDifference(
                        path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), b.path(e.getKey()));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(path + "[" + i + "]", a.get(i), b.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + " was " + a + ", now " + b;
    }
}
