package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.NeuronaApplication;
import dev.neurona.hostile.HostileFiles;
import dev.neurona.support.Bundles;
import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Form;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model leaves one service as a portable bundle and arrives in another with its own data directory and database:
 * the same record (but a new id) and identical predictions. A damaged or foreign bundle leaves nothing behind.
 */
@EndToEndTest
@ExtendWith(TestData.DeleteDataDir.class)
class ModelBundleEndToEndTest {

    static final Path DATA_DIR = TestData.tempDir("neurona-bundle-other-");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<Map<String, Object>> ROWS = List.of(
            Map.of("x1", -3.1, "x2", -2.7, "color", "red"),
            Map.of("x1", 2.9, "x2", 3.2, "color", "green"),
            Map.of("x1", 0.0, "x2", 0.5, "color", "blue"),
            Map.of("x1", -2.5, "x2", 3.3, "color", "green"));

    @LocalServerPort
    int port;

    @Test
    void aBundleCarriesAModelToAnotherServiceThatPredictsIdentically() {
        Http here = new Http(port);
        String datasetId = here.dataset(TestData.blobs(40, 9), Map.of("name", "blobs"))
                .get("id")
                .asString();
        JsonNode model = here.trainToModel(datasetId, TestData.softmax3(10, 16), Duration.ofSeconds(120));
        String id = model.get("id").asString();
        JsonNode before = here.predict(id, ROWS);

        Http reader = new Http(port, here.createKey("predictor"));
        Http.Binary export = reader.bytes("/api/v1/models/" + id + "/export?format=neurona", null);
        assertThat(export.status()).as("export: %s", export).isEqualTo(200);
        assertThat(export.contentType()).isEqualTo("application/zip");
        Map<String, byte[]> files = Bundles.unzip(export.body());
        assertThat(files.keySet())
                .containsExactlyInAnyOrder(
                        "manifest.json",
                        "spec.json",
                        "preprocessing.json",
                        "metrics.json",
                        "diagnosis.json",
                        "receipt.json",
                        "parameters/model-0000.params",
                        "parameters/test-predictions.bin",
                        "SHA256SUMS");
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.get("format").asString()).isEqualTo("neurona-model-bundle");
        assertThat(manifest.get("name").asString()).isEqualTo(model.get("name").asString());
        assertThat(manifest.get("modelId").asString()).isEqualTo(id);
        // SHA256SUMS is what sha256sum -c reads
        String sums = new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8);
        files.forEach((name, bytes) -> {
            if (!name.equals("SHA256SUMS")) {
                assertThat(sums).contains(Bundles.sha256(bytes) + "  " + name + "\n");
            }
        });
        assertThat(reader.bytes("/api/v1/models/" + java.util.UUID.randomUUID() + "/export?format=neurona", null)
                        .status())
                .isEqualTo(404);
        Problems.problem(Bundles.importInto(reader, export.body()), 403);

        try (ConfigurableApplicationContext other = start(DATA_DIR)) {
            Http there = new Http(port(other));

            Problems.fieldProblemUnder(
                    Bundles.importInto(there, "not a zip".getBytes(StandardCharsets.UTF_8)), "bundle", "not a ZIP");
            Map<String, byte[]> changed = new LinkedHashMap<>(files);
            byte[] parameters = changed.get("parameters/model-0000.params").clone();
            parameters[parameters.length - 1] ^= 1;
            changed.put("parameters/model-0000.params", parameters);
            Problems.fieldProblemUnder(
                    Bundles.importInto(there, Bundles.zip(changed)), "bundle", "does not match its SHA-256");
            // another network's spec, consistent sums: only loading the parameters can tell
            Map<String, byte[]> foreign = new LinkedHashMap<>(files);
            foreign.put(
                    "spec.json",
                    new String(files.get("spec.json"), StandardCharsets.UTF_8)
                            .replace("\"units\":16", "\"units\":8")
                            .getBytes(StandardCharsets.UTF_8));
            Problems.fieldProblemUnder(
                    Bundles.importInto(there, Bundles.zip(Bundles.resummed(foreign))), "bundle", "do not load");
            assertThat(there.ids("/api/v1/models")).isEmpty();
            assertThat(storedModels()).isEmpty();

            Http.Response imported = Bundles.importInto(there, export.body());
            assertThat(imported.status()).as("import: %s", imported).isEqualTo(201);
            String newId = imported.json().get("id").asString();
            assertThat(newId).isNotEqualTo(id);
            assertThat(imported.location()).endsWith("/api/v1/models/" + newId);
            JsonNode copy = there.getJson("/api/v1/models/" + newId);
            for (String field :
                    List.of("name", "task", "datasetId", "spec", "preprocessing", "metrics", "diagnosis", "receipt")) {
                assertThat(copy.get(field)).as(field).isEqualTo(model.get(field));
            }
            // the registered name it had, as the first version of that name here
            assertThat(copy.get("registeredName")).isEqualTo(model.get("registeredName"));
            assertThat(copy.get("version").asInt()).isEqualTo(1);
            assertThat(there.ids("/api/v1/models")).containsExactly(newId);
            assertThat(storedModels()).containsExactly(newId);

            JsonNode after = there.predict(newId, ROWS);
            assertThat(after).isEqualTo(before);

            // and back out again: the same files, so a bundle survives any number of hops
            Map<String, byte[]> again =
                    Bundles.unzip(there.bytes("/api/v1/models/" + newId + "/export?format=neurona", null)
                            .body());
            for (String name : files.keySet()) {
                if (!name.equals("manifest.json") && !name.equals("SHA256SUMS")) {
                    assertThat(again.get(name)).as(name).isEqualTo(files.get(name));
                }
            }
        }
    }

    /** An image model with batch normalisation (running statistics are parameters too) survives the trip. */
    @Test
    void anImageModelComesBackPredictingIdentically() {
        Http http = new Http(port);
        Http.Response upload = new Form()
                .file("images", "train-images-idx3-ubyte", HostileFiles.idxImages(120))
                .file("labels", "train-labels-idx1-ubyte", HostileFiles.idxLabels(120))
                .post(http, "/api/v1/datasets");
        assertThat(upload.status()).as("upload: %s", upload).isEqualTo(201);
        String spec =
                """
                {"layers": [{"type": "conv2d", "filters": 4, "kernelSize": 5, "activation": "relu"},
                            {"type": "batchnorm"}, {"type": "maxpool2d", "poolSize": 4}, {"type": "flatten"},
                            {"type": "dense", "units": 2, "activation": "softmax"}],
                 "epochs": 2, "batchSize": 16, "seed": 3}""";
        String id = http.trainToModel(upload.json().get("id").asString(), spec, Duration.ofSeconds(120))
                .get("id")
                .asString();
        java.util.Random random = new java.util.Random(5);
        List<List<Integer>> images = List.of(
                java.util.stream.IntStream.range(0, 784)
                        .mapToObj(i -> random.nextInt(256))
                        .toList(),
                java.util.stream.IntStream.range(0, 784)
                        .mapToObj(i -> i % 28 == 14 ? 255 : 0)
                        .toList());
        Http.Response before = http.postJson("/api/v1/models/" + id + "/predictions", Map.of("images", images));
        assertThat(before.status()).as("predict: %s", before).isEqualTo(200);

        byte[] bundle = http.bytes("/api/v1/models/" + id + "/export?format=neurona", null)
                .body();
        Problems.fieldProblem(Bundles.importInto(http, bundle, "?name=Not%20a%20name"), "name");
        Http.Response imported = Bundles.importInto(http, bundle, "?name=imported-digits");
        assertThat(imported.status()).as("import: %s", imported).isEqualTo(201);
        assertThat(imported.json().get("registeredName").asString()).isEqualTo("imported-digits");
        String copy = imported.json().get("id").asString();
        Http.Response after = http.postJson("/api/v1/models/" + copy + "/predictions", Map.of("images", images));
        assertThat(after.json().get("predictions")).isEqualTo(before.json().get("predictions"));
    }

    /** A graph (a skip connection joined to the input) comes back with its wiring and predicts identically. */
    @Test
    void aGraphModelComesBackWiredAsItWas() {
        Http http = new Http(port);
        String datasetId = http.dataset(TestData.blobs(30, 4), Map.of("name", "blobs"))
                .get("id")
                .asString();
        String spec =
                """
                {"layers": [{"type": "dense", "units": 8, "activation": "relu", "name": "h1"},
                            {"type": "dense", "units": 8, "activation": "tanh", "name": "h2"},
                            {"type": "add", "inputs": ["h1", "h2"], "name": "skip"},
                            {"type": "concatenate", "inputs": ["input", "skip"], "name": "wide"},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "epochs": 3, "batchSize": 16, "seed": 3}""";
        JsonNode model = http.trainToModel(datasetId, spec, Duration.ofSeconds(120));
        String id = model.get("id").asString();
        JsonNode before = http.predict(id, ROWS);

        byte[] bundle = http.bytes("/api/v1/models/" + id + "/export?format=neurona", null)
                .body();
        JsonNode bundled = JSON.readTree(Bundles.unzip(bundle).get("spec.json"));
        assertThat(bundled.get("layers").get(3).get("inputs").toString()).isEqualTo("[\"input\",\"skip\"]");
        Http.Response imported = Bundles.importInto(http, bundle, "?name=imported-graph");
        assertThat(imported.status()).as("import: %s", imported).isEqualTo(201);
        String copy = imported.json().get("id").asString();

        assertThat(http.getJson("/api/v1/models/" + copy).get("spec")).isEqualTo(model.get("spec"));
        assertThat(http.predict(copy, ROWS)).isEqualTo(before);
    }

    private static List<String> storedModels() {
        Path models = DATA_DIR.resolve("artifacts").resolve("models");
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(models)) {
            return dirs.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A second service in this JVM with its own data directory (so its own H2 database and artifact store) and no
     * job server: it only imports and predicts. Command-line arguments, as in {@link PersistenceRestartTest}.
     */
    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(NeuronaApplication.class)
                .run("--server.port=0", "--neurona.data-dir=" + dataDir, "--neurona.role=api");
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
