package dev.neurona.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Studio;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Inspecting a model as a person does: from the list to the model, its metrics and classification report, a cell of
 * the confusion matrix opened to its test rows, the diagnosis and curves, the receipt's replay, the model by name,
 * on a phone, and deleted in two steps.
 */
@EndToEndTest
class ModelsBrowserTest {

    private static final Duration TRAINING = Duration.ofSeconds(180);

    // few epochs on purpose: a model that still confuses versicolor and virginica has off-diagonal cells to open
    private static final String SPEC =
            """
            {"layers": [{"type": "dense", "units": 8, "activation": "relu"},
                        {"type": "dense", "units": 3, "activation": "softmax"}],
             "optimizer": {"type": "adam", "learningRate": 0.02}, "epochs": 12, "batchSize": 16, "seed": 7}""";

    @LocalServerPort
    int port;

    @Test
    void aPersonInspectsATrainedModelOpensItsMistakesReplaysAndDeletesIt() {
        Http http = new Http(port);
        Http.Response imported = http.post("/api/v1/catalog/iris/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        String datasetId = imported.json().get("id").asString();
        JsonNode job = http.awaitState(http.submit(datasetId, SPEC, "iris"), "SUCCEEDED", TRAINING);
        String modelId = job.get("modelId").asString();
        JsonNode model = http.getJson("/api/v1/models/" + modelId);
        JsonNode metrics = model.get("metrics");

        try (Studio studio = Studio.open(port, "models")) {
            studio.go("#/models").signIn();
            studio.awaitText(By.id("models-list"), "iris");
            assertThat(studio.find(By.id("models-list")).getText())
                    .contains(
                            "v1",
                            "classification",
                            "accuracy " + percent(metrics.get("accuracy").asDouble()));
            studio.shot("list");

            studio.find(By.cssSelector("#models-list a[href='#/models/" + modelId + "']"))
                    .click();
            studio.awaitText(By.cssSelector("main h1"), "iris v1");
            studio.awaitText(By.id("model-metrics"), "Accuracy");
            assertThat(studio.find(By.id("model-metrics")).getText())
                    .contains(percent(metrics.get("accuracy").asDouble()), "Loss", "30");
            assertThat(studio.find(By.id("model-classes")).getText()).contains("setosa", "versicolor", "virginica");
            List<WebElement> reportRows = studio.findAll(By.cssSelector("#model-report tbody tr"));
            assertThat(reportRows).hasSize(5);
            assertThat(reportRows.get(0).getText()).startsWith("setosa");
            assertThat(reportRows.get(3).getText()).startsWith("macro average");
            assertThat(reportRows.get(4).getText())
                    .startsWith("weighted average")
                    .endsWith(String.valueOf(metrics.get("testRows").asInt()));

            // the diagnosis, in the service's own words
            WebElement diagnosis = studio.await(By.id("model-diagnosis"));
            if (model.get("diagnosis").isEmpty()) {
                assertThat(diagnosis.getText()).contains("Nothing to remark");
            } else {
                assertShown(diagnosis, model.get("diagnosis"));
            }

            // a cell of the confusion matrix: an off-diagonal one with mistakes if there is any
            List<String> classes = Http.strings(model.get("preprocessing").get("classes"), null);
            int[] cell = pickCell(metrics.get("confusionMatrix"));
            int count = metrics.get("confusionMatrix").get(cell[0]).get(cell[1]).asInt();
            assertThat(studio.findAll(By.cssSelector("#confusion-grid button.cm-cell")))
                    .hasSize(9);
            WebElement button = studio.find(By.cssSelector("#confusion-grid button[data-true='" + classes.get(cell[0])
                    + "'][data-predicted='" + classes.get(cell[1]) + "']"));
            assertThat(button.getText()).isEqualTo(String.valueOf(count));
            button.click();
            studio.awaitText(By.id("cell-count"), String.valueOf(count));
            studio.awaitScript(
                    "document.querySelectorAll('#confusion-cell table.samples tbody tr').length === " + count,
                    Studio.WAIT);
            assertThat(button.getAttribute("aria-pressed")).isEqualTo("true");
            assertThat(studio.find(By.cssSelector("#confusion-cell table.samples thead"))
                            .getText())
                    .contains("petal length (cm)", "P(setosa)", "P(versicolor)", "P(virginica)");

            studio.await(By.cssSelector("#model-curves canvas"));
            // the representations card draws the service's PCA scatter of the last hidden layer
            studio.awaitScript(
                    "document.querySelector('#representations-picture img')?.naturalWidth === 800", Studio.WAIT);
            assertThat(studio.find(By.id("representations-layer")).getText()).contains("input");
            assertThat(studio.find(By.id("model-receipt")).getText()).contains("Seed", "7", "PyTorch");
            assertThat(studio.find(By.id("predict-link")).getAttribute("href")).endsWith("#/predict/" + modelId);
            studio.find(By.cssSelector("#model-spec summary")).click();
            studio.awaitText(By.cssSelector("#model-spec pre"), "\"seed\": 7");
            studio.shot("model");

            // by name, on a phone
            studio.go("#/models/iris");
            studio.awaitText(By.cssSelector("main h1"), "iris v1");
            studio.awaitText(By.id("model-metrics"), "Accuracy");
            assertThat(studio.find(By.id("predict-link")).getAttribute("href")).endsWith("#/predict/iris");
            studio.width(390);
            studio.await(By.cssSelector("#model-curves canvas"));
            studio.find(By.cssSelector("#confusion-grid button[data-true='" + classes.get(cell[0])
                            + "'][data-predicted='" + classes.get(cell[1]) + "']"))
                    .click();
            studio.awaitText(By.id("cell-count"), String.valueOf(count));
            studio.assertFitsWidth();
            studio.shot("model-390");
            studio.width(1280);

            // replay: a job queued, and the Studio follows it
            studio.find(By.id("replay")).click();
            studio.awaitScript("location.hash.startsWith('#/jobs/')", Studio.WAIT);
            String replayJob = studio.driver().getCurrentUrl().replaceAll(".*#/jobs/", "");
            JsonNode replayed = http.awaitState(replayJob, "SUCCEEDED", TRAINING);
            assertThat(replayed.get("replayOf").asString()).isEqualTo(modelId);

            // delete the first version, after a confirm step
            studio.go("#/models/" + modelId);
            studio.awaitText(By.cssSelector("main h1"), "iris v1");
            studio.awaitText(By.id("model-summary"), "v2");
            studio.find(By.id("delete-model")).click();
            studio.find(By.id("confirm-delete")).click();
            studio.awaitScript("location.hash === '#/models'", Studio.WAIT);
            studio.awaitText(By.id("models-list"), "v2");
            assertThat(studio.findAll(By.cssSelector("#models-list a[href='#/models/" + modelId + "']")))
                    .isEmpty();
            assertThat(http.get("/api/v1/models/" + modelId).status()).isEqualTo(404);
        }
    }

    @Test
    void aPredictorKeySeesARegressionModelWithoutTheControlsItsRoleMayNotUse() {
        Http http = new Http(port);
        Http.Response imported = http.post("/api/v1/catalog/housing/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        String spec =
                """
                {"layers": [{"type": "dense", "units": 16, "activation": "relu"}, {"type": "dense", "units": 1}],
                 "loss": "mse", "optimizer": {"type": "adam", "learningRate": 0.01}, "epochs": 8, "batchSize": 32,
                 "seed": 3}""";
        JsonNode job = http.awaitState(
                http.submit(imported.json().get("id").asString(), spec, "housing"), "SUCCEEDED", TRAINING);
        JsonNode model = http.getJson("/api/v1/models/" + job.get("modelId").asString());
        JsonNode metrics = model.get("metrics");
        String predictor = http.createKey("predictor");

        try (Studio studio = Studio.open(port, "models-predictor")) {
            studio.go("#/models").signIn(predictor);
            studio.awaitText(By.id("models-list"), "housing");
            assertThat(studio.find(By.id("models-list")).getText()).contains("regression", "RMSE");

            studio.go("#/models/housing");
            studio.awaitText(By.cssSelector("main h1"), "housing v1");
            studio.awaitText(By.id("model-metrics"), "RMSE");
            assertThat(studio.find(By.id("model-metrics")).getText()).contains("MAE", "MSE", "R²", "Loss");
            assertThat(metrics.get("rmse").asDouble()).isPositive();
            assertShown(studio.find(By.id("model-diagnosis")), model.get("diagnosis"));
            assertThat(studio.findAll(By.id("confusion-grid"))).isEmpty();
            assertThat(studio.findAll(By.id("model-report"))).isEmpty();
            assertThat(studio.findAll(By.id("representations-layer"))).isEmpty();
            // a predictor may not read jobs: the service's own picture of the curves stands in for the chart
            studio.awaitScript("document.querySelector('#model-curves img.curves-png')?.naturalWidth > 0", Studio.WAIT);
            assertThat(studio.findAll(By.id("delete-model"))).isEmpty();
            assertThat(studio.findAll(By.id("replay"))).isEmpty();
            assertThat(studio.find(By.id("export-onnx")).isEnabled()).isTrue();
            studio.width(390);
            studio.assertFitsWidth();
            studio.shot("regression-390");
            studio.width(1280);

            studio.go("#/models/no-such-model");
            studio.awaitText(By.cssSelector("main .problem"), "404");
            studio.shot("unknown");
        }
    }

    /** Each finding's sentence is on the page (its first letter may be shown in upper case). */
    private static void assertShown(WebElement diagnosis, JsonNode findings) {
        for (JsonNode finding : findings) {
            assertThat(diagnosis.getText().toLowerCase(Locale.ROOT))
                    .contains(finding.get("message").asString().toLowerCase(Locale.ROOT));
        }
    }

    /** The first off-diagonal cell with a count, else the first diagonal one with a count. */
    private static int[] pickCell(JsonNode matrix) {
        for (int t = 0; t < matrix.size(); t++) {
            for (int p = 0; p < matrix.size(); p++) {
                if (t != p && matrix.get(t).get(p).asInt() > 0) {
                    return new int[] {t, p};
                }
            }
        }
        for (int t = 0; t < matrix.size(); t++) {
            if (matrix.get(t).get(t).asInt() > 0) {
                return new int[] {t, t};
            }
        }
        throw new AssertionError("an empty confusion matrix: " + matrix);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
