package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stored models whose activation alpha the builder ignored keep predicting as trained, and say why. */
class ActivationAlphaAsTrainedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SPEC =
            """
            {"layers": [{"type": "dense", "units": 8, "activation": "relu"},
                        {"type": "activation", "activation": "leaky_relu", "alpha": 0.05},
                        {"type": "activation", "activation": "elu", "alpha": 1.0},
                        {"type": "dense", "units": 3, "activation": "softmax"}]}""";

    @Test
    void aNonDefaultAlphaBecomesTheDefaultItWasTrainedWithAndTheDiagnosisSaysSo() {
        Object[] fixed = V10__ActivationAlphaAsTrained.corrected(JSON, UUID.randomUUID(), SPEC, "[]");

        JsonNode spec = JSON.readTree((String) fixed[1]);
        assertThat(spec.get("layers").get(1).get("alpha").asDouble()).isEqualTo(0.2);
        assertThat(spec.get("layers").get(2).get("alpha").asDouble()).isEqualTo(1.0);
        JsonNode finding = JSON.readTree((String) fixed[2]).get(0);
        assertThat(finding.get("kind").asString()).isEqualTo(V10__ActivationAlphaAsTrained.KIND);
        assertThat(finding.get("message").asString())
                .contains("layers[1] asked for alpha 0.05 but was trained with 0.2")
                .doesNotContain("layers[2]");
    }

    @Test
    void defaultAlphasAndUnreadableRecordsAreLeftAlone() {
        String defaults = SPEC.replace("0.05", "0.2");
        assertThat(V10__ActivationAlphaAsTrained.corrected(JSON, UUID.randomUUID(), defaults, "[]"))
                .isNull();
        assertThat(V10__ActivationAlphaAsTrained.corrected(JSON, UUID.randomUUID(), "{not json", "[]"))
                .isNull();
        assertThat(V10__ActivationAlphaAsTrained.corrected(JSON, UUID.randomUUID(), "[]", null))
                .isNull();
    }

    @Test
    void theMigrationRewritesOnlyTheModelsThatNeedIt() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:alpha-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        FluentConfiguration config = Flyway.configure().dataSource(h2);
        config.target("9.1").load().migrate();
        JdbcClient jdbc = JdbcClient.create(h2);
        UUID needs = insert(jdbc, SPEC, 1);
        UUID fine = insert(jdbc, SPEC.replace("0.05", "0.2"), 2);

        config.target("latest").load().migrate();

        assertThat(spec(jdbc, needs)).contains("0.2").doesNotContain("0.05");
        assertThat(diagnosis(jdbc, needs)).contains(V10__ActivationAlphaAsTrained.KIND);
        assertThat(diagnosis(jdbc, fine)).isEqualTo("[]");
    }

    private static UUID insert(JdbcClient jdbc, String spec, int version) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO registered_model (name, tags_json, last_version, created_at, updated_at)"
                        + " SELECT 'm', '{}', 2, :t, :t WHERE NOT EXISTS (SELECT 1 FROM registered_model)")
                .param("t", OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        jdbc.sql(
                        """
                INSERT INTO model (id, job_id, dataset_id, name, task, spec_json, preprocessing_json, metrics_json,
                                   artifacts_json, diagnosis_json, created_at, registered_name, version)
                VALUES (:id, :job, :dataset, 'm', 'CLASSIFICATION', :spec, '{}', '{}', '{}', '[]', :t, 'm', :v)""")
                .param("id", id)
                .param("job", UUID.randomUUID())
                .param("dataset", UUID.randomUUID())
                .param("spec", spec)
                .param("t", OffsetDateTime.now(ZoneOffset.UTC))
                .param("v", version)
                .update();
        return id;
    }

    private static String spec(JdbcClient jdbc, UUID id) {
        return jdbc.sql("SELECT spec_json FROM model WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private static String diagnosis(JdbcClient jdbc, UUID id) {
        return jdbc.sql("SELECT diagnosis_json FROM model WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
