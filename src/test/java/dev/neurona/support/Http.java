package dev.neurona.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP against a running Neurona, JSON parsing, multipart bodies and polling with a deadline. */
public final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String key;

    /** A client that sends the tests' admin key. */
    public Http(int port) {
        this(port, TestKeys.ADMIN);
    }

    /** A client with the given API key, or none when null. */
    public Http(int port, String key) {
        this.base = "http://localhost:" + port;
        this.key = key;
    }

    /** The API key this client sends, or null. */
    public String key() {
        return key;
    }

    /** A response with its body kept as text; {@link #json()} parses it. */
    public record Response(int status, String contentType, String location, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A GET with this Accept header. */
    public Response get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    /** A response whose body is kept as bytes (a PNG, say). */
    public record Binary(int status, String contentType, byte[] body) {

        /** The body as text, for a problem+json answer. */
        public Response text() {
            return new Response(status, contentType, null, new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return status + " " + contentType + " "
                    + (contentType.startsWith("image/")
                            ? body.length + " bytes"
                            : new String(body, StandardCharsets.UTF_8));
        }
    }

    /** A GET whose body is read as bytes; {@code accept} may be null. */
    public Binary bytes(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            if (key != null) {
                request.header("X-API-Key", key);
            }
            HttpResponse<byte[]> r = client.send(
                    request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Binary(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Response postJson(String path, Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return post(path, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    public Response post(String path, String contentType, byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** Sends the body without a Content-Length (chunked), as a streaming client would. */
    public Response postChunked(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
    }

    /** multipart/form-data with the given text fields and, if {@code file} is not null, a {@code file} part. */
    public Response upload(String path, Map<String, String> fields, String fileName, byte[] file) {
        String boundary = "neurona-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(
                out,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        if (file != null) {
            write(
                    out,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                            + "\"\r\nContent-Type: text/csv\r\n\r\n");
            out.writeBytes(file);
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return post(path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    /** multipart/form-data with one file part per entry: part name → (file name, bytes); names may repeat. */
    public Response uploadParts(String path, List<Map.Entry<String, Map.Entry<String, byte[]>>> parts) {
        String boundary = "neurona-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, Map.Entry<String, byte[]>> part : parts) {
            write(
                    out,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                            + "\"; filename=\"" + part.getValue().getKey()
                            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(part.getValue().getValue());
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return post(path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    public Response upload(Map<String, String> fields, String csv) {
        return upload("/api/v1/datasets", fields, "data.csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads a CSV that must be accepted and returns the dataset JSON. */
    public JsonNode dataset(String csv, Map<String, String> fields) {
        Response r = upload(fields, csv);
        assertThat(r.status()).as("upload: %s", r).isEqualTo(201);
        return r.json();
    }

    /** Submits a job that must be queued and returns its id. */
    public String submit(String datasetId, String spec) {
        Response r = postJson("/api/v1/jobs", "{\"datasetId\":\"" + datasetId + "\",\"spec\":" + spec + "}");
        assertThat(r.status()).as("submit: %s", r).isEqualTo(202);
        assertThat(r.location()).endsWith("/api/v1/jobs/" + r.json().get("id").asString());
        return r.json().get("id").asString();
    }

    /** A dry run that must be accepted; returns the plan. */
    public JsonNode dryRun(String datasetId, String spec) {
        Response r =
                postJson("/api/v1/jobs", "{\"datasetId\":\"" + datasetId + "\",\"spec\":" + spec + ",\"dryRun\":true}");
        assertThat(r.status()).as("dry run: %s", r).isEqualTo(200);
        return r.json();
    }

    /**
     * Any method with the given headers and body (null: none), for requests no well-behaved client sends: odd
     * methods, missing or contradictory content types, extra credentials.
     */
    public Response exchange(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** Creates an API key with this role (this client must hold an admin key) and returns its secret. */
    public String createKey(String role) {
        Response created = postJson("/api/v1/keys", Map.of("name", role + " key", "role", role));
        assertThat(created.status()).as("create key: %s", created).isEqualTo(201);
        return created.json().get("key").asString();
    }

    public Response cancel(String jobId) {
        return post("/api/v1/jobs/" + jobId + "/cancel", null, new byte[0]);
    }

    /** Predictions that must succeed, one per row. */
    public JsonNode predict(String modelId, List<Map<String, Object>> rows) {
        Response r = postJson("/api/v1/models/" + modelId + "/predictions", Map.of("rows", rows));
        assertThat(r.status()).as("predict: %s", r).isEqualTo(200);
        assertThat(r.json().get("modelId").asString()).isEqualTo(modelId);
        assertThat(r.json().get("predictions")).hasSize(rows.size());
        return r.json().get("predictions");
    }

    /** The ids listed by a collection endpoint such as /api/v1/models. */
    public List<String> ids(String path) {
        Response r = get(path);
        assertThat(r.status()).as("list: %s", r).isEqualTo(200);
        return strings(r.json(), "id");
    }

    /** Jobs (of the last 1000) that train on this dataset. */
    public List<String> jobsOn(String datasetId) {
        List<String> ids = new ArrayList<>();
        for (JsonNode job : get("/api/v1/jobs?limit=1000").json()) {
            if (datasetId.equals(job.get("datasetId").asString())) {
                ids.add(job.get("id").asString());
            }
        }
        return ids;
    }

    /** Waits until one of the jobs is RUNNING with visible progress and returns its id. */
    public String awaitRunning(Duration timeout, String... ids) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> last = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            last.clear();
            for (String id : ids) {
                JsonNode job = job(id);
                if ("RUNNING".equals(job.get("state").asString())
                        && (job.get("epoch").asInt() >= 1 || job.get("batch").asInt() > 0)) {
                    return id;
                }
                last.add(summary(job));
            }
            pause(100);
        }
        return fail("none of %s ran within %s; last: %s", List.of(ids), timeout, last);
    }

    public JsonNode job(String id) {
        Response r = get("/api/v1/jobs/" + id);
        assertThat(r.status()).as("job: %s", r).isEqualTo(200);
        return r.json();
    }

    /** Polls the job until {@code done} holds, failing with its last state after {@code timeout}. */
    public JsonNode awaitJob(String id, Duration timeout, Predicate<JsonNode> done, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = job(id);
            if (done.test(last)) {
                return last;
            }
            if (isTerminal(last.get("state").asString())) {
                // a finished job never changes again
                return fail("job %s finished while waiting for %s: %s", id, what, summary(last));
            }
            pause(100);
        }
        return fail("job %s not %s within %s; last: %s", id, what, timeout, last == null ? null : summary(last));
    }

    public JsonNode awaitState(String id, String state, Duration timeout) {
        return awaitJob(id, timeout, j -> state.equals(j.get("state").asString()), state);
    }

    public static boolean isTerminal(String state) {
        return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(state);
    }

    /** A job without its (possibly long) history, for failure messages. */
    static String summary(JsonNode job) {
        return "state=" + job.get("state") + " epoch=" + job.get("epoch") + " batch=" + job.get("batch")
                + " failureReason=" + job.get("failureReason") + " modelId=" + job.get("modelId");
    }

    /** Asserts an RFC 9457 problem with this status and returns it. */
    public static JsonNode problem(Response r, int status) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).as("problem status in %s", r).isEqualTo(status);
        assertThat(p.get("type").asString()).as("problem type in %s", r).startsWith("https://neurona.dev/problems/");
        assertThat(p.hasNonNull("title")).as("title in %s", r).isTrue();
        return p;
    }

    /** Asserts a 400 problem whose errors include {@code field}; returns that error's message. */
    public static String fieldProblem(Response r, String field) {
        return fieldProblem(r, 400, field);
    }

    /** Asserts a problem with this status whose errors include {@code field}; returns that error's message. */
    public static String fieldProblem(Response r, int status, String field) {
        JsonNode p = problem(r, status);
        assertThat(p.hasNonNull("detail")).as("detail in %s", r).isTrue();
        List<String> fields = new ArrayList<>();
        for (JsonNode e : p.path("errors")) {
            fields.add(e.get("field").asString());
            if (field.equals(e.get("field").asString())) {
                assertThat(e.get("message").asString()).isNotBlank();
                return e.get("message").asString();
            }
        }
        return fail("expected an error on field %s, got fields %s in %s", field, fields, r);
    }

    /** Asserts a 400 problem and returns the fields its errors name. */
    public static List<String> fields(Response r) {
        return strings(problem(r, 400).path("errors"), "field");
    }

    /** The text of {@code property} in every element of a JSON array, or of the elements themselves if null. */
    public static List<String> strings(JsonNode array, String property) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add((property == null ? n : n.get(property)).asString()));
        return out;
    }

    /** Asserts a 409 problem whose detail mentions {@code text}. */
    public static void conflict(Response r, String text) {
        assertThat(problem(r, 409).get("detail").asString())
                .as("detail of %s", r)
                .contains(text);
    }

    /** Asserts a 400 problem with an error on {@code prefix} or below it whose message mentions {@code text}. */
    public static void fieldProblemUnder(Response r, String prefix, String text) {
        JsonNode p = problem(r, 400);
        for (JsonNode e : p.path("errors")) {
            if (e.get("field").asString().startsWith(prefix)
                    && e.get("message").asString().contains(text)) {
                return;
            }
        }
        fail("expected an error under %s mentioning %s in %s", prefix, text, r);
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            if (key != null) {
                request.header("X-API-Key", key);
            }
            HttpResponse<String> r =
                    client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Location").orElse(null),
                    r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
