package dev.neurona.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Form;
import dev.neurona.support.Http;
import dev.neurona.support.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Several hundred generated hostile or malformed requests against every endpoint, after a table model and an image
 * model have been trained: each must be answered with a 4xx problem+json (never a 5xx, never a success), and
 * afterwards the service must be healthy with every stored dataset, model, job and key exactly as before. Prints the
 * corpus size, the status counts per category and the process's resident memory before and after.
 */
// the catalog must not reach the internet, whatever the corpus asks of it
@EndToEndTest(properties = "neurona.catalog.download=false")
class HostileInputCorpusTest {

    static final long SEED = 20_261_123L;
    static final Duration TRAINING = Duration.ofSeconds(120);

    @LocalServerPort
    int port;

    /** One request's outcome. */
    record Outcome(HostileCase hostile, int status, String problem, String answer, long millis) {}

    @Test
    void everyHostileRequestIsAProblemAndNothingStoredChanges() {
        List<HostileCase> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
        Set<String> names = new HashSet<>();
        corpus.forEach(c -> assertThat(names.add(c.category() + "/" + c.name()))
                .as("unique: %s", c.name())
                .isTrue());

        Http admin = new Http(port);
        HostileCase.Target target = prepare(admin);
        StoredState before = StoredState.read(admin, target);

        long rssBefore = rssKb();
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        for (HostileCase hostile : corpus) {
            outcomes.add(run(hostile, target));
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        long rssAfter = rssKb();
        System.gc();
        long rssAfterGc = rssKb();

        JsonNode health = admin.get("/actuator/health").json();
        StoredState after = StoredState.read(admin, target);
        report(outcomes, seconds, rssBefore, rssAfter, rssAfterGc);

        List<String> failures = outcomes.stream()
                .filter(o -> o.problem() != null)
                .map(o -> o.hostile().category() + " / " + o.hostile().name() + " → " + o.problem())
                .toList();
        // soft: one run shows every badly answered case and every change to the stored state
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(failures)
                .as("hostile requests not answered with a 4xx problem:\n  %s", String.join("\n  ", failures))
                .isEmpty();
        soft.assertThat(health.get("status").asString())
                .as("health after the corpus: %s", health)
                .isEqualTo("UP");
        before.assertSameAs(after, soft);
        soft.assertAll();
    }

    /** The corpus, the same on every run: the random damage comes from a fixed seed. */
    static List<HostileCase> corpus() {
        Random random = new Random(SEED);
        HostileCase.Cases cases = new HostileCase.Cases();
        CorpusTables.add(cases, random);
        CorpusIdx.add(cases, random);
        CorpusQuickDraw.add(cases, random);
        CorpusZip.add(cases, random);
        CorpusJobs.add(cases);
        CorpusTuning.add(cases);
        CorpusJson.add(cases);
        CorpusPredictions.add(cases, random);
        CorpusOip.add(cases);
        CorpusRequests.add(cases);
        CorpusAccess.add(cases);
        CorpusProtocol.add(cases);
        CorpusBundles.add(cases);
        CorpusGraphs.add(cases);
        CorpusRepresentations.add(cases);
        return cases.list();
    }

    /** A table and an image dataset, a model trained on each, and a predictor and a trainer key. */
    private HostileCase.Target prepare(Http admin) {
        String csvDataset = admin.dataset(TestData.blobs(30, 3), Map.of("name", "corpus-blobs"))
                .get("id")
                .asString();
        Http.Response images = new Form()
                .file("images", "train-images-idx3-ubyte", HostileFiles.idxImages(120))
                .file("labels", "train-labels-idx1-ubyte", HostileFiles.idxLabels(120))
                .post(admin, CorpusTables.DATASETS);
        assertThat(images.status()).as("image upload: %s", images).isEqualTo(201);
        String imageDataset = images.json().get("id").asString();
        String csvJob = admin.submit(csvDataset, TestData.softmax3(8, 16));
        String imageJob = admin.submit(
                imageDataset,
                CorpusJobs.IMAGE_SPEC
                        .replace("@", "{\"type\":\"maxpool2d\",\"poolSize\":2}")
                        .replace("\"epochs\":1", "\"epochs\":3"));
        String csvModel =
                admin.awaitState(csvJob, "SUCCEEDED", TRAINING).get("modelId").asString();
        String imageModel =
                admin.awaitState(imageJob, "SUCCEEDED", TRAINING).get("modelId").asString();
        return new HostileCase.Target(
                port,
                admin,
                new Http(port, null),
                new Http(port, key(admin, "predictor")),
                new Http(port, key(admin, "trainer")),
                csvDataset,
                imageDataset,
                csvModel,
                imageModel,
                csvJob);
    }

    private static String key(Http admin, String role) {
        Http.Response created = admin.postJson(CorpusAccess.KEYS, Map.of("name", "corpus " + role, "role", role));
        assertThat(created.status()).as("key: %s", created).isEqualTo(201);
        return created.json().get("key").asString();
    }

    /** Sends one case and says what is wrong with the answer, or null when it is a proper 4xx problem. */
    private static Outcome run(HostileCase hostile, HostileCase.Target target) {
        long start = System.nanoTime();
        Http.Response r;
        try {
            r = hostile.request().apply(target);
        } catch (RuntimeException e) {
            return new Outcome(hostile, 0, "no answer: " + e, String.valueOf(e), millis(start));
        }
        String problem = hostile.category().startsWith(CorpusOip.CATEGORY) ? CorpusOip.errorWith(r) : problemWith(r);
        return new Outcome(hostile, r.status(), problem, excerpt(r.body()), millis(start));
    }

    static String problemWith(Http.Response r) {
        String excerpt = r.status() + " " + r.contentType() + " " + excerpt(r.body());
        if (r.status() < 400 || r.status() >= 500) {
            return "not a 4xx: " + excerpt;
        }
        if (!r.contentType().startsWith("application/problem+json")) {
            return "not problem+json: " + excerpt;
        }
        JsonNode p;
        try {
            p = r.json();
        } catch (RuntimeException e) {
            return "unparseable problem: " + excerpt;
        }
        if (p.path("status").asInt() != r.status()
                || !p.hasNonNull("title")
                || p.path("detail").asString("").isBlank()
                || !p.path("type").asString("").startsWith("https://neurona.dev/problems/")) {
            return "incomplete problem (status, type, title and detail needed): " + excerpt;
        }
        return null;
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }

    private static long millis(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    /** The report lines, prefixed so they can be found in the build output. */
    private static void report(List<Outcome> outcomes, long seconds, long rssBefore, long rssAfter, long rssAfterGc) {
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Map<String, Integer>> categories = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            String status = o.status() == 0 ? "none" : Integer.toString(o.status());
            statuses.merge(status, 1, Integer::sum);
            categories
                    .computeIfAbsent(o.hostile().category(), k -> new TreeMap<>())
                    .merge(status, 1, Integer::sum);
        }
        long failed = outcomes.stream().filter(o -> o.problem() != null).count();
        System.out.printf(
                "[corpus] cases=%d categories=%d failed=%d duration=%ds%n",
                outcomes.size(), categories.size(), failed, seconds);
        statuses.forEach((status, n) -> System.out.printf("[corpus] %s × %d%n", status, n));
        categories.forEach((category, counts) -> System.out.printf(
                "[corpus] category %-24s %3d  %s%n",
                category, counts.values().stream().mapToInt(Integer::intValue).sum(), counts));
        System.out.printf(
                "[corpus] RSS before=%d MB after=%d MB after-gc=%d MB%n",
                rssBefore / 1024, rssAfter / 1024, rssAfterGc / 1024);
        outcomes.stream()
                .sorted((a, b) -> Long.compare(b.millis(), a.millis()))
                .limit(5)
                .forEach(o -> System.out.printf(
                        "[corpus] slow: %d ms %s / %s%n",
                        o.millis(), o.hostile().category(), o.hostile().name()));
        // every case with its answer, to read what the service tells a caller
        List<String> lines = outcomes.stream()
                .map(o -> o.hostile().category() + " | " + o.hostile().name() + " | " + o.status() + " | " + o.answer())
                .toList();
        try {
            Files.write(Path.of("target", "hostile-corpus.txt"), lines);
            System.out.println("[corpus] every answer: target/hostile-corpus.txt");
        } catch (IOException e) {
            System.out.println("[corpus] could not write target/hostile-corpus.txt: " + e);
        }
    }

    /** VmRSS of this JVM, which also runs the server; 0 where /proc is absent. */
    static long rssKb() {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
