package dev.neurona.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Portable model bundles taken apart and put together again, to damage them on purpose. */
public final class Bundles {

    private Bundles() {}

    /** Entry name → bytes, in the archive's order. */
    public static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files as a ZIP, in the map's order, names as given (also hostile ones). */
    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The files with SHA256SUMS written anew for all the others, as a careful forger would. */
    public static Map<String, byte[]> resummed(Map<String, byte[]> files) {
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        out.remove("SHA256SUMS");
        StringBuilder sums = new StringBuilder();
        out.forEach((name, bytes) ->
                sums.append(sha256(bytes)).append("  ").append(name).append('\n'));
        out.put("SHA256SUMS", sums.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle as a request to {@code POST /api/v1/models/import}. */
    public static Http.Response importInto(Http http, byte[] bundle) {
        return importInto(http, bundle, "");
    }

    /** With a query, e.g. {@code ?name=digits}. */
    public static Http.Response importInto(Http http, byte[] bundle, String query) {
        return new Form()
                .file("bundle", "model.neurona.zip", "application/zip", bundle)
                .post(http, "/api/v1/models/import" + query);
    }
}
