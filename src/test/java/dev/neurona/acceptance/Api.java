package dev.neurona.acceptance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A thin HTTP client for the acceptance runs: what a user's script would do with curl. */
final class Api {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;

    Api(int port) {
        this.base = "http://localhost:" + port;
    }

    JsonNode upload(Path csv, String label, String missing) throws IOException, InterruptedException {
        String boundary = "neurona-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + csv.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets?labelColumn="
                        + java.net.URLEncoder.encode(label, StandardCharsets.UTF_8) + "&missingValues=" + missing))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(java.util.List.of(head, Files.readAllBytes(csv), tail)))
                .build();
        return send(request, 201);
    }

    /** Multipart POST of named parts (part name, file name, bytes). */
    JsonNode postParts(String path, java.util.List<String[]> names, java.util.List<byte[]> contents, int expected)
            throws IOException, InterruptedException {
        String boundary = "neurona-" + UUID.randomUUID();
        java.util.List<byte[]> body = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            body.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + names.get(i)[0]
                            + "\"; filename=\"" + names.get(i)[1]
                            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.add(contents.get(i));
            body.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArrays(body))
                        .build(),
                expected);
    }

    JsonNode postJson(String path, String body, int expected) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                expected);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), 200);
    }

    /** Submits a job and waits (up to 10 minutes) for its model. */
    JsonNode trainToModel(String datasetId, String spec) throws IOException, InterruptedException {
        JsonNode job = postJson("/api/v1/jobs", "{\"datasetId\": \"" + datasetId + "\", \"spec\": " + spec + "}", 202);
        String id = job.path("id").asString();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            job = get("/api/v1/jobs/" + id);
            String state = job.path("state").asString();
            if ("SUCCEEDED".equals(state)) {
                return get("/api/v1/models/" + job.path("modelId").asString());
            }
            if ("FAILED".equals(state) || "CANCELLED".equals(state)) {
                throw new AssertionError("job " + id + " ended " + state + ": " + job.path("failureReason"));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish in time: " + job);
    }

    private JsonNode send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpRequest withKey = HttpRequest.newBuilder(request, (name, value) -> true)
                .header("X-API-Key", dev.neurona.support.TestKeys.ADMIN)
                .build();
        HttpResponse<String> response = CLIENT.send(withKey, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * The small CNN the image acceptance runs share: 32 filters 3×3 (same) → pool → 64 filters 3×3 (valid) → pool →
     * dropout 0.3 → 128 → dropout 0.3 → classes, Adam 0.001, batch 128, 5 % validation.
     */
    static String smallCnn(int classes, int epochs, long seed) {
        return """
                {"layers": [
                   {"type": "conv2d", "filters": 32, "kernelSize": 3, "padding": "same", "activation": "relu"},
                   {"type": "maxpool2d", "poolSize": 2},
                   {"type": "conv2d", "filters": 64, "kernelSize": 3, "activation": "relu"},
                   {"type": "maxpool2d", "poolSize": 2},
                   {"type": "flatten"},
                   {"type": "dropout", "rate": 0.3},
                   {"type": "dense", "units": 128, "activation": "relu"},
                   {"type": "dropout", "rate": 0.3},
                   {"type": "dense", "units": %d, "activation": "softmax"}],
                 "optimizer": {"type": "adam", "learningRate": 0.001},
                 "epochs": %d, "batchSize": 128, "validationSplit": 0.05, "seed": %d}"""
                .formatted(classes, epochs, seed);
    }
}
