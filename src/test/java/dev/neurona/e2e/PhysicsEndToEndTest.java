package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Physics-informed training over HTTP: the catalog's advection grid, a PINN job of a few steps, its metrics on the
 * grid, predictions through the normal door that agree with those metrics, the heat map, and the refusals.
 */
@EndToEndTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhysicsEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(240);
    static final String PINN =
            """
            {"layers": [{"type": "dense", "units": 16, "activation": "tanh"},
                        {"type": "dense", "units": 16, "activation": "tanh"},
                        {"type": "dense", "units": 1}],
             "optimizer": {"type": "adam", "learningRate": 0.005}, "epochs": 2, "seed": 11,
             "physics": {"collocation": 200, "initial": 50, "boundary": 50, "stepsPerEpoch": 15}}""";

    @LocalServerPort
    int port;

    Http http;
    String advection;
    JsonNode dataset;
    JsonNode model;

    @BeforeAll
    void train() {
        http = new Http(port);
        Http.Response imported = http.post("/api/v1/catalog/advection/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        dataset = imported.json();
        advection = dataset.get("id").asString();
        model = http.trainToModel(advection, PINN, TRAINING);
    }

    @Test
    void theCatalogOffersTheAdvectionGridOf10000Rows() {
        assertThat(dataset.get("rows").asInt()).isEqualTo(10_000);
        assertThat(dataset.get("task").asString()).isEqualTo("regression");
        assertThat(Http.strings(dataset.get("columns"), "name")).containsExactly("x", "t", "phi");
        JsonNode phi = dataset.get("columns").get(2);
        assertThat(phi.get("min").asDouble()).isCloseTo(-1.0, within(1e-3));
        assertThat(phi.get("max").asDouble()).isCloseTo(1.0, within(1e-3));
        assertThat(Http.strings(http.getJson("/api/v1/catalog"), "name")).contains("advection");
    }

    @Test
    void theJobStoresTheResolvedPhysicsAndTheGridMetrics() {
        JsonNode physics = model.get("spec").get("physics");
        assertThat(physics.get("equation").asString()).isEqualTo("advection");
        assertThat(physics.get("velocity").asDouble()).isEqualTo(1.0);
        assertThat(physics.get("weights").get("residual").asDouble()).isEqualTo(1.0);
        assertThat(model.get("spec").get("testSplit").asDouble()).isZero();
        JsonNode metrics = model.get("metrics");
        assertThat(metrics.get("testRows").asInt()).isEqualTo(10_000);
        double max = metrics.get("maxAbsError").asDouble();
        double mean = metrics.get("mae").asDouble();
        assertThat(mean).isPositive().isLessThanOrEqualTo(max);
        assertThat(metrics.get("rmse").asDouble()).isBetween(mean, max);
    }

    /** The trainer measured the grid through the block; the prediction door must answer the same φ per row. */
    @Test
    void predictionsForTheGridRowsAgreeWithTheStoredMetrics() {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Double> exact = new ArrayList<>();
        for (int j = 0; j < 100; j++) {
            for (int i = 0; i < 100; i++) {
                double x = i / 99.0;
                double t = j / 99.0;
                rows.add(Map.of("x", x, "t", t));
                exact.add(Math.sin(2 * Math.PI * (x - t)));
            }
        }
        JsonNode predictions = http.predict(model.get("id").asString(), rows);
        double sum = 0;
        double max = 0;
        for (int r = 0; r < rows.size(); r++) {
            double error = Math.abs(predictions.get(r).get("value").asDouble() - exact.get(r));
            sum += error;
            max = Math.max(max, error);
        }
        assertThat(sum / rows.size()).isCloseTo(model.get("metrics").get("mae").asDouble(), within(1e-5));
        assertThat(max).isCloseTo(model.get("metrics").get("maxAbsError").asDouble(), within(1e-5));
    }

    @Test
    void theHeatMapIsAPngOfThreePanels() throws IOException {
        Http.Binary png = http.bytes("/api/v1/models/" + model.get("id").asString() + "/charts/physics.png", null);
        assertThat(png.status()).as("%s", png).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(3 * 300);
        assertThat(image.getHeight()).isGreaterThan(300);
    }

    @Test
    void aPlainRegressionOnTheGridTrainsAndHasNoHeatMap() {
        JsonNode plain = http.trainToModel(
                advection,
                """
                {"layers": [{"type": "dense", "units": 8, "activation": "tanh"}, {"type": "dense", "units": 1}],
                 "epochs": 1, "seed": 3}""",
                TRAINING);
        assertThat(plain.get("spec").has("physics")).isFalse();
        assertThat(plain.get("metrics").has("maxAbsError")).isFalse();
        Http.Binary png = http.bytes("/api/v1/models/" + plain.get("id").asString() + "/charts/physics.png", null);
        assertThat(png.status()).as("%s", png).isEqualTo(409);
        assertThat(png.text().body()).contains("spec.physics");
        assertThat(http.bytes("/api/v1/models/no-such-model/charts/physics.png", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void badPhysicsSettingsAre400sAtTheirPaths() {
        String bad =
                """
                {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
                            {"type": "dense", "units": 1}],
                 "testSplit": 0.2, "batchSize": 32,
                 "physics": {"equation": "heat", "collocation": 0, "weights": {"residual": -1}}}""";
        Http.Response r = http.postJson("/api/v1/jobs", "{\"datasetId\":\"" + advection + "\",\"spec\":" + bad + "}");
        assertThat(Problems.fields(r))
                .contains(
                        "spec.physics.equation",
                        "spec.physics.collocation",
                        "spec.physics.weights.residual",
                        "spec.layers[0].activation",
                        "spec.testSplit",
                        "spec.batchSize");

        Http.Response iris = http.post("/api/v1/catalog/iris/import", null, new byte[0]);
        String irisId = iris.json().get("id").asString();
        Http.Response onIris =
                http.postJson("/api/v1/jobs", "{\"datasetId\":\"" + irisId + "\",\"spec\":" + PINN + "}");
        assertThat(Problems.fieldProblem(onIris, "spec.physics")).contains("numeric target");
        assertThat(Problems.fields(onIris)).contains("spec.physics");
    }
}
