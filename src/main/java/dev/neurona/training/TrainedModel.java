package dev.neurona.training;

import dev.neurona.dataset.DatasetInfo;
import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.model.Finding;
import dev.neurona.model.Metrics;
import dev.neurona.model.NewModel;
import dev.neurona.model.Receipt;
import dev.neurona.model.TestPredictions;
import dev.neurona.spec.ModelSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * What a training produced, ready to be stored.
 *
 * @param predictions the test split's predictions for classification, else null
 * @param parameters  a temporary directory holding the parameter file DJL wrote; whoever stores the model deletes it
 */
public record TrainedModel(
        DatasetInfo dataset,
        ModelSpec spec,
        Preprocessing preprocessing,
        Metrics metrics,
        TestPredictions predictions,
        List<Finding> diagnosis,
        Receipt receipt,
        List<EpochRecord> history,
        Path parameters) {

    /** An autoencoder's test reconstructions (images) or score histogram (tables), beside its parameters. */
    public static final String RECONSTRUCTIONS_PNG = "reconstructions.png";

    public NewModel toNewModel(UUID jobId) {
        return new NewModel(
                jobId,
                dataset.id(),
                dataset.name(),
                spec,
                preprocessing,
                metrics,
                diagnosis,
                receipt,
                predictions,
                parameters);
    }
}
