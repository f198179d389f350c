package dev.neurona.physics;

import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRefs;
import dev.neurona.model.ModelRegistry;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.prediction.TableValues;
import dev.neurona.spec.Physics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The heat map of a physics-informed model: its answers on a 100 × 100 grid over [0, 1]² (both ends included, as
 * the catalog's advection table), asked the way a prediction is asked, beside the exact solution.
 */
@Service
class PhysicsReport {

    static final int GRID = 100;

    private final ModelRefs refs;
    private final ModelRegistry models;
    private final TableValues values;

    PhysicsReport(ModelRefs refs, ModelRegistry models, TableValues values) {
        this.refs = refs;
        this.models = models;
        this.values = values;
    }

    byte[] heatMap(String ref) {
        UUID id = refs.resolve(ref);
        ModelRecord model = models.get(id);
        Physics physics = model.spec().physics();
        if (physics == null) {
            throw new ConflictException(
                    "not-physics-informed",
                    "Not a physics-informed model",
                    "model " + id + " was not trained with spec.physics: it has no PDE solution to draw");
        }
        double u = physics.velocity();
        List<Map<String, Object>> rows = new ArrayList<>(GRID * GRID);
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                rows.add(Map.of("x", i / (GRID - 1.0), "t", j / (GRID - 1.0)));
            }
        }
        double[] phi = values.regression(id, rows);
        double[][] predicted = new double[GRID][GRID];
        double[][] exact = new double[GRID][GRID];
        double max = 0;
        double sum = 0;
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                predicted[j][i] = phi[j * GRID + i];
                exact[j][i] = Math.sin(2 * Math.PI * (i / (GRID - 1.0) - u * j / (GRID - 1.0)));
                double error = Math.abs(predicted[j][i] - exact[j][i]);
                max = Math.max(max, error);
                sum += error;
            }
        }
        String title = String.format(
                Locale.ROOT,
                "%s: φ_t + u·φ_x = 0, u = %s, on a %d × %d grid — max |error| %.4f, mean |error| %.4f",
                model.registeredName() != null ? model.registeredName() : id.toString(),
                u,
                GRID,
                GRID,
                max,
                sum / (GRID * GRID));
        return HeatMaps.png(title, predicted, exact);
    }
}
