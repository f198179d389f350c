package dev.neurona.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.FileSystemUtils;

/**
 * One contract, two stores: what every {@link ArtifactStore} must do, run against the filesystem
 * ({@link FileArtifactStoreTest}) and S3 ({@link S3ArtifactStoreTest}, a real S3Proxy server).
 */
abstract class ArtifactStoreContract {

    Path dataDir;
    ArtifactStore store;

    abstract ArtifactStore newStore(Path dataDir) throws IOException;

    /** Replaces an artifact's bytes behind the store's back, as a disk fault or another writer would. */
    abstract void tamper(String key, byte[] bytes) throws IOException;

    @BeforeEach
    void open() throws IOException {
        dataDir = Files.createTempDirectory("neurona-store-");
        store = newStore(dataDir);
    }

    @AfterEach
    void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
        delete(dataDir);
    }

    @Test
    void putThenReadGivesTheBytesAndTheirSha256() {
        byte[] bytes = randomBytes(10_000, 1);
        String sha = store.put("datasets/d1/data.csv", new ByteArrayInputStream(bytes));
        assertThat(sha).isEqualTo(sha256(bytes)).hasSize(64);
        assertThat(store.read("datasets/d1/data.csv")).isEqualTo(bytes);
        assertThat(store.sha256Of("datasets/d1/data.csv")).isEqualTo(sha);
        assertThat(store.exists("datasets/d1/data.csv")).isTrue();
        assertThat(store.exists("datasets/d1/other.csv")).isFalse();
        assertThat(store.exists("datasets/d1"))
                .as("a prefix is not an artifact")
                .isFalse();
        assertThat(store.put("empty", new ByteArrayInputStream(new byte[0]))).isEqualTo(sha256(new byte[0]));
        assertThat(store.read("empty")).isEmpty();
    }

    @Test
    void rangeReadsTakeTheBytesAtAnOffsetAndRefuseToReadPastTheEnd() {
        byte[] bytes = randomBytes(1000, 2);
        store.put("datasets/d2/pixels.u8", new ByteArrayInputStream(bytes));
        assertThat(store.read("datasets/d2/pixels.u8", 100, 50)).isEqualTo(Arrays.copyOfRange(bytes, 100, 150));
        assertThat(store.read("datasets/d2/pixels.u8", 0, 1)).containsExactly(bytes[0]);
        assertThat(store.read("datasets/d2/pixels.u8", 996, 4)).isEqualTo(Arrays.copyOfRange(bytes, 996, 1000));
        assertThat(store.read("datasets/d2/pixels.u8", 500, 0)).isEmpty();
        assertEof(() -> store.read("datasets/d2/pixels.u8", 990, 20));
        assertEof(() -> store.read("datasets/d2/pixels.u8", 1000, 1));
        assertEof(() -> store.read("datasets/d2/pixels.u8", 5000, 4));
    }

    @Test
    void aMissingKeyIsANoSuchFileException() {
        assertMissing(() -> store.read("datasets/none/data.csv"));
        assertMissing(() -> store.read("datasets/none/data.csv", 0, 4));
        assertMissing(() -> store.read("datasets/none/data.csv", 0, 0));
        assertMissing(() -> store.sha256Of("datasets/none/data.csv"));
        assertThat(store.exists("datasets/none/data.csv")).isFalse();
        assertThat(store.localDirectory("models/none")).doesNotExist();
        store.deletePrefix("datasets/none");
    }

    @Test
    void putDirectoryAndLocalDirectoryHoldTheSameFiles() throws IOException {
        Path source = Files.createDirectories(dataDir.resolve("source"));
        Map<String, byte[]> files = Map.of(
                "model-0000.params",
                randomBytes(70_000, 3),
                "spec.json",
                "{\"layers\":[]}".getBytes(StandardCharsets.UTF_8),
                "empty.bin",
                new byte[0]);
        for (var file : files.entrySet()) {
            Files.write(source.resolve(file.getKey()), file.getValue());
        }
        Files.createDirectories(source.resolve("not-a-file"));

        Map<String, String> sums = store.putDirectory("models/m1", source);

        assertThat(sums).containsOnlyKeys(files.keySet());
        files.forEach((name, bytes) -> assertThat(sums.get(name)).as(name).isEqualTo(sha256(bytes)));
        Path local = store.localDirectory("models/m1");
        assertThat(names(local)).containsExactlyInAnyOrderElementsOf(files.keySet());
        for (var file : files.entrySet()) {
            assertThat(local.resolve(file.getKey())).as(file.getKey()).hasBinaryContent(file.getValue());
            assertThat(store.read("models/m1/" + file.getKey())).isEqualTo(file.getValue());
        }
        assertThat(store.localDirectory("models/m1")).isEqualTo(local);
    }

    @Test
    void aSecondPutReplacesTheBytesEverywhere() {
        byte[] first = randomBytes(5000, 4);
        byte[] second = randomBytes(5000, 5);
        store.put("models/m2/model-0000.params", new ByteArrayInputStream(first));
        Path local = store.localDirectory("models/m2");
        assertThat(local.resolve("model-0000.params")).hasBinaryContent(first);

        // the same length: a stale copy cannot be told apart by size alone
        assertThat(store.put("models/m2/model-0000.params", new ByteArrayInputStream(second)))
                .isEqualTo(sha256(second));

        assertThat(store.read("models/m2/model-0000.params")).isEqualTo(second);
        assertThat(store.sha256Of("models/m2/model-0000.params")).isEqualTo(sha256(second));
        assertThat(store.localDirectory("models/m2").resolve("model-0000.params"))
                .hasBinaryContent(second);
    }

    @Test
    void deletePrefixRemovesEverythingUnderItAndTheLocalCopy() {
        store.put("models/m3/a", bytes("a"));
        store.put("models/m3/b", bytes("b"));
        store.put("models/m30/a", bytes("sibling"));
        Path local = store.localDirectory("models/m3");
        assertThat(local.resolve("a")).exists();

        store.deletePrefix("models/m3");

        assertThat(store.exists("models/m3/a")).isFalse();
        assertThat(store.exists("models/m3/b")).isFalse();
        assertMissing(() -> store.read("models/m3/a"));
        assertThat(local).doesNotExist();
        assertThat(store.localDirectory("models/m3")).doesNotExist();
        assertThat(store.read("models/m30/a"))
                .as("a prefix is a path, not a string prefix")
                .isEqualTo("sibling".getBytes(StandardCharsets.UTF_8));
        store.deletePrefix("models/m3");
    }

    @Test
    void sha256OfRecomputesAndSoNoticesAChangedArtifact() throws IOException {
        String sha = store.put("models/m4/model-0000.params", new ByteArrayInputStream(randomBytes(3000, 6)));
        byte[] changed = randomBytes(3000, 7);
        tamper("models/m4/model-0000.params", changed);
        assertThat(store.sha256Of("models/m4/model-0000.params"))
                .isNotEqualTo(sha)
                .isEqualTo(sha256(changed));
    }

    @Test
    void unsafeKeysAreRefused() {
        for (String key : List.of(
                "../x",
                "a/../b",
                "a/..",
                "..",
                "a//b",
                "/abs",
                "/",
                "a/",
                "",
                "a/./b",
                ".",
                "a b",
                "a\\b",
                "a\u0000b",
                "ü")) {
            Consumer<ThrowingCallable> refused = call -> assertThatThrownBy(call)
                    .as("key '%s'", key)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unsafe artifact key");
            refused.accept(() -> store.put(key, bytes("x")));
            refused.accept(() -> store.read(key));
            refused.accept(() -> store.read(key, 0, 1));
            refused.accept(() -> store.sha256Of(key));
            refused.accept(() -> store.exists(key));
            refused.accept(() -> store.localDirectory(key));
            refused.accept(() -> store.deletePrefix(key));
        }
    }

    @Test
    void aStreamOfManyMegabytesRoundTrips() throws IOException {
        long length = 12L * 1024 * 1024 + 123;
        String sha = store.put("datasets/big/pixels.u8", new GeneratedStream(length, 8));
        String expected;
        try (InputStream in = new GeneratedStream(length, 8)) {
            expected = sha256(in.readAllBytes());
        }
        assertThat(sha).isEqualTo(expected);
        assertThat(store.sha256Of("datasets/big/pixels.u8")).isEqualTo(expected);
        byte[] all = store.read("datasets/big/pixels.u8");
        assertThat(all).hasSize((int) length);
        assertThat(sha256(all)).isEqualTo(expected);
        int across = 8 * 1024 * 1024 - 10;
        assertThat(store.read("datasets/big/pixels.u8", across, 20))
                .isEqualTo(Arrays.copyOfRange(all, across, across + 20));
    }

    @Test
    void healthIsUpAndDescribesTheStore() {
        var health = new StorageHealthIndicator(store).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("store")).isEqualTo(store.describe());
    }

    static void assertEof(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(UncheckedIOException.class)
                .cause()
                .isInstanceOf(EOFException.class);
    }

    static void assertMissing(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(UncheckedIOException.class)
                .cause()
                .isInstanceOf(NoSuchFileException.class);
    }

    static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    static void delete(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
