package dev.neurona.prediction;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.EncodedRows;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.platform.problem.ConflictException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A regression table model's answers for many rows, for another feature that draws them (the physics heat map):
 * the same steps as a prediction request (the stored preprocessing, the cached network, the target decoded), without
 * the per-request row limit, which guards the HTTP door rather than the model.
 */
@Service
public class TableValues {

    private final ModelCache models;

    TableValues(ModelCache models) {
        this.models = models;
    }

    /** The decoded value for each row (column name → value). */
    public double[] regression(UUID modelId, List<Map<String, Object>> rows) {
        LoadedModel model = models.acquire(modelId);
        try {
            if (!(model.record().preprocessing() instanceof TabularEncoding encoding)
                    || encoding.task() != Task.REGRESSION) {
                throw new ConflictException("model " + modelId + " is not a regression model on a table");
            }
            EncodedRows encoded = encoding.encodeRows(rows);
            Outputs out = model.forwardRows(encoded.values(), rows.size(), encoding.width());
            float[] values = out.values();
            double[] decoded = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                decoded[i] = encoding.decodeTarget(values[i]);
            }
            return decoded;
        } finally {
            model.release();
        }
    }
}
