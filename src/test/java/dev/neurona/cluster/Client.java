package dev.neurona.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP calls the cluster tests make, with the admin key, against any node. */
final class Client {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Client() {}

    static JsonNode uploadCsv(String base, String fileName, byte[] csv, String label)
            throws IOException, InterruptedException {
        String boundary = "cluster-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return send(
                request(base + "/api/v1/datasets?labelColumn=" + label)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, csv, tail)))
                        .build(),
                201);
    }

    static JsonNode post(String url, String json, int expected) throws IOException, InterruptedException {
        return send(
                request(url)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                expected);
    }

    static void delete(String url, int expected) throws IOException, InterruptedException {
        send(request(url).DELETE().build(), expected);
    }

    /** A plain-text answer, such as Prometheus' exposition format. */
    static String text(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        return send(request(url).GET().build(), 200);
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("X-API-Key", ServiceNode.ADMIN_KEY);
    }

    private static JsonNode send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new AssertionError(request.method() + " " + request.uri() + " answered " + r.statusCode()
                    + " (expected " + expected + "): " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }
}
