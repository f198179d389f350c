package dev.neurona.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Real tabular datasets from ../shared, trained through the HTTP API as a user would, with the bars
 * asserted and every figure printed (grep the build log for "[acceptance]").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TabularAcceptanceTest {

    private static final Path TABULAR =
            Path.of(System.getProperty("neurona.shared-dir", "../shared"), "data", "tabular");
    private static Path dataDir;

    /** How long one request or one training of the acceptance runs may take: they are full-size. */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("neurona-acceptance-");
        registry.add("neurona.data-dir", dataDir::toString);
    }

    @BeforeAll
    static void sharedData() {
        Assumptions.assumeTrue(Files.isDirectory(TABULAR), "../shared/data/tabular is absent: skipping acceptance");
    }

    private Http api;

    @BeforeEach
    void client() {
        api = new Http(port).withTimeout(PATIENCE);
    }

    /**
     * Over five seeds rather than one: each seed draws another split (30 test rows, where one flower is 3.3 points)
     * and another initialisation, and a bar on one seed measures that seed's luck as much as the training.
     */
    @Test
    @Order(1)
    void iris() throws Exception {
        double sum = 0;
        java.util.List<String> each = new java.util.ArrayList<>();
        double seconds = 0;
        for (long seed : new long[] {42, 1, 2, 3, 4}) {
            Result r = train(
                    "iris.csv",
                    "species",
                    "error",
                    """
                    {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
                                {"type": "dense", "units": 3, "activation": "softmax"}],
                     "optimizer": {"type": "adam", "learningRate": 0.01},
                     "epochs": 100, "batchSize": 16, "seed": %d}"""
                            .formatted(seed));
            sum += r.metric("accuracy");
            each.add(String.format(Locale.ROOT, "seed %d: %.4f", seed, r.metric("accuracy")));
            seconds += r.seconds;
        }
        double mean = sum / 5;
        print(
                "iris: mean test accuracy %.4f over 5 seeds of 30 test rows each (%s), upload→model %.1f s on average",
                mean, String.join(", ", each), seconds / 5);
        assertThat(mean).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    @Order(2)
    void penguinsWithMissingValuesAndCategories() throws Exception {
        Result r = train(
                "penguins.csv",
                "species",
                "impute",
                """
                {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "optimizer": {"type": "adam", "learningRate": 0.01},
                 "epochs": 60, "batchSize": 16, "seed": 42}""");
        print(
                "penguins: test accuracy %.4f on %d rows (NA imputed, island/sex one-hot), upload→model %.1f s",
                r.metric("accuracy"), r.model.path("metrics").path("testRows").asInt(), r.seconds);
        assertThat(r.metric("accuracy")).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    @Order(3)
    void diabetesRegression() throws Exception {
        Result r = train(
                "diabetes_regression.csv",
                "progression",
                "error",
                """
                {"layers": [{"type": "dense", "units": 16, "activation": "relu", "l2": 0.001},
                            {"type": "dense", "units": 1}],
                 "loss": "mse",
                 "optimizer": {"type": "adam", "learningRate": 0.005},
                 "epochs": 60, "batchSize": 32, "seed": 42}""");
        print(
                "diabetes_regression: test R² %.4f, MAE %.2f, MSE %.1f, upload→model %.1f s",
                r.metric("r2"), r.metric("mae"), r.metric("mse"), r.seconds);
        assertThat(r.metric("r2")).isGreaterThanOrEqualTo(0.35);
    }

    @Test
    @Order(4)
    void singleRowPredictionLatencyOverHttp() throws Exception {
        Result r = train(
                "iris.csv",
                "species",
                "error",
                """
                {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
                            {"type": "dense", "units": 3, "activation": "softmax"}], "epochs": 5, "seed": 1}""");
        String body =
                """
                {"rows": [{"sepal length (cm)": 5.9, "sepal width (cm)": 3.0, "petal length (cm)": 5.1,
                           "petal width (cm)": 1.8}]}""";
        String path = "/api/v1/models/" + r.model.path("id").asString() + "/predictions";
        for (int i = 0; i < 200; i++) {
            api.postJson(path, body).expect(200).json();
        }
        int n = 2000;
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            api.postJson(path, body).expect(200).json();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        print(
                "single-row prediction over HTTP (%d sequential requests after 200 warm-up): p50 %.2f ms, "
                        + "p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                n, nanos[n / 2] / 1e6, nanos[n * 9 / 10] / 1e6, nanos[n * 99 / 100] / 1e6, nanos[n - 1] / 1e6);
    }

    @Test
    @Order(5)
    void residentMemoryStaysFlatOverTwentyJobs() throws Exception {
        JsonNode dataset = upload("iris.csv", "species", "error");
        String spec =
                """
                {"layers": [{"type": "dense", "units": 64, "activation": "relu"}, {"type": "dropout", "rate": 0.1},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "epochs": 40, "batchSize": 8, "seed": %d}""";
        List<Long> rss = new ArrayList<>();
        long start = System.nanoTime();
        for (int job = 1; job <= 20; job++) {
            api.trainToModel(dataset.path("id").asString(), spec.formatted(job), PATIENCE);
            System.gc();
            rss.add(rssKiB());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print(
                "RSS after each of 20 consecutive jobs (MiB): %s; %.1f s in all",
                rss.stream().map(k -> String.valueOf(k / 1024)).toList(), seconds);
        long growth = rss.get(19) - rss.get(4);
        print("RSS growth from job 5 to job 20: %d MiB", growth / 1024);
        assertThat(growth / 1024)
                .as("native memory must stay flat from job to job")
                .isLessThan(100);
    }

    private Result train(String file, String label, String missing, String spec) throws Exception {
        long start = System.nanoTime();
        JsonNode dataset = upload(file, label, missing);
        JsonNode model = api.trainToModel(dataset.path("id").asString(), spec, PATIENCE);
        return new Result(model, (System.nanoTime() - start) / 1e9);
    }

    /** Uploads a table of ../shared with the label column and missing-value policy as query parameters. */
    private JsonNode upload(String file, String label, String missing) throws IOException {
        String path = "/api/v1/datasets?labelColumn=" + URLEncoder.encode(label, StandardCharsets.UTF_8)
                + "&missingValues=" + missing;
        return api.upload(path, Map.of(), file, Files.readAllBytes(TABULAR.resolve(file)))
                .expect(201)
                .json();
    }

    private record Result(JsonNode model, double seconds) {
        double metric(String name) {
            return model.path("metrics").path(name).asDouble();
        }
    }

    static void print(String format, Object... args) {
        System.out.println("[acceptance] " + String.format(Locale.ROOT, format, args));
    }

    static long rssKiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst()
                .orElse(-1);
    }
}
