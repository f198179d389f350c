package dev.neurona.support;

import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A server-sent events client on the JDK's HttpClient ({@code BodyHandlers.ofLines()}): the lines are parsed into
 * events on a reader thread, so a test waits for each with a deadline instead of blocking forever.
 */
public final class Sse implements AutoCloseable {

    /** One event; comments ({@code :keep-alive}) are counted, not queued. */
    public record Event(String name, String id, String data) {

        public JsonNode json() {
            return Http.JSON.readTree(data);
        }
    }

    /** Marks the end of the stream in the queue. */
    private static final Event END = new Event(null, null, null);

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> body = new ArrayList<>();
    private volatile int comments;
    private boolean ended;

    private Sse(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} with {@code Accept: text/event-stream}, the API key (null: none) and extra headers. */
    public static Sse open(int port, String key, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream")
                .GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        headers.forEach(request::header);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        CompletableFuture<HttpResponse<Stream<String>>> future =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        try {
            return new Sse(future.get(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open " + path, e);
        }
    }

    public static Sse open(int port, String path) {
        return open(port, TestKeys.ADMIN, path, Map.of());
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event, or null when the stream has ended; fails after {@code timeout}. */
    public Event next(Duration timeout) {
        if (ended) {
            return null;
        }
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                return fail("no event and no end of stream within %s", timeout);
            }
            if (event == END) {
                ended = true;
                return null;
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event until the stream ends, which it must within {@code timeout}. */
    public List<Event> rest(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> all = new ArrayList<>();
        for (Event e = next(timeout); e != null; e = next(left(deadline))) {
            all.add(e);
        }
        return all;
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    /** The body of a response that is not an event stream (a problem), once it has been read. */
    public Http.Response asResponse(Duration timeout) {
        rest(timeout);
        synchronized (body) {
            return new Http.Response(status(), header("Content-Type"), null, String.join("\n", body));
        }
    }

    public int comments() {
        return comments;
    }

    @Override
    public void close() {
        // closing the line stream closes the connection, which is how a browser leaves
        response.body().close();
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                synchronized (body) {
                    body.add(line);
                }
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name == null ? "message" : name, id, data.toString()));
                    }
                    name = null;
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5));
                }
            }
        } catch (RuntimeException e) {
            // the connection was closed: the end of the stream
        } finally {
            events.add(END);
        }
    }
}
