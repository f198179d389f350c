package dev.neurona.spec;

import java.util.ArrayList;
import java.util.List;

/** The dry-run table: each layer's output shape and parameter count, computed from the spec alone. */
public final class ShapeInference {

    private ShapeInference() {
    }

    public static List<LayerRow> table(ModelSpec resolved, int inputWidth) {
        List<LayerRow> rows = new ArrayList<>();
        long width = inputWidth;
        for (int i = 0; i < resolved.layers().size(); i++) {
            LayerSpec layer = resolved.layers().get(i);
            long params = 0;
            String detail;
            if (layer instanceof LayerSpec.Dense d) {
                params = width * d.units() + d.units();
                detail = d.units() + " units, " + d.activation();
                width = d.units();
            } else if (layer instanceof LayerSpec.Dropout d) {
                detail = "rate " + d.rate();
            } else {
                detail = ((LayerSpec.Activation) layer).activation();
            }
            rows.add(new LayerRow(i, layer.typeName(), detail, List.of(-1, Math.toIntExact(width)), params));
        }
        return rows;
    }
}
