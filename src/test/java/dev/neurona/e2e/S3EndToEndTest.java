package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.S3ProxyServer;
import dev.neurona.support.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * The whole service with {@code neurona.artifacts.store=s3} against a real S3 server (S3Proxy): a dataset, a trained
 * model and its predictions go through the bucket, nothing through {@code <data-dir>/artifacts}, and deleting them
 * empties the bucket again.
 */
@ExtendWith(S3EndToEndTest.StopS3Proxy.class)
@EndToEndTest
class S3EndToEndTest {

    static final String BUCKET = "neurona-e2e";
    static final String PREFIX = "team-a/neurona";
    static final Duration TRAINING = Duration.ofSeconds(120);

    private static S3ProxyServer s3proxy;

    @DynamicPropertySource
    static synchronized void properties(DynamicPropertyRegistry registry) {
        if (s3proxy == null) {
            s3proxy = S3ProxyServer.start();
        }
        registry.add("neurona.artifacts.store", () -> "s3");
        registry.add("neurona.artifacts.s3.bucket", () -> BUCKET);
        registry.add("neurona.artifacts.s3.prefix", () -> PREFIX);
        registry.add("neurona.artifacts.s3.endpoint", () -> s3proxy.endpoint().toString());
        registry.add("neurona.artifacts.s3.access-key", s3proxy::accessKey);
        registry.add("neurona.artifacts.s3.secret-key", s3proxy::secretKey);
        registry.add("neurona.artifacts.s3.create-bucket", () -> "true");
    }

    /** Stops S3Proxy after Spring has closed the context that talks to it (declared before @SpringBootTest). */
    static final class StopS3Proxy implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            synchronized (S3EndToEndTest.class) {
                if (s3proxy != null) {
                    s3proxy.close();
                    s3proxy = null;
                }
            }
        }
    }

    @LocalServerPort
    int port;

    @Value("${neurona.data-dir}")
    Path dataDir;

    @Test
    void irisGoesThroughTheBucketFromUploadToDeletion() throws IOException {
        Assumptions.assumeTrue(
                Files.exists(ApiEndToEndTest.IRIS), "../shared is absent: no " + ApiEndToEndTest.IRIS.toAbsolutePath());
        Http http = new Http(port);
        try (S3Client bucket = s3proxy.newClient()) {
            JsonNode storage =
                    http.get("/actuator/health").json().get("components").get("storage");
            assertThat(storage.get("status").asString()).as("%s", storage).isEqualTo("UP");
            assertThat(storage.get("details").get("store").asString())
                    .isEqualTo("s3://" + BUCKET + "/" + PREFIX + "/ at " + s3proxy.endpoint());

            Http.Response upload = http.upload(
                    "/api/v1/datasets",
                    Map.of("name", "iris", "labelColumn", "species", "task", "classification"),
                    "iris.csv",
                    Files.readAllBytes(ApiEndToEndTest.IRIS));
            assertThat(upload.status()).as("%s", upload).isEqualTo(201);
            String datasetId = upload.json().get("id").asString();
            assertThat(objects(bucket, "datasets/" + datasetId)).isNotEmpty();
            JsonNode samples = http.get("/api/v1/datasets/" + datasetId + "/samples?offset=0&limit=2")
                    .json();
            assertThat(samples.get(0).get("species").asString())
                    .as("read back from the bucket")
                    .isEqualTo("setosa");

            String jobId = http.submit(datasetId, TestData.softmax3(40, 16));
            String modelId =
                    http.awaitState(jobId, "SUCCEEDED", TRAINING).get("modelId").asString();
            JsonNode predictions = http.predict(modelId, TestData.SETOSA_AND_VIRGINICA);
            assertThat(predictions.get(0).get("label").asString()).isEqualTo("setosa");
            assertThat(predictions.get(1).get("label").asString()).isEqualTo("virginica");

            // every file the registry recorded is an object with the recorded SHA-256, and nothing more
            JsonNode recorded = http.get("/api/v1/models/" + modelId).json().get("artifacts");
            Map<String, String> stored = objects(bucket, "models/" + modelId);
            assertThat(stored.keySet())
                    .containsExactlyInAnyOrderElementsOf(recorded.propertyNames())
                    .anyMatch(key -> key.endsWith(".params"))
                    .contains("models/" + modelId + "/spec.json");
            for (String key : stored.keySet()) {
                String sha = bucket.headObject(b -> b.bucket(BUCKET).key(PREFIX + "/" + key))
                        .metadata()
                        .get("sha256");
                assertThat(sha).as(key).isEqualTo(recorded.get(key).asString());
            }
            assertThat(dataDir.resolve("artifacts"))
                    .as("the filesystem store was not used")
                    .doesNotExist();
            Path cached = dataDir.resolve("artifact-cache/models/" + modelId);
            assertThat(cached).as("the copy DJL loaded the model from").isDirectory();

            assertThat(http.delete("/api/v1/models/" + modelId).status()).isEqualTo(204);
            assertThat(objects(bucket, "models/" + modelId)).isEmpty();
            assertThat(cached).doesNotExist();
            assertThat(http.delete("/api/v1/datasets/" + datasetId).status()).isEqualTo(204);
            assertThat(objects(bucket, "datasets/" + datasetId)).isEmpty();
            assertThat(objects(bucket, "")).as("the bucket is empty again").isEmpty();
        }
    }

    /** Keys (without the service's prefix) under prefix in the bucket, with their sizes. */
    private static Map<String, String> objects(S3Client s3, String prefix) {
        String base = PREFIX + "/" + prefix;
        Map<String, String> objects = new TreeMap<>();
        for (S3Object object :
                s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(base)).contents()) {
            objects.put(object.key().substring(PREFIX.length() + 1), object.size() + " bytes");
        }
        return objects;
    }
}
