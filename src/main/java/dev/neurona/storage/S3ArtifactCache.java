package dev.neurona.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Local copies of a bucket's objects under {@code <data-dir>/artifact-cache/<key>}, for DJL, which loads a model
 * from a directory. A copy is kept while the object's size and ETag stay the same. Beside the copies: {@code @etags/}
 * (the ETag each copy was downloaded at) and {@code @spool/} (files on their way in or out); '@' is in no key, so no
 * key's copy can land there, and both are on the cache's filesystem, so every file arrives by an atomic move.
 */
final class S3ArtifactCache {

    private static final Logger log = LoggerFactory.getLogger(S3ArtifactCache.class);

    private final S3Client s3;
    private final String bucket;
    private final Path root;
    private final Path etags;
    private final Path spool;

    S3ArtifactCache(S3Client s3, String bucket, Path root) throws IOException {
        this.s3 = s3;
        this.bucket = bucket;
        this.root = root.toAbsolutePath().normalize();
        this.etags = this.root.resolve("@etags");
        this.spool = this.root.resolve("@spool");
        Files.createDirectories(spool);
    }

    /** A new empty file to spool into, on the cache's filesystem; the caller deletes it. */
    Path tempFile(String kind) throws IOException {
        return Files.createTempFile(spool, kind + "-", ".tmp");
    }

    /**
     * Brings the copy of prefix (a safe key) up to date with the objects under objectPrefix: files whose size and ETag
     * match are kept, the others downloaded, and files no longer in the bucket removed. Returns the directory; it
     * does not exist when nothing is under the prefix, as with the filesystem store.
     */
    synchronized Path sync(String prefix, String objectPrefix) throws IOException {
        Path dir = root.resolve(prefix);
        Path etagDir = etags.resolve(prefix);
        Map<String, S3Object> remote = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(objectPrefix))
                .contents()) {
            String name = object.key().substring(objectPrefix.length());
            if (isSafe(name)) {
                remote.put(name, object);
            } else {
                log.warn("Not caching s3://{}/{}: its name is not a valid artifact key", bucket, object.key());
            }
        }
        for (Map.Entry<String, S3Object> entry : remote.entrySet()) {
            Path local = dir.resolve(entry.getKey());
            Path etag = etagDir.resolve(entry.getKey());
            if (!isCurrent(local, etag, entry.getValue())) {
                download(entry.getValue().key(), local, etag);
            }
        }
        removeStale(dir, etagDir, remote);
        return dir;
    }

    /** Forgets the copy of prefix (a safe key) and of everything under it. */
    synchronized void evict(String prefix) throws IOException {
        FileSystemUtils.deleteRecursively(root.resolve(prefix));
        FileSystemUtils.deleteRecursively(etags.resolve(prefix));
    }

    private static boolean isCurrent(Path local, Path etag, S3Object object) throws IOException {
        return Files.isRegularFile(local)
                && Files.size(local) == object.size()
                && Files.isRegularFile(etag)
                && Files.readString(etag).equals(String.valueOf(object.eTag()));
    }

    private void download(String objectKey, Path local, Path etag) throws IOException {
        Path tmp = tempFile("get");
        Path etagTmp = tempFile("etag");
        try {
            String downloaded;
            try (ResponseInputStream<GetObjectResponse> in =
                    s3.getObject(b -> b.bucket(bucket).key(objectKey))) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                downloaded = in.response().eTag();
            }
            Files.createDirectories(local.getParent());
            Files.move(tmp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // the ETag goes last: a crash in between leaves an old or no ETag, which means download again
            Files.writeString(etagTmp, String.valueOf(downloaded));
            Files.createDirectories(etag.getParent());
            Files.move(etagTmp, etag, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(etagTmp);
        }
    }

    private static void removeStale(Path dir, Path etagDir, Map<String, S3Object> remote) throws IOException {
        if (remote.isEmpty()) {
            FileSystemUtils.deleteRecursively(dir);
            FileSystemUtils.deleteRecursively(etagDir);
            return;
        }
        for (Path base : List.of(dir, etagDir)) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String name = base.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), "/");
                    if (!remote.containsKey(name)) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    private static boolean isSafe(String name) {
        try {
            ArtifactKeys.requireSafe(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
