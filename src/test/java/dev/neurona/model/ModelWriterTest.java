package dev.neurona.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.SpecValidator;
import dev.neurona.storage.ArtifactStore;
import dev.neurona.support.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Storing a trained model: its files with their sums, then its record; one model per job; no temporary leftovers. */
@ExtendWith(TestData.DeleteDataDir.class)
@SpringBootTest(properties = "neurona.role=api")
@DirtiesContext
class ModelWriterTest {

    static final Path DATA_DIR = TestData.tempDir("neurona-model-writer-");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("neurona.data-dir", DATA_DIR::toString);
    }

    @Autowired
    ModelWriter writer;

    @Autowired
    ModelRegistry registry;

    @Autowired
    ArtifactStore artifacts;

    @Test
    void aModelIsStoredWithEveryFileAndItsSumAndItsTemporaryDirectoryIsGone() throws IOException {
        UUID job = UUID.randomUUID();
        NewModel model = model(job, new byte[] {1, 2, 3, 4});

        UUID id = writer.save(model).orElseThrow();

        ModelRecord record = registry.get(id);
        assertThat(record.jobId()).isEqualTo(job);
        assertThat(record.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(record.spec()).isEqualTo(model.spec());
        String prefix = ModelRecord.prefix(id) + "/";
        assertThat(record.artifacts())
                .containsOnlyKeys(
                        prefix + "model-0000.params",
                        prefix + "spec.json",
                        prefix + "preprocessing.json",
                        prefix + TestPredictions.NAME);
        record.artifacts()
                .forEach((key, sum) ->
                        assertThat(sha256(artifacts.read(key))).as(key).isEqualTo(sum));
        assertThat(artifacts.read(prefix + "model-0000.params")).containsExactly(1, 2, 3, 4);
        assertThat(TestPredictions.decode(artifacts.read(prefix + TestPredictions.NAME))
                        .predicted())
                .containsExactly(0, 1);
        assertThat(model.parameters()).doesNotExist();
    }

    @Test
    void aSecondModelForTheSameJobIsNotKept() throws IOException {
        UUID job = UUID.randomUUID();
        UUID first = writer.save(model(job, new byte[] {1})).orElseThrow();
        long before = storedModels();
        NewModel second = model(job, new byte[] {2});

        assertThat(writer.save(second)).isEmpty();

        assertThat(registry.findByJob(job).orElseThrow().id()).isEqualTo(first);
        assertThat(storedModels())
                .as("the second model's files are removed again")
                .isEqualTo(before);
        assertThat(second.parameters()).doesNotExist();
    }

    private static NewModel model(UUID job, byte[] parameters) throws IOException {
        Path dir = Files.createTempDirectory("neurona-model-writer-params-");
        Files.write(dir.resolve("model-0000.params"), parameters);
        ModelSpec spec = SpecValidator.resolve(
                JsonMapper.builder()
                        .build()
                        .readValue(
                                """
                {"layers": [{"type": "dense", "units": 2, "activation": "softmax"}], "epochs": 1}""",
                                ModelSpec.class),
                new DataShape(4, Task.CLASSIFICATION, List.of("a", "b"), 10));
        return new NewModel(
                job,
                UUID.randomUUID(),
                "bars",
                spec,
                new ImageEncoding(List.of(1, 2, 2), List.of("a", "b"), 0.5f, 0.25f, null, null),
                Metrics.none(),
                List.of(),
                null,
                new TestPredictions(new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 1}, 2, new float[] {1, 0, 0, 1}),
                dir);
    }

    private long storedModels() throws IOException {
        Path models = DATA_DIR.resolve("artifacts").resolve("models");
        if (!Files.isDirectory(models)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(models)) {
            return dirs.count();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
