package dev.neurona.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Large binary data (uploaded files, model parameters) by key, each write atomic and fingerprinted with SHA-256.
 * Keys are slash-separated, e.g. {@code models/<id>/x}; a key with an empty, {@code .} or {@code ..} segment, a
 * leading slash or a character outside {@code [A-Za-z0-9._-]} is refused with an {@link IllegalArgumentException}.
 * A missing key is an {@link java.io.UncheckedIOException} caused by a {@link java.nio.file.NoSuchFileException},
 * whichever store is configured ({@code neurona.artifacts.store}: the filesystem or an S3-compatible bucket).
 */
public interface ArtifactStore {

    /** Stores the stream under key, replacing what was there; returns its SHA-256. */
    String put(String key, InputStream in);

    /** Copies every file of a local directory under prefix; returns file name → SHA-256. */
    default Map<String, String> putDirectory(String prefix, Path directory) {
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

    byte[] read(String key);

    /**
     * {@code length} bytes from {@code offset} on, without reading the rest of the artifact; an artifact that ends
     * before is an {@link java.io.UncheckedIOException} caused by an {@link java.io.EOFException}.
     */
    byte[] read(String key, long offset, int length);

    /** A local directory holding every file under prefix (DJL loads models from a directory). */
    Path localDirectory(String prefix);

    /** Recomputes a stored artifact's SHA-256 from its bytes, to verify it against the recorded one. */
    String sha256Of(String key);

    /** Removes the artifact named prefix and everything under {@code prefix/}; nothing there is fine. */
    void deletePrefix(String prefix);

    boolean exists(String key);

    /** Where the artifacts are, for health and logs, e.g. {@code filesystem /srv/neurona/artifacts}. */
    String describe();
}
