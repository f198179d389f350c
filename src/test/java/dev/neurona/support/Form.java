package dev.neurona.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A multipart/form-data body built part by part, including parts no browser would send. */
public final class Form {

    public static final String BOUNDARY = "corpus-7a1d2b";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Form field(String name, String value) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    public Form file(String name, String fileName, byte[] bytes) {
        return file(name, fileName, "application/octet-stream", bytes);
    }

    public Form file(String name, String fileName, String contentType, byte[] bytes) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(bytes);
        write("\r\n");
        return this;
    }

    /** The body with its closing boundary. */
    public byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    /** The body without its closing boundary, as a cut-off upload arrives. */
    public byte[] unterminated() {
        return out.toByteArray();
    }

    public static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    /** Posts this form to {@code path}. */
    public Http.Response post(Http http, String path) {
        return http.post(path, contentType(), bytes());
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
