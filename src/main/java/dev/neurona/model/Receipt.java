package dev.neurona.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * Everything needed to train a model again and expect the same numbers: the seed (the resolved spec is stored
 * beside it), the split sizes and a SHA-256 of the split's row indices, the dataset's SHA-256, the software
 * versions, the device and PyTorch's thread count (floating-point sums can differ with another thread count), and
 * the wall time it took. A replay records the model it replays and whether the test metrics came out identical;
 * a transfer, the base model and what was frozen when.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
        long seed,
        int trainRows,
        int validationRows,
        int testRows,
        String splitSha256,
        String datasetSha256,
        String neuronaVersion,
        String djlVersion,
        String pytorchVersion,
        String device,
        int threads,
        long wallTimeMs,
        UUID replayOf,
        Boolean replayMatches,
        Base base) {

    public Receipt(
            long seed,
            int trainRows,
            int validationRows,
            int testRows,
            String splitSha256,
            String datasetSha256,
            String neuronaVersion,
            String djlVersion,
            String pytorchVersion,
            String device,
            int threads,
            long wallTimeMs,
            UUID replayOf,
            Boolean replayMatches) {
        this(
                seed,
                trainRows,
                validationRows,
                testRows,
                splitSha256,
                datasetSha256,
                neuronaVersion,
                djlVersion,
                pytorchVersion,
                device,
                threads,
                wallTimeMs,
                replayOf,
                replayMatches,
                null);
    }

    /**
     * Transfer learning: the model whose layers 0..{@code upTo} this one started from, and which of them did not
     * train when.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Base(
            UUID modelId, String name, Integer version, UUID datasetId, int upTo, java.util.List<FrozenLayer> frozen) {}

    /**
     * @param frozenEpochs the layer's weights did not change in epochs 1..frozenEpochs
     * @param throughout   frozen in every epoch of the training: the base's values are the model's
     */
    public record FrozenLayer(int layer, String name, String type, int frozenEpochs, boolean throughout) {}
}
