package dev.neurona.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * Everything needed to train a model again and expect the same numbers: the seed (the resolved spec is stored
 * beside it), the split sizes and a SHA-256 of the split's row indices, the dataset's SHA-256, the software
 * versions, the device and PyTorch's thread count (floating-point sums can differ with another thread count), and
 * the wall time it took. A replay records the model it replays and whether the test metrics came out identical.
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
        Boolean replayMatches) {}
