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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class DatasetRepository {

    private static final Logger log = LoggerFactory.getLogger(DatasetRepository.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DatasetRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(DatasetInfo d, String fileKey) {
        requireReadable(d);
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

    /** The dataset; one whose stored JSON cannot be read comes back degraded, with its {@code problem} set. */
    Optional<DatasetInfo> find(UUID id) {
        return jdbc.sql("SELECT * FROM dataset WHERE id = :id")
                .param("id", id)
                .query(this::mapOrDegrade)
                .optional();
    }

    /** Every dataset, newest first; one unreadable row is listed degraded instead of failing the whole list. */
    List<DatasetInfo> list() {
        return jdbc.sql("SELECT * FROM dataset ORDER BY created_at DESC")
                .query(this::mapOrDegrade)
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

    /**
     * Writes the record's JSON documents and reads them back with the same mapper, so a record that the read path
     * would refuse (a name past Jackson's read constraints, say) fails here, before it is stored, instead of
     * making every later list fail. The upload limits keep real uploads far from that.
     */
    private void requireReadable(DatasetInfo d) {
        try {
            json.readValue(json.writeValueAsString(d.classes()), new TypeReference<List<String>>() {});
            json.readValue(json.writeValueAsString(d.classBalance()), new TypeReference<Map<String, Integer>>() {});
            json.readValue(json.writeValueAsString(d.columns()), new TypeReference<List<ColumnSummary>>() {});
            json.readValue(json.writeValueAsString(d.inputShape()), new TypeReference<List<Integer>>() {});
            json.readValue(json.writeValueAsString(d.ignoredColumns()), new TypeReference<List<String>>() {});
        } catch (JacksonException e) {
            throw new IllegalStateException(
                    "dataset " + d.id() + " would be stored in a form that cannot be read back: "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    private DatasetInfo mapOrDegrade(ResultSet rs, int row) throws SQLException {
        try {
            return map(rs, row);
        } catch (RuntimeException e) {
            UUID id = rs.getObject("id", UUID.class);
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            log.warn("dataset {}: its stored record cannot be read back, listing it degraded: {}", id, why);
            String reason = why == null ? e.getClass().getSimpleName() : why;
            Task task = Task.parse(String.valueOf(rs.getString("task")));
            return new DatasetInfo(
                    id,
                    rs.getString("name"),
                    rs.getString("kind"),
                    task,
                    rs.getString("label_column"),
                    rs.getString("separator_char"),
                    rs.getString("missing_policy"),
                    rs.getInt("row_count"),
                    rs.getInt("dropped_rows"),
                    List.of(),
                    List.of(),
                    Map.of(),
                    List.of(),
                    rs.getString("sha256"),
                    rs.getLong("size_bytes"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getInt("official_test_rows"),
                    rs.getString("image_style"),
                    List.of(),
                    rs.getString("unknown_categories"),
                    null,
                    "its stored record cannot be read back ("
                            + (reason.length() > 300 ? reason.substring(0, 300) + "…" : reason)
                            + "); it cannot be used, only deleted; upload the data again");
        }
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
                unknownCategories(rs.getString("kind"), rs.getString("unknown_categories")),
                null,
                null);
    }
}
