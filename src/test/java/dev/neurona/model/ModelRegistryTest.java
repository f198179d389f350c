package dev.neurona.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import dev.neurona.storage.ArtifactStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** A model record with the most and longest class names the upload limits admit is read back as written. */
class ModelRegistryTest {

    private static final String MIXED = "👨‍👩‍👧𝔡𝔬𝔤 قطة‌می חתול \"q\" \\ ";

    private JdbcClient jdbc;
    private ModelRegistry models;

    @BeforeEach
    void database() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:models-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(data).load().migrate();
        jdbc = JdbcClient.create(data);
        models = new ModelRegistry(
                jdbc,
                JsonMapper.builder().build(),
                mock(ArtifactStore.class),
                mock(ApplicationEventPublisher.class),
                new ModelRefs(jdbc));
    }

    private static String name(int seed, int length) {
        StringBuilder s = new StringBuilder(seed + ":");
        while (s.length() < length) {
            s.append(MIXED);
        }
        String cut = s.substring(0, length);
        return Character.isHighSurrogate(cut.charAt(length - 1)) ? cut.substring(0, length - 1) + "x" : cut;
    }

    static ModelRecord model(List<String> classes) {
        List<Metrics.ClassScores> perClass = new ArrayList<>();
        classes.forEach(c -> perClass.add(new Metrics.ClassScores(c, 0.5, 1, 2.0 / 3, Integer.MAX_VALUE)));
        Metrics metrics = Metrics.classification(
                Integer.MAX_VALUE,
                Double.MAX_VALUE,
                Double.MIN_VALUE,
                null,
                null,
                0.75,
                perClass,
                new Metrics.AverageScores(0.25, 0.5, 1.0 / 3, 2),
                new Metrics.AverageScores(0.25, 0.5, 1.0 / 3, 2),
                List.of(List.of(1, 0), List.of(1, 0)));
        return new ModelRecord(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                name(7, 200),
                Task.CLASSIFICATION,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                new ModelSpec(
                        List.of(new LayerSpec.Dense(classes.size(), "softmax", null, null, null, null)),
                        null,
                        null,
                        10,
                        8,
                        null,
                        null,
                        7L),
                new ImageEncoding(List.of(3, 256, 256), classes, 0.5f, 0.25f, "resize", name(3, 500)),
                metrics,
                Map.of("models/x/model-0000.params", "ab".repeat(32)),
                List.of(new Finding("converged", name(5, 2000), 3, 0.1)),
                null);
    }

    @Test
    void theMostAndLongestClassNamesTheLimitsAdmitAreReadBackUnchanged() {
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) { // neurona.uploads.max-classes, max-class-name-length
            classes.add(name(i, 200));
        }
        ModelRecord written = model(classes);
        models.register(written);
        assertThat(models.get(written.id()))
                .usingRecursiveComparison()
                .ignoringFields("registeredName", "version")
                .isEqualTo(written);
        assertThat(models.list())
                .singleElement()
                .usingRecursiveComparison()
                .ignoringFields("registeredName", "version")
                .isEqualTo(written);
        assertThat(models.get(written.id()).registeredName()).isEqualTo(ModelNames.slug(written.name()));
        assertThat(models.get(written.id()).version()).isEqualTo(1);
    }

    @Test
    void aModelItsOwnReadPathWouldRefuseIsNeverStored() {
        ModelRecord unreadable = model(List.of("a", "b"));
        ModelRecord withLongKey = new ModelRecord(
                unreadable.id(),
                unreadable.jobId(),
                unreadable.datasetId(),
                unreadable.name(),
                unreadable.task(),
                unreadable.createdAt(),
                unreadable.spec(),
                unreadable.preprocessing(),
                unreadable.metrics(),
                Map.of("k".repeat(50_001), "v"),
                unreadable.diagnosis(),
                null);
        assertThatThrownBy(() -> models.register(withLongKey)).hasMessageContaining("cannot be read back");
        assertThat(models.list()).isEmpty();
    }

    @Test
    void aRowThatCannotBeReadIsListedDegradedRefusedForUseAndDeletable() {
        ModelRecord good = model(List.of("a", "b"));
        ModelRecord bad = model(List.of("a", "b"));
        models.register(good);
        models.register(bad);
        jdbc.sql("UPDATE model SET artifacts_json = :json WHERE id = :id")
                .param("json", "{\"" + "k".repeat(50_001) + "\":\"v\"}")
                .param("id", bad.id())
                .update();

        List<ModelRecord> listed = models.list();
        assertThat(listed).extracting(ModelRecord::id).containsExactlyInAnyOrder(good.id(), bad.id());
        ModelRecord degraded =
                listed.stream().filter(m -> m.id().equals(bad.id())).findFirst().orElseThrow();
        assertThat(degraded.name()).isEqualTo(bad.name());
        assertThat(degraded.spec()).isNull();
        assertThat(degraded.diagnosis()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(ModelRegistry.UNREADABLE);
            assertThat(f.message()).contains("Name length (50001)").endsWith("only deleted");
        });
        assertThatThrownBy(() -> models.get(bad.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("cannot be read back");

        models.delete(bad.id());
        assertThat(models.list()).extracting(ModelRecord::id).containsExactly(good.id());
        assertThatThrownBy(() -> models.delete(bad.id())).isInstanceOf(NotFoundException.class);
    }
}
