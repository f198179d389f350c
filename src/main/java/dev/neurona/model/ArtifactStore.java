package dev.neurona.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.neurona.platform.NeuronaProperties;

import org.springframework.stereotype.Component;

/**
 * Large binary data (uploaded files, model parameters) by key under {@code <data-dir>/artifacts}, each write
 * atomic (temp file + move) and fingerprinted with SHA-256. Keys are slash-separated, e.g. {@code models/<id>/x}.
 */
@Component
public class ArtifactStore {

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private final Path root;

    ArtifactStore(NeuronaProperties properties) throws IOException {
        this.root = properties.dataDir().resolve("artifacts").toAbsolutePath().normalize();
        Files.createDirectories(root);
    }

    /** Stores the stream under key; returns its SHA-256. */
    public String put(String key, InputStream in) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                MessageDigest sha = sha256();
                try (InputStream digesting = new DigestInputStream(in, sha)) {
                    Files.copy(digesting, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return HexFormat.of().formatHex(sha.digest());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact " + key, e);
        }
    }

    /** Copies every file of a local directory under prefix; returns file name → SHA-256. */
    public Map<String, String> putDirectory(String prefix, Path directory) {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    sums.put(file.getFileName().toString(), put(prefix + "/" + file.getFileName(), in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store directory " + directory, e);
        }
        return sums;
    }

    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    public byte[] read(String key) {
        try {
            return Files.readAllBytes(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + key, e);
        }
    }

    /** {@code length} bytes from {@code offset} on, without reading the rest of the artifact. */
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

    /**
     * A local directory holding everything under prefix. The filesystem store hands out its own directory; a remote
     * store would download into a cache here.
     */
    public Path localDirectory(String prefix) {
        return path(prefix);
    }

    /** Recomputes a stored artifact's SHA-256, to verify it against the recorded one. */
    public String sha256Of(String key) {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path(key)), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + key, e);
        }
    }

    public void deletePrefix(String prefix) {
        Path dir = path(prefix);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete artifacts under " + prefix, e);
        }
    }

    private Path path(String key) {
        if (!SAFE_KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("unsafe artifact key " + key);
        }
        return root.resolve(key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
