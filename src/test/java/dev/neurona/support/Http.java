package dev.neurona.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tests' one HTTP client: real HTTP against a running Neurona (a test's own context or another JVM), JSON
 * parsing, multipart bodies and polling with a deadline. Problem answers are checked by {@link Problems}.
 */
public final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final String key;
    private final Duration timeout;
    private final HttpClient client;

    /** A client that sends the tests' admin key. */
    public Http(int port) {
        this(port, TestKeys.ADMIN);
    }

    /** A client with the given API key, or none when null. */
    public Http(int port, String key) {
        this("http://localhost:" + port, key, TIMEOUT, newClient());
    }

    private Http(String base, String key, Duration timeout, HttpClient client) {
        this.base = base;
        this.key = key;
        this.timeout = timeout;
        this.client = client;
    }

    /** A client for the service at {@code base} (such as {@code http://127.0.0.1:8080}) with this key, or none. */
    public static Http at(String base, String key) {
        return new Http(base, key, TIMEOUT, newClient());
    }

    /** This client with another limit on each request, for requests that take minutes (or should take seconds). */
    public Http withTimeout(Duration timeout) {
        return new Http(base, key, timeout, client);
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
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

        /** Asserts the status and returns this answer: {@code http.get(path).expect(200).json()}. */
        public Response expect(int status) {
            assertThat(this.status).as("status of %s", this).isEqualTo(status);
            return this;
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

    /** A file download: its status, content type, Content-Disposition header (empty if none) and bytes. */
    public record Download(int status, String contentType, String disposition, byte[] body) {}

    public Download download(String path) {
        HttpResponse<byte[]> r = call(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(
                r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Content-Disposition").orElse(""),
                r.body());
    }

    /** A GET whose body is read as bytes; {@code accept} may be null. */
    public Binary bytes(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<byte[]> r = call(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Binary(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
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
        Form form = Form.withRandomBoundary();
        fields.forEach(form::field);
        if (file != null) {
            form.file("file", fileName, "text/csv", file);
        }
        return form.post(this, path);
    }

    /** multipart/form-data with one file part per entry: part name → (file name, bytes); names may repeat. */
    public Response uploadParts(String path, List<Map.Entry<String, Map.Entry<String, byte[]>>> parts) {
        Form form = Form.withRandomBoundary();
        parts.forEach(part -> form.file(
                part.getKey(), part.getValue().getKey(), part.getValue().getValue()));
        return form.post(this, path);
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
        return submit(datasetId, spec, null);
    }

    /** Submits a job whose model becomes the next version of registered model {@code name}; returns the job's id. */
    public String submit(String datasetId, String spec, String name) {
        String register = name == null ? "" : ",\"register\":" + JSON.writeValueAsString(Map.of("name", name));
        Response r = postJson("/api/v1/jobs", "{\"datasetId\":\"" + datasetId + "\",\"spec\":" + spec + register + "}");
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

    /** Submits a job, waits until it has trained, and returns its model. */
    public JsonNode trainToModel(String datasetId, String spec, Duration timeout) {
        JsonNode job = awaitState(submit(datasetId, spec), "SUCCEEDED", timeout);
        return getJson("/api/v1/models/" + job.get("modelId").asString());
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
        return getJson("/api/v1/jobs/" + id);
    }

    /** A GET that must answer 200, as JSON. */
    public JsonNode getJson(String path) {
        return get(path).expect(200).json();
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

    /** The text of {@code property} in every element of a JSON array, or of the elements themselves if null. */
    public static List<String> strings(JsonNode array, String property) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add((property == null ? n : n.get(property)).asString()));
        return out;
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
        HttpResponse<String> r = call(request, HttpResponse.BodyHandlers.ofString());
        return new Response(
                r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Location").orElse(null),
                r.body());
    }

    private <T> HttpResponse<T> call(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        if (key != null) {
            request.header("X-API-Key", key);
        }
        try {
            return client.send(request.timeout(timeout).build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
