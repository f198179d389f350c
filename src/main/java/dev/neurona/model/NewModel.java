package dev.neurona.model;

import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.spec.ModelSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A trained model before it is stored: what its record will say, its test predictions (null for regression), and
 * {@code parameters}, a temporary directory holding the parameter file DJL wrote. {@link ModelWriter#save} takes that
 * directory over and deletes it. {@code register}: the registered model it becomes the next version of; null for
 * one named after {@code name} ({@link ModelNames#slug}).
 */
public record NewModel(
        UUID jobId,
        UUID datasetId,
        String name,
        ModelSpec spec,
        Preprocessing preprocessing,
        Metrics metrics,
        List<Finding> diagnosis,
        Receipt receipt,
        TestPredictions predictions,
        Path parameters,
        RegisterAs register) {

    public NewModel(
            UUID jobId,
            UUID datasetId,
            String name,
            ModelSpec spec,
            Preprocessing preprocessing,
            Metrics metrics,
            List<Finding> diagnosis,
            Receipt receipt,
            TestPredictions predictions,
            Path parameters) {
        this(jobId, datasetId, name, spec, preprocessing, metrics, diagnosis, receipt, predictions, parameters, null);
    }

    public NewModel registeredAs(RegisterAs as) {
        return new NewModel(
                jobId, datasetId, name, spec, preprocessing, metrics, diagnosis, receipt, predictions, parameters, as);
    }

    /** The registration this model asks for, with its name in stored form. */
    RegisterAs registration() {
        return register == null ? RegisterAs.named(ModelNames.slug(name)) : register.validated("register.");
    }
}
