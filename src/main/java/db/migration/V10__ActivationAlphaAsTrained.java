package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Until 2026-12 the network builder dropped an {@code activation} layer's {@code alpha}: a model whose spec asked for
 * leaky_relu or elu with an alpha other than the default was trained, tested and served with the default. Now that
 * the builder honours alpha, such a stored model would suddenly be served with a function it never learnt with. So
 * its stored spec is made to say what was trained (the default), and its diagnosis says what happened, rather than
 * its predictions changing silently.
 */
public class V10__ActivationAlphaAsTrained extends BaseJavaMigration {

    /** What the builder used whatever the spec said: Keras 3's defaults. */
    private static final Map<String, Double> DEFAULTS = Map.of("leaky_relu", 0.2, "elu", 1.0);

    static final String KIND = "alpha_not_applied";

    @Override
    public void migrate(Context context) throws SQLException {
        JsonMapper json = JsonMapper.builder().build();
        Connection db = context.getConnection();
        List<Object[]> updates = new ArrayList<>();
        try (Statement select = db.createStatement();
                ResultSet rs = select.executeQuery(
                        "SELECT id, spec_json, diagnosis_json FROM model WHERE spec_json LIKE '%alpha%'")) {
            while (rs.next()) {
                Object[] update = corrected(
                        json,
                        rs.getObject("id", UUID.class),
                        rs.getString("spec_json"),
                        rs.getString("diagnosis_json"));
                if (update != null) {
                    updates.add(update);
                }
            }
        }
        try (PreparedStatement update =
                db.prepareStatement("UPDATE model SET spec_json = ?, diagnosis_json = ? WHERE id = ?")) {
            for (Object[] row : updates) {
                update.setString(1, (String) row[1]);
                update.setString(2, (String) row[2]);
                update.setObject(3, row[0]);
                update.executeUpdate();
            }
        }
    }

    /** {id, spec, diagnosis} with the alphas as trained, or null when nothing differs (or the record is unreadable). */
    static Object[] corrected(JsonMapper json, UUID id, String spec, String diagnosis) {
        try {
            JsonNode root = json.readTree(spec);
            if (!(root.get("layers") instanceof ArrayNode layers)) {
                return null;
            }
            List<String> changed = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                if (!(layers.get(i) instanceof ObjectNode layer)
                        || !"activation".equals(text(layer.get("type")))
                        || layer.get("alpha") == null
                        || !layer.get("alpha").isNumber()) {
                    continue;
                }
                Double trained = DEFAULTS.get(text(layer.get("activation")));
                double asked = layer.get("alpha").asDouble();
                if (trained != null && asked != trained) {
                    layer.put("alpha", trained);
                    changed.add("layers[" + i + "] asked for alpha " + asked + " but was trained with " + trained);
                }
            }
            if (changed.isEmpty()) {
                return null;
            }
            ArrayNode findings = diagnosis == null ? json.createArrayNode() : (ArrayNode) json.readTree(diagnosis);
            findings.addObject()
                    .put("kind", KIND)
                    .put(
                            "message",
                            String.join("; ", changed)
                                    + " (a builder bug fixed in 2026-12); the spec now says what was trained, so"
                                    + " predictions are unchanged; retrain to get the alpha you asked for");
            return new Object[] {id, json.writeValueAsString(root), json.writeValueAsString(findings)};
        } catch (JacksonException | ClassCastException e) {
            // an unreadable record stays as it is: the registry lists it degraded and it can only be deleted
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || !node.isString() ? null : node.asString();
    }
}
