package dev.neurona.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.platform.NeuronaProperties;
import dev.neurona.support.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.health.contributor.Status;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The artifact store contract on S3 (a real S3Proxy server, started once for the class), and what only S3 does. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ArtifactStoreTest extends ArtifactStoreContract {

    static final String BUCKET = "contract";

    S3ProxyServer server;
    S3Client raw;
    String prefix;
    int stores;

    @BeforeAll
    void startS3Proxy() {
        server = S3ProxyServer.start();
        raw = server.newClient();
    }

    @AfterAll
    void stopS3Proxy() {
        if (raw != null) {
            raw.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Each test under its own key prefix in one bucket, so none sees another's objects. */
    @Override
    ArtifactStore newStore(Path dataDir) throws IOException {
        prefix = "run" + (++stores);
        return new S3ArtifactStore(settings(BUCKET, prefix), dataDir);
    }

    NeuronaProperties.Artifacts.S3 settings(String bucket, String keyPrefix) {
        return new NeuronaProperties.Artifacts.S3(
                bucket,
                server.endpoint().toString(),
                "us-east-1",
                keyPrefix,
                null,
                server.accessKey(),
                server.secretKey(),
                true);
    }

    @Override
    void tamper(String key, byte[] bytes) {
        raw.putObject(b -> b.bucket(BUCKET).key(prefix + "/" + key), RequestBody.fromBytes(bytes));
    }

    @Test
    void objectsLiveUnderThePrefixWithTheirSha256AsMetadata() {
        byte[] bytes = randomBytes(100, 9);
        String sha = store.put("datasets/d1/data.csv", new ByteArrayInputStream(bytes));
        var head = raw.headObject(b -> b.bucket(BUCKET).key(prefix + "/datasets/d1/data.csv"));
        assertThat(head.contentLength()).isEqualTo(100);
        assertThat(head.metadata()).containsEntry(S3ArtifactStore.SHA256_METADATA, sha);
        assertThat(store.describe()).isEqualTo("s3://contract/" + prefix + "/ at " + server.endpoint());
        assertThat(dataDir.resolve("artifact-cache/datasets"))
                .as("nothing cached that was not asked for")
                .doesNotExist();
    }

    @Test
    void theLocalCopyIsKeptWhileTheObjectIsUnchangedAndFollowsTheBucket() throws IOException {
        store.put("models/m5/a", bytes("aaaa"));
        store.put("models/m5/b", bytes("bbbb"));
        Path local = store.localDirectory("models/m5");
        assertThat(local).isEqualTo(dataDir.resolve("artifact-cache/models/m5").toAbsolutePath());
        Object fileKey = Files.readAttributes(local.resolve("a"), "unix:ino").get("ino");

        store.localDirectory("models/m5");
        assertThat(Files.readAttributes(local.resolve("a"), "unix:ino").get("ino"))
                .as("not downloaded again")
                .isEqualTo(fileKey);

        tamper("models/m5/a", "AAAA".getBytes(StandardCharsets.UTF_8));
        raw.deleteObject(b -> b.bucket(BUCKET).key(prefix + "/models/m5/b"));
        store.localDirectory("models/m5");
        assertThat(local.resolve("a")).hasContent("AAAA");
        assertThat(local.resolve("b"))
                .as("gone from the bucket, gone from the copy")
                .doesNotExist();
    }

    @Test
    void theBucketIsCreatedOnlyWhenAsked() throws IOException {
        try (var store = new S3ArtifactStore(settings("made-on-start", ""), dataDir)) {
            store.put("x", bytes("x"));
            assertThat(raw.headObject(b -> b.bucket("made-on-start").key("x")).contentLength())
                    .isEqualTo(1);
        }
        var absent = new NeuronaProperties.Artifacts.S3(
                "never-made",
                server.endpoint().toString(),
                "us-east-1",
                "",
                null,
                server.accessKey(),
                server.secretKey(),
                false);
        try (var store = new S3ArtifactStore(absent, dataDir)) {
            var health = new StorageHealthIndicator(store).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("error").toString()).contains("404");
            assertThatThrownBy(() -> store.read("x"))
                    .isInstanceOf(UncheckedIOException.class)
                    .cause()
                    .isNotInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void healthIsDownWhenTheServerIsUnreachable() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var unreachable = new NeuronaProperties.Artifacts.S3(
                BUCKET, "http://127.0.0.1:" + closedPort, "us-east-1", "", null, "k", "s", false);
        try (var store = new S3ArtifactStore(unreachable, dataDir)) {
            long start = System.nanoTime();
            var health = new StorageHealthIndicator(store).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("error")).isNotNull();
            assertThat(health.getDetails().get("store").toString()).contains("127.0.0.1:" + closedPort);
            assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(5);
        }
    }
}
