package dev.neurona.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.springframework.util.FileSystemUtils;

/**
 * Artifacts as files under one root directory ({@code <data-dir>/artifacts} by default), each write atomic (temp file
 * + move). The root may be a volume shared by several Neurona processes.
 */
final class FileArtifactStore implements ArtifactStore, StorageCheck {

    private final Path root;

    FileArtifactStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    @Override
    public String put(String key, InputStream in) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                MessageDigest sha = ArtifactKeys.sha256();
                try (InputStream digesting = new DigestInputStream(in, sha)) {
                    Files.copy(digesting, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return ArtifactKeys.hex(sha);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact " + key, e);
        }
    }

    @Override
    public byte[] read(String key) {
        try {
            return Files.readAllBytes(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + key, e);
        }
    }

    @Override
    public byte[] read(String key, long offset, int length) {
        try (FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new EOFException("artifact " + key + " ends before byte " + (offset + length));
                }
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + key, e);
        }
    }

    /** The store's own directory: nothing to copy. */
    @Override
    public Path localDirectory(String prefix) {
        return path(prefix);
    }

    @Override
    public String sha256Of(String key) {
        MessageDigest sha = ArtifactKeys.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path(key)), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
            return ArtifactKeys.hex(sha);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + key, e);
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        try {
            FileSystemUtils.deleteRecursively(path(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete artifacts under " + prefix, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public String describe() {
        return "filesystem " + root;
    }

    @Override
    public void check() throws IOException {
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new IOException("artifact directory " + root + " is not a writable directory");
        }
    }

    private Path path(String key) {
        return root.resolve(ArtifactKeys.requireSafe(key));
    }
}
