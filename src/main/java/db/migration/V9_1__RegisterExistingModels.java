package db.migration;

import dev.neurona.model.ModelNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gives every model stored before the registry a registered name and a version: the name is its own name made
 * URL-safe ({@link ModelNames#slug}), versions 1..n in the order the models were created. In Java because no SQL
 * both H2 and PostgreSQL run can make a name URL-safe the same way the service does for new models.
 */
public class V9_1__RegisterExistingModels extends BaseJavaMigration {

    private record Row(UUID id, String name, OffsetDateTime createdAt) {}

    @Override
    public void migrate(Context context) throws SQLException {
        Connection db = context.getConnection();
        Map<String, List<Row>> byName = new LinkedHashMap<>();
        try (Statement select = db.createStatement();
                ResultSet rs = select.executeQuery("SELECT id, name, created_at FROM model ORDER BY created_at, id")) {
            while (rs.next()) {
                Row row = new Row(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getObject("created_at", OffsetDateTime.class));
                byName.computeIfAbsent(ModelNames.slug(row.name()), n -> new ArrayList<>())
                        .add(row);
            }
        }
        try (PreparedStatement version =
                        db.prepareStatement("UPDATE model SET registered_name = ?, version = ? WHERE id = ?");
                PreparedStatement registered = db.prepareStatement(
                        "INSERT INTO registered_model (name, description, tags_json, last_version, created_at,"
                                + " updated_at) VALUES (?, NULL, '{}', ?, ?, ?)")) {
            for (Map.Entry<String, List<Row>> name : byName.entrySet()) {
                List<Row> rows = name.getValue();
                for (int i = 0; i < rows.size(); i++) {
                    version.setString(1, name.getKey());
                    version.setInt(2, i + 1);
                    version.setObject(3, rows.get(i).id());
                    version.executeUpdate();
                }
                registered.setString(1, name.getKey());
                registered.setInt(2, rows.size());
                registered.setObject(3, rows.get(0).createdAt());
                registered.setObject(4, rows.get(rows.size() - 1).createdAt());
                registered.executeUpdate();
            }
        }
        try (Statement alter = db.createStatement()) {
            alter.execute("ALTER TABLE model ALTER COLUMN registered_name SET NOT NULL");
            alter.execute("ALTER TABLE model ALTER COLUMN version SET NOT NULL");
        }
    }
}
