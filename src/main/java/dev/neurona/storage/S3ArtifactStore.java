package dev.neurona.storage;

import dev.neurona.platform.NeuronaProperties;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Artifacts as objects in an S3 bucket (AWS or any S3-compatible server), under an optional key prefix. Uploads are
 * spooled to a local file first: S3 wants the length up front, and the SHA-256 is known before anything is sent, so it
 * travels as the object's {@code sha256} metadata. DJL loads models from a directory, so {@link #localDirectory}
 * keeps a copy of a prefix under {@code <data-dir>/artifact-cache}, refreshed when an object's ETag changes.
 */
final class S3ArtifactStore implements ArtifactStore, StorageCheck, AutoCloseable {

    static final String SHA256_METADATA = "sha256";

    private static final Logger log = LoggerFactory.getLogger(S3ArtifactStore.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
    /** Most keys one DeleteObjects request takes. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final String bucket;
    /** Empty, or ending with a slash. */
    private final String keyPrefix;

    private final S3ArtifactCache cache;
    private final String description;

    S3ArtifactStore(NeuronaProperties.Artifacts.S3 settings, Path dataDir) throws IOException {
        if (settings.bucket().isBlank()) {
            throw new IllegalArgumentException(
                    "neurona.artifacts.s3.bucket is required with neurona.artifacts.store=s3");
        }
        String prefix = settings.prefix().replaceAll("^/+|/+$", "");
        this.keyPrefix = prefix.isEmpty() ? "" : ArtifactKeys.requireSafe(prefix) + "/";
        this.bucket = settings.bucket();
        this.description = "s3://" + bucket + "/" + keyPrefix
                + (settings.endpoint().isBlank() ? " on AWS " + settings.region() : " at " + settings.endpoint());
        this.s3 = client(settings);
        this.cache = new S3ArtifactCache(s3, bucket, dataDir.resolve("artifact-cache"));
        if (settings.createBucket()) {
            createBucketIfMissing(settings);
        }
    }

    private static S3Client client(NeuronaProperties.Artifacts.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)));
        if (!settings.endpoint().isBlank()) {
            // Since SDK 2.30 every upload carries a CRC trailer and downloads are checked against one: AWS features
            // that S3-compatible servers support unevenly. Off for them; our own SHA-256 covers integrity end to end.
            builder.endpointOverride(URI.create(settings.endpoint()))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(NeuronaProperties.Artifacts.S3 settings) {
        if (settings.accessKey().isBlank() && settings.secretKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (settings.accessKey().isBlank() || settings.secretKey().isBlank()) {
            throw new IllegalArgumentException(
                    "neurona.artifacts.s3.access-key and secret-key go together: set both, or neither");
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    }

    private void createBucketIfMissing(NeuronaProperties.Artifacts.S3 settings) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            log.info("Creating the artifact bucket {}", bucket);
            // us-east-1 is the one region AWS refuses as an explicit location constraint
            String region = settings.region();
            try {
                s3.createBucket(b -> {
                    b.bucket(bucket);
                    if (!region.equals("us-east-1")) {
                        b.createBucketConfiguration(c -> c.locationConstraint(region));
                    }
                });
            } catch (S3Exception raced) {
                // several nodes starting together: another one created it a moment ago
                if (raced.statusCode() != 409) {
                    throw raced;
                }
                s3.headBucket(b -> b.bucket(bucket));
            }
        }
    }

    @Override
    public String put(String key, InputStream in) {
        String objectKey = objectKey(key);
        Path tmp = null;
        try {
            tmp = cache.tempFile("put");
            MessageDigest sha = ArtifactKeys.sha256();
            try (InputStream digesting = new DigestInputStream(in, sha)) {
                Files.copy(digesting, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            String hex = ArtifactKeys.hex(sha);
            long length = Files.size(tmp);
            s3.putObject(
                    b -> b.bucket(bucket).key(objectKey).contentLength(length).metadata(Map.of(SHA256_METADATA, hex)),
                    RequestBody.fromFile(tmp));
            return hex;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact " + key, e);
        } catch (SdkException e) {
            throw failure("cannot store artifact " + key, key, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public byte[] read(String key) {
        String objectKey = objectKey(key);
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey)).asByteArrayUnsafe();
        } catch (SdkException e) {
            throw failure("cannot read artifact " + key, key, e);
        }
    }

    @Override
    public byte[] read(String key, long offset, int length) {
        String objectKey = objectKey(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length reading " + key);
        }
        if (length == 0) {
            if (!exists(key)) {
                throw failure(
                        "cannot read artifact " + key,
                        key,
                        NoSuchKeyException.builder().build());
            }
            return new byte[0];
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        try (ResponseInputStream<GetObjectResponse> in =
                s3.getObject(b -> b.bucket(bucket).key(objectKey).range(range))) {
            // a server that ignores Range answers 200 with the whole object
            boolean whole = in.response().contentRange() == null;
            if (whole) {
                in.skipNBytes(offset);
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException("artifact " + key + " ends before byte " + (offset + length));
            }
            if (whole) {
                in.abort();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + key, e);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                throw new UncheckedIOException(
                        "cannot read artifact " + key,
                        new EOFException("artifact " + key + " ends before byte " + (offset + 1)));
            }
            throw failure("cannot read artifact " + key, key, e);
        } catch (SdkException e) {
            throw failure("cannot read artifact " + key, key, e);
        }
    }

    /** The local copy of everything under prefix, brought up to date with the bucket (see {@link S3ArtifactCache}). */
    @Override
    public Path localDirectory(String prefix) {
        String safe = ArtifactKeys.requireSafe(prefix);
        try {
            return cache.sync(safe, objectKey(safe) + "/");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache artifacts under " + prefix, e);
        } catch (SdkException e) {
            throw failure("cannot cache artifacts under " + prefix, prefix, e);
        }
    }

    @Override
    public String sha256Of(String key) {
        String objectKey = objectKey(key);
        MessageDigest sha = ArtifactKeys.sha256();
        try (InputStream in =
                new DigestInputStream(s3.getObject(b -> b.bucket(bucket).key(objectKey)), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
            return ArtifactKeys.hex(sha);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + key, e);
        } catch (SdkException e) {
            throw failure("cannot read artifact " + key, key, e);
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        String base = objectKey(prefix);
        try {
            // listed in full first: deleting while paging through the same listing is asking for skipped keys
            List<ObjectIdentifier> doomed = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(
                            b -> b.bucket(bucket).prefix(base))
                    .contents()) {
                if (object.key().equals(base) || object.key().startsWith(base + "/")) {
                    doomed.add(ObjectIdentifier.builder().key(object.key()).build());
                }
            }
            for (int from = 0; from < doomed.size(); from += DELETE_BATCH) {
                List<ObjectIdentifier> batch = doomed.subList(from, Math.min(doomed.size(), from + DELETE_BATCH));
                DeleteObjectsResponse response = s3.deleteObjects(
                        b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    var error = response.errors().get(0);
                    throw new IOException(response.errors().size() + " objects not deleted, e.g. " + error.key() + ": "
                            + error.code() + " " + error.message());
                }
            }
            cache.evict(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete artifacts under " + prefix, e);
        } catch (SdkException e) {
            throw failure("cannot delete artifacts under " + prefix, prefix, e);
        }
    }

    @Override
    public boolean exists(String key) {
        String objectKey = objectKey(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(objectKey));
            return true;
        } catch (SdkException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw failure("cannot look up artifact " + key, key, e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /** HeadBucket with a short deadline: the bucket exists and these credentials may use it. */
    @Override
    public void check() {
        s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(CHECK_TIMEOUT)));
    }

    @Override
    public void close() {
        s3.close();
    }

    private String objectKey(String key) {
        return keyPrefix + ArtifactKeys.requireSafe(key);
    }

    private static boolean isNotFound(SdkException e) {
        return e instanceof NoSuchKeyException
                || e instanceof S3Exception s && s.statusCode() == 404 && !isMissingBucket(s);
    }

    private static boolean isMissingBucket(S3Exception e) {
        return e.awsErrorDetails() != null
                && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    /** As the filesystem store fails: a missing key is a NoSuchFileException, anything else an IOException. */
    private static UncheckedIOException failure(String message, String key, SdkException e) {
        IOException cause = isNotFound(e) ? new NoSuchFileException(key) : new IOException(e.getMessage());
        cause.initCause(e);
        return new UncheckedIOException(message, cause);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Cannot delete the temporary file {}: {}", file, e.toString());
            }
        }
    }
}
