package dev.neurona.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.web.multipart.MultipartFile;

/** Reading uploaded parts: a failure here is the server's disk or connection, not the user's input. */
public final class Multipart {

    private Multipart() {}

    public static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded part " + file.getName(), e);
        }
    }
}
