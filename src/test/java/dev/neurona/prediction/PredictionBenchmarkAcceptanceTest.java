package dev.neurona.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serving speed, printed side by side as "[bench]" lines: an MNIST MLP and CNN (one epoch each: speed, not accuracy,
 * is measured), batching on and off, JSON and raw-byte bodies, one client (latency) and 32 (throughput), measured by
 * wrk against the running service; then 256 images in one JSON request. Figures are reported, not asserted: only
 * that every cell answered without errors. {@code -Dbench.seconds=N} sets each cell's duration (default 10).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PredictionBenchmarkAcceptanceTest {

    private static final Pattern RESULT =
            Pattern.compile("BENCH p50=(\\d+) p99=(\\d+) rps=([\\d.]+) requests=(\\d+) errors=(\\d+) non2xx=(\\d+)");

    @LocalServerPort
    int port;

    @Autowired
    ModelCache cache;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("neurona.data-dir", () -> tempDir("neurona-bench-").toString());
    }

    @Test
    void servesMnistModelsAndPrintsTheFigures() throws Exception {
        Http api = new Http(port).withTimeout(Duration.ofMinutes(20));
        String mnist = api.postJson("/api/v1/catalog/mnist/import", "")
                .expect(201)
                .json()
                .path("id")
                .asString();
        String mlp = api.trainToModel(
                        mnist,
                        """
                        {"layers": [{"type": "flatten"}, {"type": "dense", "units": 256, "activation": "relu"},
                                    {"type": "dense", "units": 128, "activation": "relu"},
                                    {"type": "dense", "units": 10, "activation": "softmax"}],
                         "epochs": 1, "batchSize": 128, "seed": 1}""",
                        Duration.ofMinutes(20))
                .path("id")
                .asString();
        String cnn = api.trainToModel(
                        mnist,
                        """
                        {"layers": [{"type": "conv2d", "filters": 16, "kernelSize": 3, "activation": "relu"},
                                    {"type": "maxpool2d", "poolSize": 2},
                                    {"type": "conv2d", "filters": 32, "kernelSize": 3, "activation": "relu"},
                                    {"type": "maxpool2d", "poolSize": 2}, {"type": "flatten"},
                                    {"type": "dense", "units": 64, "activation": "relu"},
                                    {"type": "dense", "units": 10, "activation": "softmax"}],
                         "epochs": 1, "batchSize": 128, "seed": 1}""",
                        Duration.ofMinutes(20))
                .path("id")
                .asString();

        Path dir = Files.createDirectories(Path.of("target", "bench"));
        byte[] image = image(new Random(7));
        Path json = dir.resolve("image.json");
        Path binary = dir.resolve("image.u8");
        Files.writeString(json, new JsonMapper().writeValueAsString(Map.of("images", List.of(pixels(image)))));
        Files.write(binary, image);
        int seconds = Integer.getInteger("bench.seconds", 10);

        print(
                "%-4s %-8s %-6s | %9s %9s | %10s %9s",
                "net", "batching", "body", "c1 p50", "c1 p99", "c32 req/s", "c32 p99");
        for (String[] model : new String[][] {{"MLP", mlp}, {"CNN", cnn}}) {
            for (boolean batching : new boolean[] {false, true}) {
                cache.batching(batching);
                for (Path body : List.of(json, binary)) {
                    String type = body == json ? "application/json" : "application/octet-stream";
                    Path script = script(dir, model[1], body, type, api.key());
                    String url = "http://127.0.0.1:" + port;
                    wrk(script, url, 1, 1, 2); // warm up: the model loaded, the JIT awake
                    long[] one = wrk(script, url, 1, 1, seconds);
                    long[] many = wrk(script, url, 2, 32, seconds);
                    print(
                            "%-4s %-8s %-6s | %6.2f ms %6.2f ms | %10d %6.1f ms",
                            model[0],
                            batching ? "on" : "off",
                            body == json ? "json" : "binary",
                            one[0] / 1000.0,
                            one[1] / 1000.0,
                            many[2],
                            many[1] / 1000.0);
                }
            }
        }
        cache.batching(true);

        List<List<Integer>> many = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 256; i++) {
            many.add(pixels(image(random)));
        }
        String body = new JsonMapper().writeValueAsString(Map.of("images", many));
        for (String[] model : new String[][] {{"MLP", mlp}, {"CNN", cnn}}) {
            api.postJson("/api/v1/models/" + model[1] + "/predictions", body).expect(200);
            int requests = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < seconds * 1_000_000_000L / 2) {
                JsonNode answer = api.postJson("/api/v1/models/" + model[1] + "/predictions", body)
                        .expect(200)
                        .json();
                assertThat(answer.path("predictions").size()).isEqualTo(256);
                requests++;
            }
            print(
                    "%s: 256 images in one JSON request: %.0f images/s",
                    model[0], requests * 256 / ((System.nanoTime() - start) / 1e9));
        }
        print("RSS of the JVM after the runs (service and test in one process): %d MiB", rssKiB() / 1024);
    }

    /** wrk's figures for one cell: p50 and p99 in µs, requests per second; fails on any error. */
    private static long[] wrk(Path script, String url, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(
                        "wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "-s", script.toString(), url)
                .redirectErrorStream(true)
                .start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(wrk.waitFor()).as(out).isZero();
        Matcher m = RESULT.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(4))).as(out).isPositive();
        assertThat(m.group(5) + "/" + m.group(6)).as("errors/non-2xx: " + out).isEqualTo("0/0");
        return new long[] {
            Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Math.round(Double.parseDouble(m.group(3)))
        };
    }

    private static Path script(Path dir, String model, Path body, String type, String key) throws IOException {
        Path script = dir.resolve("post-" + body.getFileName() + ".lua");
        Files.writeString(
                script,
                """
                wrk.method = "POST"
                wrk.path = "/api/v1/models/%s/predictions"
                wrk.headers["Content-Type"] = "%s"
                wrk.headers["X-API-Key"] = "%s"
                local f = io.open("%s", "rb")
                wrk.body = f:read("*all")
                f:close()
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("BENCH p50=%%d p99=%%d rps=%%.1f requests=%%d errors=%%d non2xx=%%d\\n",
                    latency:percentile(50), latency:percentile(99), summary.requests / (summary.duration / 1e6),
                    summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
                end
                """
                        .formatted(model, type, key, body.toAbsolutePath()));
        return script;
    }

    /** A random 28×28 picture: the figures depend on the shapes, not the pixels. */
    private static byte[] image(Random random) {
        byte[] image = new byte[784];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0);
        }
        image[0] = (byte) 255;
        return image;
    }

    private static List<Integer> pixels(byte[] image) {
        List<Integer> out = new ArrayList<>(image.length);
        for (byte b : image) {
            out.add(b & 0xFF);
        }
        return out;
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void print(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
