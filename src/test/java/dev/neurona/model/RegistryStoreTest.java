package dev.neurona.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.storage.ArtifactStore;
import dev.neurona.support.TestData;
import dev.neurona.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry's store on H2 and on PostgreSQL (the two databases the service runs on): the V9 migration of models
 * stored before, version numbers under concurrent registration, references, aliases and deletes. The beans run in a
 * small Spring context so their transactions are real.
 */
class RegistryStoreTest {

    private AnnotationConfigApplicationContext context;

    @Configuration
    @EnableTransactionManagement
    static class Transactions {}

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private static FluentConfiguration flyway(String database) {
        if (database.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:registry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return Flyway.configure().dataSource(h2);
        }
        String schema = "registry_store_test";
        TestPostgres.dropSchema(schema);
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(TestPostgres.url(schema));
        pg.setUser(TestPostgres.USER);
        pg.setPassword(TestPostgres.PASSWORD);
        return Flyway.configure()
                .dataSource(pg)
                .schemas(schema)
                .locations("classpath:db/migration", "classpath:db/postgres");
    }

    private void start(DataSource data) {
        context = new AnnotationConfigApplicationContext();
        context.register(Transactions.class);
        context.registerBean(DataSource.class, () -> data);
        context.registerBean(JdbcTransactionManager.class, () -> new JdbcTransactionManager(data));
        context.registerBean(JdbcClient.class, () -> JdbcClient.create(data));
        context.registerBean(JsonMapper.class, () -> JsonMapper.builder().build());
        context.registerBean(ArtifactStore.class, () -> mock(ArtifactStore.class));
        context.registerBean(ModelRefs.class);
        context.registerBean(ModelRegistry.class);
        context.registerBean(ModelWriter.class);
        context.registerBean(RegisteredModels.class);
        context.refresh();
    }

    private UUID save(String datasetName, RegisterAs as) {
        Path dir = TestData.tempDir("registry-store-");
        ModelRecord m = ModelRegistryTest.model(List.of("a", "b"));
        try {
            Files.writeString(dir.resolve("model-0000.params"), "p");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        NewModel model = new NewModel(
                UUID.randomUUID(),
                m.datasetId(),
                datasetName,
                m.spec(),
                m.preprocessing(),
                m.metrics(),
                m.diagnosis(),
                null,
                null,
                dir,
                as);
        return context.getBean(ModelWriter.class).save(model).orElseThrow();
    }

    private ModelRecord get(UUID id) {
        return context.getBean(ModelRegistry.class).get(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void modelsStoredBeforeTheRegistryBecomeVersionsOfTheirSluggedNameInCreationOrder(String database)
            throws Exception {
        FluentConfiguration config = flyway(database);
        config.target("8").load().migrate();
        JdbcClient jdbc = JdbcClient.create(config.getDataSource());
        OffsetDateTime t = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        UUID second = insertV8(jdbc, "Iris flowers", t.plusHours(2));
        UUID first = insertV8(jdbc, "iris flowers", t.plusHours(1));
        UUID third = insertV8(jdbc, "IRIS  Flowers!", t.plusHours(3));
        UUID empty = insertV8(jdbc, "", t);
        UUID unicode = insertV8(jdbc, "Précis ☃ prices", t);

        config.target("latest").load().migrate();
        start(config.getDataSource());

        // (read as columns: these rows' JSON is a placeholder the record mapping would refuse)
        assertThat(List.of(first, second, third, empty, unicode).stream()
                        .map(id -> jdbc.sql("SELECT registered_name, version FROM model WHERE id = :id")
                                .param("id", id)
                                .query((rs, row) -> rs.getString(1) + "/" + rs.getInt(2))
                                .single()))
                .containsExactly("iris-flowers/1", "iris-flowers/2", "iris-flowers/3", "model/1", "precis-prices/1");
        RegisteredModels registered = context.getBean(RegisteredModels.class);
        assertThat(registered.list())
                .extracting(RegisteredModel::name)
                .containsExactly("iris-flowers", "model", "precis-prices");
        assertThat(registered.get("iris-flowers").versions())
                .extracting(RegisteredModel.Version::modelId)
                .containsExactly(third, second, first);
        // the next version of a migrated name follows on
        UUID next = save("whatever", RegisterAs.named("Iris-Flowers"));
        assertThat(get(next).version()).isEqualTo(4);
    }

    private static UUID insertV8(JdbcClient jdbc, String name, OffsetDateTime created) {
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        """
                INSERT INTO model (id, job_id, dataset_id, name, task, spec_json, preprocessing_json, metrics_json,
                                   artifacts_json, created_at)
                VALUES (:id, :job, :dataset, :name, 'CLASSIFICATION', '{}', '{}', '{}', '{}', :created)""")
                .param("id", id)
                .param("job", UUID.randomUUID())
                .param("dataset", UUID.randomUUID())
                .param("name", name)
                .param("created", created)
                .update();
        return id;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void concurrentRegistrationsOfOneNewNameGetDistinctVersions(String database) throws Exception {
        FluentConfiguration config = flyway(database);
        config.load().migrate();
        start(config.getDataSource());
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<UUID>> saved = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                saved.add(pool.submit(() -> {
                    go.await();
                    return save("digits", RegisterAs.named("digits"));
                }));
            }
            go.countDown();
            Set<Integer> versions = new TreeSet<>();
            for (Future<UUID> f : saved) {
                ModelRecord m = get(f.get());
                assertThat(m.registeredName()).isEqualTo("digits");
                versions.add(m.version());
            }
            assertThat(versions).hasSize(threads).allMatch(v -> v >= 1 && v <= threads);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void referencesAliasesAndDeletes(String database) {
        FluentConfiguration config = flyway(database);
        config.load().migrate();
        start(config.getDataSource());
        ModelRefs refs = context.getBean(ModelRefs.class);
        RegisteredModels registered = context.getBean(RegisteredModels.class);
        UUID v1 = save("Digits.zip", new RegisterAs("Digits", "handwritten", Map.of("team", "vision")));
        UUID v2 = save("ignored", RegisterAs.named("digits"));
        UUID other = save("Iris flowers", null);

        assertThat(get(other).registeredName()).isEqualTo("iris-flowers");
        assertThat(refs.resolve("digits")).isEqualTo(v2);
        assertThat(refs.resolve("DIGITS")).isEqualTo(v2);
        assertThat(refs.resolve("digits", 1)).isEqualTo(v1);
        assertThat(refs.resolve(v1.toString())).isEqualTo(v1);
        assertThat(registered.get("digits").description()).isEqualTo("handwritten");
        assertThat(registered.get("digits").tags()).isEqualTo(Map.of("team", "vision"));

        registered.putAlias("digits", "Champion", 1);
        assertThat(refs.resolve("digits@champion")).isEqualTo(v1);
        registered.putAlias("digits", "champion", 2);
        assertThat(refs.resolve("Digits@Champion")).isEqualTo(v2);
        assertThat(registered.get("digits").aliases()).isEqualTo(Map.of("champion", 2));

        assertThatThrownBy(() -> refs.resolve("digits@staging"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no alias 'staging'");
        assertThatThrownBy(() -> refs.resolve("nothing"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nothing'");
        assertThatThrownBy(() -> refs.resolve("digits", 9))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no version 9");
        for (String malformed : List.of("a b", "digits@", "@champion", "digits@a@b", "-x", "x/y")) {
            assertThatThrownBy(() -> refs.resolve(malformed)).as(malformed).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> refs.resolve(v1.toString(), 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> refs.resolve("digits", 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> registered.putAlias("digits", "champion", 7)).isInstanceOf(NotFoundException.class);

        // an alias pins its version; the newest version deleted, its number is not given out again
        assertThatThrownBy(() -> registered.deleteVersion("digits", 2)).isInstanceOf(ConflictException.class);
        registered.putAlias("digits", "champion", 1);
        registered.deleteVersion("digits", 2);
        assertThat(refs.resolve("digits")).isEqualTo(v1);
        UUID v3 = save("digits", RegisterAs.named("digits"));
        assertThat(get(v3).version()).isEqualTo(3);

        registered.update("digits", "", Map.of());
        assertThat(registered.get("digits").description()).isNull();
        assertThat(registered.get("digits").tags()).isEmpty();

        registered.delete("digits");
        assertThatThrownBy(() -> refs.resolve("digits@champion")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> get(v1)).isInstanceOf(NotFoundException.class);
        assertThat(registered.list()).extracting(RegisteredModel::name).containsExactly("iris-flowers");
    }
}
