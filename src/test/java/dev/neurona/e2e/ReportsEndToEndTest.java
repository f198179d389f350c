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
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A model's test report over real HTTP: the classification report and regression metrics in its JSON, the training
 * curves and confusion matrix as PNGs, and the test rows behind every confusion-matrix cell, for tables and images.
 */
@EndToEndTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(180);
    static final String NO_MODEL = "/api/v1/models/00000000-0000-0000-0000-000000000000";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;
    String fourClassDataset;
    String fourClassModel;
    String binaryModel;
    String regressionModel;
    String imageModel;

    /** All four jobs are queued at once; they train one after the other while the first is awaited. */
    @BeforeAll
    void train() {
        http = new Http(port);
        fourClassDataset = http.dataset(ReportFixtures.overlapping(4, 60, 1.5, 3), Map.of("name", "four"))
                .get("id")
                .asString();
        String four = http.submit(
                fourClassDataset,
                """
                {"layers":[{"type":"dense","units":8,"activation":"relu"},
                           {"type":"dense","units":4,"activation":"softmax"}],
                 "optimizer":{"type":"adam","learningRate":0.02},"epochs":8,"batchSize":16,"seed":5}""");
        String binaryDataset = http.dataset(ReportFixtures.overlapping(2, 60, 1.0, 4), Map.of("name", "two"))
                .get("id")
                .asString();
        String binary = http.submit(
                binaryDataset,
                """
                {"layers":[{"type":"dense","units":1,"activation":"sigmoid"}],"loss":"binary_crossentropy",
                 "optimizer":{"type":"adam","learningRate":0.05},"epochs":5,"batchSize":16,"seed":6}""");
        String linear = http.dataset(TestData.linear(200, 8), Map.of("name", "linear"))
                .get("id")
                .asString();
        String regression = http.submit(
                linear,
                """
                {"layers":[{"type":"dense","units":1}],"loss":"mse",
                 "optimizer":{"type":"adam","learningRate":0.05},"epochs":6,"batchSize":16,"seed":7}""");
        Http.Response upload = http.uploadParts(
                "/api/v1/datasets",
                List.of(
                        entry("images", entry("images.idx", ReportFixtures.bars(120, new Random(2)))),
                        entry("labels", entry("labels.idx", ReportFixtures.barLabels(120)))));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        String image = http.submit(
                upload.json().get("id").asString(),
                """
                {"layers":[{"type":"flatten"},{"type":"dense","units":2,"activation":"softmax"}],
                 "optimizer":{"type":"adam","learningRate":0.01},"epochs":4,"batchSize":16,"seed":9}""");
        fourClassModel = modelOf(four);
        binaryModel = modelOf(binary);
        regressionModel = modelOf(regression);
        imageModel = modelOf(image);
    }

    @Test
    void theClassificationReportAgreesWithTheConfusionMatrix() {
        JsonNode metrics = http.get("/api/v1/models/" + fourClassModel).json().get("metrics");
        int n = metrics.get("testRows").asInt();
        assertThat(n).isEqualTo(48);
        JsonNode matrix = metrics.get("confusionMatrix");
        JsonNode perClass = metrics.get("perClass");
        assertThat(Http.strings(perClass, "label")).containsExactly("a", "b", "c", "d");
        int correct = 0;
        double macroF1 = 0;
        double weightedF1 = 0;
        for (int c = 0; c < 4; c++) {
            int support = 0;
            int predicted = 0;
            for (int j = 0; j < 4; j++) {
                support += matrix.get(c).get(j).asInt();
                predicted += matrix.get(j).get(c).asInt();
            }
            int tp = matrix.get(c).get(c).asInt();
            correct += tp;
            JsonNode line = perClass.get(c);
            assertThat(line.get("support").asInt()).isEqualTo(support).isEqualTo(12);
            assertThat(line.get("precision").asDouble())
                    .isCloseTo(predicted == 0 ? 0 : (double) tp / predicted, within(1e-9));
            assertThat(line.get("recall").asDouble()).isCloseTo((double) tp / support, within(1e-9));
            assertThat(line.get("f1").asDouble()).isCloseTo(2.0 * tp / (support + predicted), within(1e-9));
            macroF1 += line.get("f1").asDouble() / 4;
            weightedF1 += line.get("f1").asDouble() * support / n;
        }
        assertThat(metrics.get("accuracy").asDouble()).isCloseTo((double) correct / n, within(1e-9));
        assertThat(metrics.get("macroAvg").get("f1").asDouble()).isCloseTo(macroF1, within(1e-9));
        assertThat(metrics.get("weightedAvg").get("f1").asDouble()).isCloseTo(weightedF1, within(1e-9));
        assertThat(metrics.get("weightedAvg").get("recall").asDouble()).isCloseTo(correct / (double) n, within(1e-9));
        assertThat(metrics.get("macroAvg").get("support").asInt()).isEqualTo(n);
        assertThat(metrics.get("top3Accuracy").asDouble())
                .isBetween(metrics.get("accuracy").asDouble(), 1.0);
        assertThat(metrics.get("top5Accuracy").isNull())
                .as("four classes: every row is in the top 5")
                .isTrue();
        assertThat(metrics.get("rocAuc").isNull()).as("more than two classes").isTrue();
        assertThat(metrics.get("mse").isNull()).isTrue();
        assertThat(correct)
                .as("overlapping classes leave some test rows off the diagonal")
                .isLessThan(n);
    }

    @Test
    void binaryAndRegressionMetrics() {
        JsonNode binary = http.get("/api/v1/models/" + binaryModel).json().get("metrics");
        assertThat(binary.get("rocAuc").asDouble()).isBetween(0.5, 1.0);
        assertThat(binary.get("perClass")).hasSize(2);
        assertThat(binary.get("top3Accuracy").isNull()).isTrue();

        JsonNode regression =
                http.get("/api/v1/models/" + regressionModel).json().get("metrics");
        assertThat(regression.get("rmse").asDouble())
                .isCloseTo(Math.sqrt(regression.get("mse").asDouble()), within(1e-12));
        assertThat(regression.get("mae").asDouble())
                .isPositive()
                .isLessThanOrEqualTo(regression.get("rmse").asDouble());
        assertThat(regression.get("r2").asDouble()).isLessThanOrEqualTo(1.0);
        for (String field : List.of("accuracy", "perClass", "macroAvg", "weightedAvg", "confusionMatrix", "rocAuc")) {
            assertThat(regression.get(field).isNull()).as(field).isTrue();
        }
    }

    @Test
    void trainingCurvesArePngs() throws IOException {
        String charts = "/api/v1/models/" + fourClassModel + "/charts/";
        BufferedImage both = png(http.bytes(charts + "loss.png", null));
        assertThat(both.getWidth()).isEqualTo(800);
        assertThat(both.getHeight()).isEqualTo(640);
        assertThat(colours(both)).hasSizeGreaterThan(20);
        BufferedImage accuracy = png(http.bytes(charts + "loss.png?metric=accuracy&width=600&height=300", null));
        assertThat(accuracy.getWidth()).isEqualTo(600);
        assertThat(accuracy.getHeight()).isEqualTo(300);
        assertThat(png(http.bytes("/api/v1/models/" + regressionModel + "/charts/loss.png?metric=mae", null))
                        .getHeight())
                .isEqualTo(380);
        Problems.fieldProblem(http.bytes(charts + "loss.png?metric=mae", null).text(), "metric");
        Problems.fieldProblem(http.bytes(charts + "loss.png?metric=speed", null).text(), "metric");
        Problems.fieldProblem(http.bytes(charts + "loss.png?width=50", null).text(), "width");
        Problems.problem(http.bytes(NO_MODEL + "/charts/loss.png", null).text(), 404);
    }

    @Test
    void theConfusionMatrixIsAHeatMap() throws IOException {
        BufferedImage image = png(http.bytes("/api/v1/models/" + fourClassModel + "/charts/confusion.png", null));
        assertThat(image.getWidth()).isBetween(480, 1200);
        assertThat(image.getHeight()).isBetween(400, 1200);
        assertThat(colours(image)).as("cells in several blues, counts, labels").hasSizeGreaterThan(20);
        // with an image/png Accept too, a regression model's answer is a problem, not an empty PNG
        Http.Binary regression = http.bytes("/api/v1/models/" + regressionModel + "/charts/confusion.png", "image/png");
        assertThat(Problems.problem(regression.text(), 404).get("detail").asString())
                .contains("regression");
        Problems.problem(http.bytes(NO_MODEL + "/charts/confusion.png", null).text(), 404);
        Problems.fieldProblem(
                http.bytes("/api/v1/models/no%20pe/charts/confusion.png", null).text(), "ref");
    }

    @Test
    void everyConfusionMatrixCellOpensOnItsTestRows() {
        JsonNode metrics = http.get("/api/v1/models/" + fourClassModel).json().get("metrics");
        List<String> classes = List.of("a", "b", "c", "d");
        Map<Integer, JsonNode> rows = new HashMap<>();
        for (int t = 0; t < 4; t++) {
            for (int p = 0; p < 4; p++) {
                JsonNode cell = http.get(cell(fourClassModel, classes.get(t), classes.get(p), "&limit=100"))
                        .json();
                int count = metrics.get("confusionMatrix").get(t).get(p).asInt();
                assertThat(cell.get("count").asInt()).isEqualTo(count);
                assertThat(cell.get("trueClass").asString()).isEqualTo(classes.get(t));
                assertThat(cell.get("predictedClass").asString()).isEqualTo(classes.get(p));
                assertThat(cell.get("datasetAvailable").asBoolean()).isTrue();
                JsonNode samples = cell.get("samples");
                assertThat(samples).hasSize(count);
                double previous = 1;
                for (JsonNode s : samples) {
                    assertThat(rows.put(s.get("index").asInt(), s.get("row")))
                            .as("each test row sits in one cell")
                            .isNull();
                    assertThat(s.get("row").get("cls").asString()).isEqualTo(classes.get(t));
                    assertThat(s.has("image")).isFalse();
                    JsonNode probabilities = s.get("probabilities");
                    assertThat(probabilities.propertyNames()).containsExactlyElementsOf(classes);
                    double mine = probabilities.get(classes.get(p)).asDouble();
                    for (String c : classes) {
                        assertThat(probabilities.get(c).asDouble())
                                .as("%s is the most probable", classes.get(p))
                                .isLessThanOrEqualTo(mine);
                    }
                    assertThat(mine).as("most confident first").isLessThanOrEqualTo(previous);
                    previous = mine;
                }
            }
        }
        assertThat(rows).hasSize(metrics.get("testRows").asInt());

        // a sample's index is its row in the dataset, as the samples endpoint counts rows
        for (int index : List.copyOf(rows.keySet()).subList(0, 3)) {
            JsonNode fromDataset = http.get(
                            "/api/v1/datasets/" + fourClassDataset + "/samples?offset=" + index + "&limit=1")
                    .json()
                    .get(0);
            assertThat(rows.get(index)).isEqualTo(fromDataset);
        }

        JsonNode all = http.get(cell(fourClassModel, "a", "a", "")).json().get("samples");
        JsonNode page =
                http.get(cell(fourClassModel, "a", "a", "&offset=1&limit=2")).json();
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("samples")).hasSize(Math.min(2, all.size() - 1));
        assertThat(page.get("samples").get(0)).isEqualTo(all.get(1));
    }

    @Test
    void badCellRequestsAreProblemsNamingTheParameter() {
        assertThat(Problems.fieldProblem(http.get(cell(fourClassModel, "zebra", "a", "")), "true"))
                .contains("zebra")
                .contains("a, b, c, d");
        Problems.fieldProblem(http.get(cell(fourClassModel, "a", "e", "")), "predicted");
        Problems.fieldProblem(http.get("/api/v1/models/" + fourClassModel + "/misclassified?true=a"), "predicted");
        Problems.fieldProblem(http.get(cell(fourClassModel, "a", "b", "&limit=0")), "limit");
        Problems.fieldProblem(http.get(cell(fourClassModel, "a", "b", "&limit=101")), "limit");
        Problems.fieldProblem(http.get(cell(fourClassModel, "a", "b", "&offset=-1")), "offset");
        Problems.problem(http.get(cell(fourClassModel, "a", "b", ""), "image/png"), 406);
        Problems.problem(http.get(cell(regressionModel, "a", "b", "")), 404);
        Problems.problem(http.get(NO_MODEL + "/misclassified?true=a&predicted=b"), 404);
    }

    @Test
    void imageCellsComeAsThumbnails() throws IOException {
        JsonNode matrix =
                http.get("/api/v1/models/" + imageModel).json().get("metrics").get("confusionMatrix");
        String cls = matrix.get(0).get(0).asInt() >= matrix.get(1).get(1).asInt() ? "0" : "1";
        int count = matrix.get(Integer.parseInt(cls)).get(Integer.parseInt(cls)).asInt();
        assertThat(count).isPositive();
        JsonNode cell = http.get(cell(imageModel, cls, cls, "&limit=5")).json();
        assertThat(cell.get("count").asInt()).isEqualTo(count);
        assertThat(cell.get("samples")).hasSize(Math.min(5, count));
        JsonNode first = cell.get("samples").get(0);
        assertThat(first.has("row")).isFalse();
        BufferedImage bar = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(first.get("image").asString())));
        assertThat(bar.getWidth()).isEqualTo(28);
        assertThat(colours(bar)).as("a white bar on black").containsExactlyInAnyOrder(0xFFFFFF, 0x000000);

        BufferedImage grid = png(http.bytes(cell(imageModel, cls, cls, "&limit=12"), "image/png"));
        assertThat(grid.getWidth()).as("56-pixel thumbnails side by side").isGreaterThan(Math.min(10, count) * 56);
        assertThat(grid.getHeight()).isGreaterThan(56);
        assertThat(colours(grid)).contains(0xFFFFFF, 0x000000);
    }

    /** A model stored before the full report: its metrics load with the new fields null; what it lacks is a 404. */
    @Test
    void modelsStoredByEarlierVersionsStillLoad() throws IOException {
        UUID old = UUID.randomUUID();
        jdbc.sql(
                        """
                INSERT INTO model (id, job_id, dataset_id, name, task, spec_json, preprocessing_json, metrics_json,
                                   artifacts_json, created_at, registered_name, version)
                SELECT :old, :job, dataset_id, name, task, spec_json, preprocessing_json, :metrics, '{}', created_at,
                       'earlier', 1
                FROM model WHERE id = :model""")
                .param("old", old)
                .param("job", UUID.randomUUID())
                .param("model", UUID.fromString(fourClassModel))
                .param(
                        "metrics",
                        "{\"testRows\":3,\"loss\":0.5,\"accuracy\":0.667,\"confusionMatrix\":"
                                + "[[1,0,0,0],[0,1,0,0],[0,1,0,0],[0,0,0,0]],\"mse\":null,\"mae\":null,\"r2\":null}")
                .update();
        Http.Response model = http.get("/api/v1/models/" + old);
        assertThat(model.status()).as(model.toString()).isEqualTo(200);
        JsonNode metrics = model.json().get("metrics");
        assertThat(metrics.get("accuracy").asDouble()).isEqualTo(0.667);
        assertThat(metrics.get("perClass").isNull()).isTrue();
        assertThat(metrics.get("top3Accuracy").isNull()).isTrue();
        assertThat(http.ids("/api/v1/models")).contains(old.toString());
        png(http.bytes("/api/v1/models/" + old + "/charts/confusion.png", null));
        assertThat(Problems.problem(http.get(cell(old.toString(), "a", "b", "")), 404)
                        .get("detail")
                        .asString())
                .contains("test predictions");
        Problems.problem(
                http.bytes("/api/v1/models/" + old + "/charts/loss.png", null).text(), 404);
    }

    @Test
    void aPredictorKeyMayLookAtReports() {
        Http.Response key = http.postJson("/api/v1/keys", Map.of("name", "viewer", "role", "predictor"));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        Http viewer = new Http(port, key.json().get("key").asString());
        assertThat(viewer.bytes("/api/v1/models/" + fourClassModel + "/charts/confusion.png", null)
                        .status())
                .isEqualTo(200);
        assertThat(viewer.get(cell(fourClassModel, "a", "b", "")).status()).isEqualTo(200);
        assertThat(new Http(port, null).get(cell(fourClassModel, "a", "b", "")).status())
                .isEqualTo(401);
    }

    @Test
    void theOpenApiDescriptionShowsTheReports() {
        JsonNode api = http.get("/v3/api-docs").json();
        JsonNode cell =
                api.get("paths").get("/api/v1/models/{ref}/misclassified").get("get");
        assertThat(cell.get("responses").get("200").get("content").propertyNames())
                .contains("application/json", "image/png");
        assertThat(cell.get("responses")
                        .get("200")
                        .get("content")
                        .get("application/json")
                        .get("examples")
                        .has("iris"))
                .isTrue();
        assertThat(cell.get("responses").get("400").get("content").has("application/problem+json"))
                .isTrue();
        assertThat(api.get("paths")
                        .get("/api/v1/models/{ref}/charts/loss.png")
                        .get("get")
                        .get("responses")
                        .get("200")
                        .get("content")
                        .has("image/png"))
                .isTrue();
        assertThat(api.get("paths").has("/api/v1/models/{ref}/charts/confusion.png"))
                .isTrue();
        JsonNode metrics = api.get("components").get("schemas").get("Metrics").get("properties");
        assertThat(metrics.propertyNames())
                .contains("perClass", "macroAvg", "weightedAvg", "top3Accuracy", "top5Accuracy", "rocAuc", "rmse");
        assertThat(metrics.get("rocAuc").get("description").asString()).contains("roc_auc_score");
    }

    private String modelOf(String job) {
        return http.awaitState(job, "SUCCEEDED", TRAINING).get("modelId").asString();
    }

    private static String cell(String model, String trueClass, String predicted, String more) {
        return "/api/v1/models/" + model + "/misclassified?true=" + trueClass + "&predicted=" + predicted + more;
    }

    private static BufferedImage png(Http.Binary r) throws IOException {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(image).as("a decodable PNG").isNotNull();
        return image;
    }

    private static Set<Integer> colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen;
    }
}
