package dev.neurona.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The artifact store contract on the filesystem, and what only files do. */
class FileArtifactStoreTest extends ArtifactStoreContract {

    @Override
    ArtifactStore newStore(Path dataDir) throws IOException {
        return new FileArtifactStore(dataDir.resolve("artifacts"));
    }

    @Override
    void tamper(String key, byte[] bytes) throws IOException {
        Files.write(dataDir.resolve("artifacts").resolve(key), bytes);
    }

    @Test
    void keysAreFilesUnderTheRoot() {
        store.put("datasets/d9/data.csv", bytes("x,y\n"));
        assertThat(dataDir.resolve("artifacts/datasets/d9/data.csv")).hasContent("x,y\n");
        assertThat(store.describe())
                .isEqualTo("filesystem " + dataDir.resolve("artifacts").toAbsolutePath());
    }

    @Test
    void healthIsDownWithoutTheDirectory() {
        delete(dataDir.resolve("artifacts"));
        var health = new StorageHealthIndicator(store).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("not a writable directory");
    }
}
