package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.Sse;
import dev.neurona.support.TestData;
import dev.neurona.support.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Clients that connect and then send too slowly: headers that stop half-way, a body announced and never sent, an
 * upload that stalls. Each connection is closed (or answered 408) once its timeout has passed, with short timeouts
 * here (1 s for headers, 2 s for a body) so the test is quick; an event stream, which sends for minutes while the
 * client sends nothing, is not cut by them. An api node: the job stays queued, its stream open.
 */
@EndToEndTest(
        properties = {
            "neurona.role=api",
            "server.tomcat.connection-timeout=1s",
            "neurona.body-read-timeout=2s",
            "neurona.jobs.sse-heartbeat=1s"
        })
class SlowClientsEndToEndTest {

    static final String KEY = "X-API-Key: " + TestKeys.ADMIN + "\r\n";

    /** Generous: a slow build machine may be late by seconds, never by a minute, Tomcat's default. */
    static final long UPPER_BOUND_MS = 15_000;

    @LocalServerPort
    int port;

    @Test
    void headersThatStopHalfWayAreCutOffAfterTheConnectionTimeout() throws IOException {
        Closed closed = sendAndWait("GET /api/v1/models HTTP/1.1\r\nHost: x\r\n" + KEY);
        assertThat(closed.millis()).isBetween(900L, UPPER_BOUND_MS);
        // Tomcat closes without an answer, or answers 400/408: never a request that goes on
        assertThat(closed.head()).satisfiesAnyOf(h -> assertThat(h).isEmpty(), h -> assertThat(h)
                .containsAnyOf("HTTP/1.1 400", "HTTP/1.1 408"));

        Closed silent = sendAndWait("");
        assertThat(silent.millis()).isBetween(900L, UPPER_BOUND_MS);
    }

    @Test
    void aBodyThatNeverComesIsCutOffAfterTheBodyReadTimeout() throws IOException {
        Closed json = sendAndWait("POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\n" + KEY
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"datasetId\":");
        // not before neurona.body-read-timeout (2 s): the longer body wait is the one applied, not the 1 s header one
        assertThat(json.millis()).isBetween(1_900L, UPPER_BOUND_MS);
        assertThat(json.head()).satisfiesAnyOf(h -> assertThat(h).isEmpty(), h -> assertThat(h)
                .startsWith("HTTP/1.1 408")
                .contains("application/problem+json")
                .contains("neurona.body-read-timeout"));

        Closed upload = sendAndWait("POST /api/v1/datasets HTTP/1.1\r\nHost: x\r\n" + KEY
                + "Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 1000\r\n\r\n--XX\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na,b\n1,");
        assertThat(upload.millis()).isBetween(1_900L, UPPER_BOUND_MS);
        assertThat(upload.head())
                .satisfiesAnyOf(h -> assertThat(h).isEmpty(), h -> assertThat(h).startsWith("HTTP/1.1 408"));

        // the service is fine afterwards
        assertThat(new Http(port).get("/api/v1/datasets").status()).isEqualTo(200);
    }

    @Test
    void anEventStreamOutlivesTheTimeouts() {
        Http admin = new Http(port);
        String dataset =
                admin.dataset(TestData.blobs(20, 3), Map.of()).get("id").asString();
        String job = admin.submit(dataset, TestData.softmax3(3, 16));
        try (Sse events = Sse.open(port, "/api/v1/jobs/" + job + "/events")) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.next(Duration.ofSeconds(30)).name()).isEqualTo("queued");
            // 5 s: past the header and body timeouts, while the client sends nothing
            Http.pause(5_000);
            assertThat(events.comments()).as("heartbeats").isGreaterThanOrEqualTo(3);
            assertThat(admin.cancel(job).status()).isEqualTo(200);
            // the stream is still there to tell the end
            assertThat(events.rest(Duration.ofSeconds(30)))
                    .extracting(Sse.Event::name)
                    .endsWith("cancelled");
        }
        Problems.problem(admin.get("/api/v1/jobs?limit=0"), 400);
    }

    record Closed(long millis, String head) {}

    /** Sends the bytes without ending the request, then reads until the server closes the connection. */
    private Closed sendAndWait(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) UPPER_BOUND_MS * 2);
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(answer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept the connection open for " + UPPER_BOUND_MS * 2 + " ms");
            } catch (IOException e) {
                // a reset is a close too
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            String text = answer.toString(StandardCharsets.UTF_8);
            return new Closed(millis, text);
        }
    }
}
