package dev.neurona.e2e;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A layer's activations and the representation map over real HTTP. The activations are checked against the
 * network's own algebra, independently of how they were taken out: a linear dense layer is an affine function of
 * the preprocessed input, the output layer's logits are an affine function of the hidden layer before it (each
 * fitted by least squares, which leaves no residual only if the values really are what the next layer takes), the
 * softmax of the logits is what the predictions door answers, and a flatten layer holds its conv layer's values.
 */
@EndToEndTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepresentationsEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(180);

    @LocalServerPort
    int port;

    Http http;
    String tableModel;
    String imageModel;
    String regressionModel;
    List<Map<String, Object>> rows;

    @BeforeAll
    void train() {
        http = new Http(port);
        String blobs = http.dataset(TestData.blobs(40, 3), Map.of("name", "blobs"))
                .get("id")
                .asString();
        String table = http.submit(
                blobs,
                """
                {"layers":[{"type":"dense","units":4,"name":"z"},
                           {"type":"dense","units":6,"activation":"relu","name":"h1"},
                           {"type":"dense","units":3,"activation":"softmax"}],
                 "optimizer":{"type":"adam","learningRate":0.02},"epochs":5,"batchSize":16,"seed":5}""");
        Http.Response upload = http.uploadParts(
                "/api/v1/datasets",
                List.of(
                        entry("images", entry("images.idx", ReportFixtures.bars(120, new Random(2)))),
                        entry("labels", entry("labels.idx", ReportFixtures.barLabels(120)))));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        String image = http.submit(
                upload.json().get("id").asString(),
                """
                {"layers":[{"type":"conv2d","filters":2,"kernelSize":3,"activation":"relu","name":"c1"},
                           {"type":"flatten"},{"type":"dense","units":2,"activation":"softmax"}],
                 "optimizer":{"type":"adam","learningRate":0.01},"epochs":2,"batchSize":16,"seed":9}""");
        String linear = http.dataset(TestData.linear(120, 8), Map.of("name", "linear"))
                .get("id")
                .asString();
        String regression = http.submit(
                linear,
                """
                {"layers":[{"type":"dense","units":1}],"loss":"mse","epochs":2,"seed":7}""");
        tableModel = modelOf(table);
        imageModel = modelOf(image);
        regressionModel = modelOf(regression);
        Random random = new Random(11);
        rows = new ArrayList<>();
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 40; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x1", random.nextGaussian() * 3);
            row.put("x2", random.nextGaussian() * 3);
            row.put("color", colours[i % 3]);
            rows.add(row);
        }
    }

    private String modelOf(String jobId) {
        JsonNode job = http.awaitState(jobId, "SUCCEEDED", TRAINING);
        return job.get("modelId").asString();
    }

    private JsonNode activations(String model, Object layer, String inputs, Object values) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("layer", layer);
        body.put(inputs, values);
        return http.postJson("/api/v1/models/" + model + "/activations", body)
                .expect(200)
                .json();
    }

    @Test
    void eachLayerHoldsWhatTheNextLayerTakes() {
        JsonNode input = activations(tableModel, "input", "rows", rows);
        JsonNode z = activations(tableModel, "z", "rows", rows);
        JsonNode h1 = activations(tableModel, 1, "rows", rows);
        JsonNode out = activations(tableModel, "2", "rows", rows);

        assertThat(z.get("layer").get("index").asInt()).isZero();
        assertThat(z.get("layer").get("name").asString()).isEqualTo("z");
        assertThat(z.get("layer").get("type").asString()).isEqualTo("dense");
        assertThat(h1.get("layer").get("name").asString()).isEqualTo("h1");
        assertThat(input.get("layer").get("index").isNull()).isTrue();
        assertThat(ints(z.get("shape"))).containsExactly(40, 4);
        assertThat(ints(h1.get("shape"))).containsExactly(40, 6);
        assertThat(ints(out.get("shape"))).containsExactly(40, 3);
        // two standardised numbers and the colour one-hot
        assertThat(ints(input.get("shape"))).containsExactly(40, 5);

        double[][] x = matrix(input);
        double[][] zs = matrix(z);
        double[][] hs = matrix(h1);
        double[][] logits = matrix(out);
        assertThat(residual(x, zs)).as("z = x·W + b").isLessThan(1e-4);
        assertThat(residual(hs, logits)).as("logits = h1·W + b").isLessThan(1e-4);
        for (double[] h : hs) {
            for (double v : h) {
                assertThat(v).as("h1 is a ReLU's output").isGreaterThanOrEqualTo(0);
            }
        }
        // the same layer is not affine in the input: the ReLU bends it (else the check above would prove nothing)
        assertThat(residual(x, hs)).isGreaterThan(1e-3);

        JsonNode predictions = http.predict(tableModel, rows);
        List<String> classes = List.of("a", "b", "c");
        for (int r = 0; r < rows.size(); r++) {
            double max = Math.max(logits[r][0], Math.max(logits[r][1], logits[r][2]));
            double sum = 0;
            for (double l : logits[r]) {
                sum += Math.exp(l - max);
            }
            for (int c = 0; c < 3; c++) {
                double softmax = Math.exp(logits[r][c] - max) / sum;
                assertThat(predictions
                                .get(r)
                                .get("probabilities")
                                .get(classes.get(c))
                                .asDouble())
                        .isCloseTo(softmax, within(1e-4));
            }
        }
    }

    @Test
    void aConvLayersValuesAreWhatItsFlattenHolds() {
        List<List<Integer>> images = new ArrayList<>();
        Random random = new Random(4);
        for (int i = 0; i < 2; i++) {
            List<Integer> image = new ArrayList<>();
            for (int p = 0; p < 784; p++) {
                image.add(random.nextInt(4) == 0 ? 255 : 0);
            }
            images.add(image);
        }
        JsonNode conv = activations(imageModel, "c1", "images", images);
        JsonNode flat = activations(imageModel, 1, "images", images);
        assertThat(ints(conv.get("shape"))).containsExactly(2, 2, 26, 26);
        assertThat(ints(flat.get("shape"))).containsExactly(2, 1352);
        assertThat(conv.get("layer").get("type").asString()).isEqualTo("conv2d");
        double[][] c = matrix(conv);
        double[][] f = matrix(flat);
        for (int i = 0; i < 2; i++) {
            assertThat(c[i]).hasSize(1352).containsExactly(f[i], within(0.0));
        }
    }

    @Test
    void theRepresentationOfTheTestRows() {
        JsonNode metrics = http.getJson("/api/v1/models/" + tableModel).get("metrics");
        int testRows = metrics.get("testRows").asInt();
        JsonNode map = http.get("/api/v1/models/" + tableModel + "/representations?layer=h1")
                .expect(200)
                .json();
        assertThat(map.get("method").asString()).isEqualTo("pca");
        assertThat(map.get("layer").get("name").asString()).isEqualTo("h1");
        assertThat(Http.strings(map.get("classes"), null)).containsExactly("a", "b", "c");
        JsonNode points = map.get("points");
        assertThat(points.size()).isEqualTo(Math.min(1000, testRows));
        double ev1 = map.get("explainedVariance").get(0).asDouble();
        double ev2 = map.get("explainedVariance").get(1).asDouble();
        assertThat(ev1).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(ev2);
        assertThat(ev2).isBetween(0.0, 1.0);
        assertThat(ev1 + ev2).isLessThanOrEqualTo(1 + 1e-9);

        int correct = 0;
        Set<Integer> seen = new HashSet<>();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (JsonNode p : points) {
            correct +=
                    p.get("trueClass").asString().equals(p.get("predictedClass").asString()) ? 1 : 0;
            seen.add(p.get("row").asInt());
            double px = p.get("x").asDouble();
            double py = p.get("y").asDouble();
            sx += px;
            sy += py;
            sxx += px * px;
            syy += py * py;
            sxy += px * py;
        }
        int n = points.size();
        assertThat(seen).hasSize(n);
        assertThat((double) correct / n)
                .as("the stored predictions of the test rows")
                .isCloseTo(metrics.get("accuracy").asDouble(), within(1e-9));
        // principal-component scores: centred, uncorrelated, their variances in the ratio of the shares
        assertThat(sx / n).isCloseTo(0, within(1e-4 * (1 + Math.sqrt(sxx / n))));
        assertThat(sy / n).isCloseTo(0, within(1e-4 * (1 + Math.sqrt(sxx / n))));
        assertThat(sxy / n).isCloseTo(0, within(1e-4 * (1 + sxx / n)));
        if (ev1 > 0) {
            assertThat(syy / sxx).isCloseTo(ev2 / ev1, within(1e-4));
        }

        JsonNode five = http.get("/api/v1/models/" + tableModel + "/representations?layer=0&limit=5")
                .expect(200)
                .json();
        assertThat(five.get("points").size()).isEqualTo(5);
        assertThat(five.get("layer").get("name").asString()).isEqualTo("z");

        JsonNode conv = http.get("/api/v1/models/" + imageModel + "/representations?layer=c1")
                .expect(200)
                .json();
        assertThat(conv.get("points").size())
                .isEqualTo(http.getJson("/api/v1/models/" + imageModel)
                        .get("metrics")
                        .get("testRows")
                        .asInt());
        assertThat(ints(conv.get("layer").get("outputShape"))).containsExactly(-1, 2, 26, 26);
    }

    @Test
    void theScatterIsAPngOfTheDocumentedSize() throws IOException {
        Http.Binary png =
                http.bytes("/api/v1/models/" + tableModel + "/charts/representations.png?layer=h1", "image/png");
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(640);
        Http.Binary small = http.bytes(
                "/api/v1/models/" + imageModel + "/charts/representations.png?layer=input&width=400&height=300",
                "image/png");
        assertThat(small.status()).isEqualTo(200);
        BufferedImage smaller = ImageIO.read(new ByteArrayInputStream(small.body()));
        assertThat(smaller.getWidth()).isEqualTo(400);
        assertThat(smaller.getHeight()).isEqualTo(300);
    }

    @Test
    void badLayersMethodsAndLimitsAre400s() {
        String base = "/api/v1/models/" + tableModel;
        assertThat(Problems.fieldProblem(http.get(base + "/representations?layer=nope"), "layer"))
                .contains("nope")
                .contains("z, h1");
        assertThat(Problems.fieldProblem(http.get(base + "/representations?layer=3"), "layer"))
                .contains("0 to 2");
        assertThat(Problems.fieldProblem(http.get(base + "/representations"), "layer"))
                .contains("required");
        assertThat(Problems.fieldProblem(http.get(base + "/representations?layer=h1&method=tsne"), "method"))
                .contains("Maven Central");
        assertThat(Problems.fieldProblem(http.get(base + "/representations?layer=h1&method=umap"), "method"))
                .contains("UMAP");
        assertThat(Problems.fieldProblem(http.get(base + "/representations?layer=h1&method=lda"), "method"))
                .contains("pca");
        Problems.fieldProblem(http.get(base + "/representations?layer=h1&limit=1"), "limit");
        Problems.fieldProblem(http.get(base + "/representations?layer=h1&limit=2001"), "limit");
        Problems.fieldProblem(http.get(base + "/charts/representations.png?layer=nope"), "layer");
        Problems.fieldProblem(http.get("/api/v1/models/" + regressionModel + "/representations?layer=0"), "ref");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rows", rows.subList(0, 2));
        assertThat(Problems.fieldProblem(http.postJson(base + "/activations", body), "layer"))
                .contains("required");
        body.put("layer", 7);
        assertThat(Problems.fieldProblem(http.postJson(base + "/activations", body), "layer"))
                .contains("0 to 2");
        body.put("layer", 1.5);
        Problems.fieldProblem(http.postJson(base + "/activations", body), "layer");
        body.put("layer", "h9");
        assertThat(Problems.fieldProblem(http.postJson(base + "/activations", body), "layer"))
                .contains("z, h1");
        body.put("layer", "h1");
        body.put("images", List.of(List.of(0)));
        Problems.fieldProblem(http.postJson(base + "/activations", body), "images");
        body.remove("rows");
        body.remove("images");
        Problems.fieldProblem(http.postJson(base + "/activations", body), "images");
        // 740 drawings × c1's 2·26·26 values = 1,000,480 > 1,000,000; 739 fit
        List<Object> drawings = new ArrayList<>();
        for (int i = 0; i < 740; i++) {
            drawings.add(List.of(List.of(List.of(10, 60, 110), List.of(20, 20 + i % 50, 20))));
        }
        String message = Problems.fieldProblem(
                http.postJson(
                        "/api/v1/models/" + imageModel + "/activations", Map.of("layer", "c1", "drawings", drawings)),
                413,
                "layer");
        assertThat(message).contains("1000480").contains("1000000");
        JsonNode fits = activations(imageModel, "c1", "drawings", drawings.subList(0, 739));
        assertThat(ints(fits.get("shape"))).containsExactly(739, 2, 26, 26);
        Map<String, Object> image = Map.of("layer", "c1", "rows", rows.subList(0, 1));
        Problems.fieldProblem(http.postJson("/api/v1/models/" + imageModel + "/activations", image), "rows");
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asInt()));
        return out;
    }

    private static double[][] matrix(JsonNode answer) {
        JsonNode a = answer.get("activations");
        double[][] m = new double[a.size()][];
        for (int r = 0; r < a.size(); r++) {
            m[r] = new double[a.get(r).size()];
            for (int j = 0; j < m[r].length; j++) {
                m[r][j] = a.get(r).get(j).asDouble();
            }
        }
        return m;
    }

    /** The largest absolute residual of the least-squares fit y ≈ [x, 1]·B (pseudo-inverse, so dead units are fine). */
    private static double residual(double[][] x, double[][] y) {
        int n = x.length;
        int d = x[0].length;
        double[][] a = new double[n][d + 1];
        for (int r = 0; r < n; r++) {
            System.arraycopy(x[r], 0, a[r], 0, d);
            a[r][d] = 1;
        }
        RealMatrix design = new Array2DRowRealMatrix(a);
        RealMatrix target = new Array2DRowRealMatrix(y);
        RealMatrix fitted = design.multiply(
                new SingularValueDecomposition(design).getSolver().solve(target));
        double worst = 0;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < y[0].length; j++) {
                worst = Math.max(worst, Math.abs(fitted.getEntry(r, j) - y[r][j]));
            }
        }
        return worst;
    }
}
