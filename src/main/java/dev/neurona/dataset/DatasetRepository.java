package dev.neurona.dataset;

import dev.neurona.dataset.encoding.UnknownCategories;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class DatasetRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DatasetRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(DatasetInfo d, String fileKey) {
        jdbc.sql(
                        """
                INSERT INTO dataset (id, name, kind, task, label_column, separator_char, missing_policy, row_count,
                    dropped_rows, input_width, classes_json, columns_json, balance_json, file_key, sha256, size_bytes,
                    created_at, input_shape_json, official_test_rows, image_style, ignored_columns_json, unknown_categories)
                VALUES (:id, :name, :kind, :task, :label, :sep, :missing, :rows, :dropped, :width, :classes, :columns,
                    :balance, :key, :sha, :size, :created, :shape, :testRows, :style, :ignored, :unknown)""")
                .param("id", d.id())
                .param("name", d.name())
                .param("kind", d.kind())
                .param("task", d.task().name())
                .param("label", d.labelColumn())
                .param("sep", d.separator())
                .param("missing", d.missingValues())
                .param("rows", d.rows())
                .param("dropped", d.droppedRows())
                .param("width", d.inputShape().stream().reduce(1, (a, b) -> a * b))
                .param("classes", json.writeValueAsString(d.classes()))
                .param("columns", json.writeValueAsString(d.columns()))
                .param("balance", json.writeValueAsString(d.classBalance()))
                .param("key", fileKey)
                .param("sha", d.sha256())
                .param("size", d.sizeBytes())
                .param("created", OffsetDateTime.ofInstant(d.createdAt(), ZoneOffset.UTC))
                .param("shape", json.writeValueAsString(d.inputShape()))
                .param("testRows", d.officialTestRows())
                .param("style", d.imageStyle())
                .param("ignored", json.writeValueAsString(d.ignoredColumns()))
                .param("unknown", d.unknownCategories())
                .update();
    }

    Optional<DatasetInfo> find(UUID id) {
        return jdbc.sql("SELECT * FROM dataset WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    List<DatasetInfo> list() {
        return jdbc.sql("SELECT * FROM dataset ORDER BY created_at DESC")
                .query(this::map)
                .list();
    }

    String fileKey(UUID id) {
        return jdbc.sql("SELECT file_key FROM dataset WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM dataset WHERE id = :id").param("id", id).update();
    }

    /** Tables stored before the choice existed ignore unknown categories, the default of an upload. */
    private static String unknownCategories(String kind, String stored) {
        return stored != null || !"tabular".equals(kind) ? stored : UnknownCategories.IGNORE;
    }

    private DatasetInfo map(ResultSet rs, int row) throws SQLException {
        return new DatasetInfo(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("kind"),
                Task.valueOf(rs.getString("task")),
                rs.getString("label_column"),
                rs.getString("separator_char"),
                rs.getString("missing_policy"),
                rs.getInt("row_count"),
                rs.getInt("dropped_rows"),
                rs.getString("input_shape_json") == null
                        ? List.of(rs.getInt("input_width"))
                        : json.readValue(rs.getString("input_shape_json"), new TypeReference<List<Integer>>() {}),
                json.readValue(rs.getString("classes_json"), new TypeReference<List<String>>() {}),
                json.readValue(rs.getString("balance_json"), new TypeReference<Map<String, Integer>>() {}),
                json.readValue(rs.getString("columns_json"), new TypeReference<List<ColumnSummary>>() {}),
                rs.getString("sha256"),
                rs.getLong("size_bytes"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getInt("official_test_rows"),
                rs.getString("image_style"),
                // datasets stored before column roles: no column ignored
                rs.getString("ignored_columns_json") == null
                        ? List.of()
                        : json.readValue(rs.getString("ignored_columns_json"), new TypeReference<List<String>>() {}),
                unknownCategories(rs.getString("kind"), rs.getString("unknown_categories")));
    }
}
