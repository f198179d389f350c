package dev.neurona.acceptance;

import static dev.neurona.acceptance.TabularAcceptanceTest.PATIENCE;
import static dev.neurona.acceptance.TabularAcceptanceTest.print;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The course's picture: MNIST's test images in the plane of their first two principal components, once as pixels
 * and once as the 32 units of a trained MLP's last hidden layer. How well the classes separate in each plane is
 * measured two ways from the points the API returns: the leave-one-out accuracy of a 5-nearest-neighbour vote in
 * the plane, and the ratio of between-class to within-class scatter (the trace ratio of Fisher's criterion).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RepresentationAcceptanceTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("neurona-representations-");
        registry.add("neurona.data-dir", dataDir::toString);
    }

    @Test
    void theHiddenLayerSeparatesTheDigitsBetterThanThePixels() throws IOException {
        Http api = new Http(port).withTimeout(PATIENCE);
        String mnist = api.postJson("/api/v1/catalog/mnist/import", "")
                .expect(201)
                .json()
                .path("id")
                .asString();
        long start = System.nanoTime();
        JsonNode model = api.trainToModel(
                mnist,
                """
                {"layers": [{"type": "flatten"},
                            {"type": "dense", "units": 128, "activation": "relu"},
                            {"type": "dense", "units": 32, "activation": "relu", "name": "h2"},
                            {"type": "dense", "units": 10, "activation": "softmax"}],
                 "epochs": 2, "batchSize": 128, "seed": 3}""",
                PATIENCE);
        String id = model.path("id").asString();
        print(
                "representations: MNIST MLP 784-128-32(h2)-10, 2 epochs: test accuracy %.4f, %.1f s",
                model.path("metrics").path("accuracy").asDouble(), (System.nanoTime() - start) / 1e9);
        Path out = Path.of("target", "acceptance");
        Files.createDirectories(out);
        Map<String, Double> knn = new HashMap<>();
        for (String layer : List.of("input", "h2")) {
            start = System.nanoTime();
            JsonNode map = api.get("/api/v1/models/" + id + "/representations?layer=" + layer + "&limit=1000")
                    .expect(200)
                    .json();
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonNode points = map.path("points");
            assertThat(points.size()).isEqualTo(1000);
            double[][] xy = new double[points.size()][2];
            String[] truth = new String[points.size()];
            for (int i = 0; i < points.size(); i++) {
                xy[i][0] = points.get(i).path("x").asDouble();
                xy[i][1] = points.get(i).path("y").asDouble();
                truth[i] = points.get(i).path("trueClass").asString();
            }
            double accuracy = leaveOneOutKnn(xy, truth, 5);
            double fisher = fisherRatio(xy, truth);
            knn.put(layer, accuracy);
            print(
                    "representations of %-5s (%s values a row) by PCA on 1000 test images: explained variance PC1 %.3f, "
                            + "PC2 %.3f; 5-NN leave-one-out accuracy in the plane %.3f; between/within-class scatter "
                            + "%.3f; answered in %.2f s",
                    layer,
                    map.path("layer").path("outputShape").toString(),
                    map.path("explainedVariance").get(0).asDouble(),
                    map.path("explainedVariance").get(1).asDouble(),
                    accuracy,
                    fisher,
                    seconds);
            Http.Binary png = api.bytes(
                    "/api/v1/models/" + id + "/charts/representations.png?layer=" + layer + "&limit=1000", "image/png");
            assertThat(png.status()).isEqualTo(200);
            Files.write(out.resolve("representations-" + layer + ".png"), png.body());
        }
        assertThat(knn.get("h2")).isGreaterThan(knn.get("input"));
    }

    /** The share of points whose 5 nearest other points (Euclidean, in the plane) vote for their own class. */
    static double leaveOneOutKnn(double[][] xy, String[] truth, int k) {
        int correct = 0;
        for (int i = 0; i < xy.length; i++) {
            Integer[] others = new Integer[xy.length - 1];
            for (int j = 0, at = 0; j < xy.length; j++) {
                if (j != i) {
                    others[at++] = j;
                }
            }
            final int self = i;
            java.util.Arrays.sort(others, java.util.Comparator.comparingDouble(j -> distance(xy[self], xy[j])));
            Map<String, Integer> votes = new HashMap<>();
            String best = null;
            for (int n = 0; n < k; n++) {
                String c = truth[others[n]];
                int v = votes.merge(c, 1, Integer::sum);
                // ties go to the class that reached the count first: the one with the nearer neighbours
                if (best == null || v > votes.get(best)) {
                    best = c;
                }
            }
            correct += truth[i].equals(best) ? 1 : 0;
        }
        return (double) correct / xy.length;
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        return dx * dx + dy * dy;
    }

    /** tr(S_between) / tr(S_within): how far apart the class means are against how spread each class is. */
    static double fisherRatio(double[][] xy, String[] truth) {
        Map<String, List<double[]>> byClass = new HashMap<>();
        for (int i = 0; i < xy.length; i++) {
            byClass.computeIfAbsent(truth[i], c -> new ArrayList<>()).add(xy[i]);
        }
        double[] mean = new double[2];
        for (double[] p : xy) {
            mean[0] += p[0] / xy.length;
            mean[1] += p[1] / xy.length;
        }
        double between = 0;
        double within = 0;
        for (List<double[]> members : byClass.values()) {
            double[] m = new double[2];
            for (double[] p : members) {
                m[0] += p[0] / members.size();
                m[1] += p[1] / members.size();
            }
            between += members.size() * distance(m, mean);
            for (double[] p : members) {
                within += distance(p, m);
            }
        }
        return between / within;
    }
}
