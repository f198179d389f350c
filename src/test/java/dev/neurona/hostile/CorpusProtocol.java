package dev.neurona.hostile;

import dev.neurona.support.Http;
import dev.neurona.support.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests no HTTP client library would send, written to a socket: malformed request lines and escapes, oversized
 * or contradictory headers, broken chunked bodies. Tomcat refuses them before Spring runs. Not here: an unknown
 * transfer coding and an unknown HTTP version, which Tomcat answers with 501 and 505 as RFC 9112 asks.
 */
final class CorpusProtocol {

    private CorpusProtocol() {}

    static void add(HostileCase.Cases cases) {
        cases.category("http-protocol");
        String key = "X-API-Key: " + TestKeys.ADMIN + "\r\n";
        raw(cases, "malformed percent escape", "GET /api/v1/datasets/%ZZ HTTP/1.1\r\nHost: x\r\n" + key);
        raw(cases, "raw space in the path", "GET /api/v1/data sets HTTP/1.1\r\nHost: x\r\n" + key);
        raw(cases, "raw control character in the path", "GET /api/v1/\u0001 HTTP/1.1\r\nHost: x\r\n" + key);
        raw(cases, "a fragment in the request target", "GET /api/v1/datasets#top HTTP/1.1\r\nHost: x\r\n" + key);
        raw(cases, "relative path", "GET api/v1/datasets HTTP/1.1\r\nHost: x\r\n" + key);
        raw(cases, "header line without a colon", "GET /api/v1/datasets HTTP/1.1\r\nHost: x\r\nnonsense\r\n" + key);
        raw(cases, "header name with a space", "GET /api/v1/datasets HTTP/1.1\r\nHost: x\r\nX Bad: 1\r\n" + key);
        raw(
                cases,
                "a 64 KB header",
                "GET /api/v1/datasets HTTP/1.1\r\nHost: x\r\nX-Junk: " + "j".repeat(65_536) + "\r\n" + key);
        raw(cases, "no Host header", "GET /api/v1/datasets HTTP/1.1\r\n" + key);
        raw(cases, "two Host headers", "GET /api/v1/datasets HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + key);
        raw(
                cases,
                "Content-Length not a number",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\n" + key
                        + "Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}");
        raw(
                cases,
                "negative Content-Length",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\n" + key
                        + "Content-Type: application/json\r\nContent-Length: -5\r\n\r\n{}");
        raw(
                cases,
                "two different Content-Lengths",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\n" + key
                        + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 7\r\n\r\n{}");
        raw(
                cases,
                "Content-Length and chunked together",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\n" + key
                        + "Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2\r\n{}\r\n0\r\n\r\n");
        raw(
                cases,
                "chunk size not hexadecimal",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\n" + key
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        raw(cases, "NUL in a header value", "GET /api/v1/datasets HTTP/1.1\r\nHost: x\r\nX-Junk: a\u0000b\r\n" + key);
        raw(
                cases,
                "body shorter than its Content-Length",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\n" + key
                        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"datasetId\":");
        raw(
                cases,
                "Expect: something unknown",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\n" + key
                        + "Content-Type: application/json\r\nExpect: the-unexpected\r\nContent-Length: 2\r\n\r\n{}");
        // an Accept header that cannot be parsed, or asks for what the endpoint does not make: a 406 problem
        raw(cases, "Accept: ;;;", "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nAccept: ;;;\r\n" + key);
        raw(
                cases,
                "Accept: ;;; on a bad request",
                "GET /api/v1/jobs?limit=-1 HTTP/1.1\r\nHost: x\r\nAccept: ;;;\r\n" + key);
        raw(cases, "Accept: ;;; without a key", "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nAccept: ;;;\r\n");
        raw(
                cases,
                "Accept with a q that is not a number",
                "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nAccept: */*;q=abc\r\n" + key);
        raw(
                cases,
                "Accept with 60 media types",
                "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nAccept: " + "text/a, ".repeat(59) + "text/b\r\n" + key);
        raw(cases, "Accept: text/csv", "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n" + key);
        raw(
                cases,
                "Accept: image/png on a list",
                "GET /api/v1/jobs HTTP/1.1\r\nHost: x\r\nAccept: image/png\r\n" + key);
    }

    /** A request sent as written (with {@code Connection: close} and the header end added if missing). */
    private static void raw(HostileCase.Cases cases, String name, String request) {
        String complete = request.contains("\r\n\r\n")
                ? request.replaceFirst("\r\n", "\r\nConnection: close\r\n")
                : request + "Connection: close\r\n\r\n";
        cases.add(name, t -> send(t.port(), complete.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Writes the bytes, reads until the server closes the connection, and parses what came back. */
    static Http.Response send(int port, byte[] request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            // the end of the request, so a body shorter than announced is noticed at once, not after a timeout
            socket.shutdownOutput();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Http.Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            throw new IllegalStateException("not an HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        byte[] body = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
        return new Http.Response(
                status, contentType, null, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(body);
        try {
            while (true) {
                StringBuilder size = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    size.append((char) c);
                }
                int n = Integer.parseInt(size.toString().trim().split(";")[0], 16);
                if (n == 0) {
                    return out.toByteArray();
                }
                out.write(in.readNBytes(n));
                in.skip(2);
            }
        } catch (IOException | NumberFormatException e) {
            return body;
        }
    }
}
