package dev.neurona.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body built part by part, including parts no browser would send. */
public final class Form {

    /** The boundary of {@code new Form()}, so that a hand-made body can use the same one. */
    public static final String BOUNDARY = "corpus-7a1d2b";

    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Form() {
        this(BOUNDARY);
    }

    private Form(String boundary) {
        this.boundary = boundary;
    }

    /** A form with a boundary of its own, which no uploaded file will happen to contain. */
    public static Form withRandomBoundary() {
        return new Form("neurona-" + UUID.randomUUID());
    }

    public Form field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    public Form file(String name, String fileName, byte[] bytes) {
        return file(name, fileName, "application/octet-stream", bytes);
    }

    public Form file(String name, String fileName, String contentType, byte[] bytes) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(bytes);
        write("\r\n");
        return this;
    }

    /** The body with its closing boundary. */
    public byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    /** The body without its closing boundary, as a cut-off upload arrives. */
    public byte[] unterminated() {
        return out.toByteArray();
    }

    /** The content type of a {@code new Form()}. */
    public static String contentType() {
        return contentType(BOUNDARY);
    }

    /** Posts this form to {@code path}. */
    public Http.Response post(Http http, String path) {
        return http.post(path, contentType(boundary), bytes());
    }

    private static String contentType(String boundary) {
        return "multipart/form-data; boundary=" + boundary;
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
