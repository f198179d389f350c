package dev.neurona.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Studio;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The course's second half through the pages alone: an autoencoder from its preset on a table, trained, inspected
 * (its reconstruction metrics and score histogram) and asked about a setosa and an impossible flower; the
 * advection PINN from its preset on the catalog's example, trained, and its φ(x, t) drawn beside the exact one.
 */
@EndToEndTest
class BeyondLabelsBrowserTest {

    private static final Duration CHECK = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Test
    void anAutoencoderFromItsPresetTrainsAndCallsAnImpossibleFlowerAnAnomaly() {
        Http http = new Http(port);
        String iris = http.post("/api/v1/catalog/iris/import", null, new byte[0])
                .expect(201)
                .json()
                .get("id")
                .asString();

        try (Studio studio = Studio.open(port, "autoencoder")) {
            studio.go("#/design?dataset=" + iris).signIn();
            studio.await(By.id("preset-autoencoder")).click();
            studio.awaitText(By.id("check-status"), "Valid:", CHECK);
            // the preset's output gives back iris' four measurements; the task shows in the training settings
            assertThat(studio.find(By.id("f-layers-3-units")).getAttribute("value"))
                    .isEqualTo("4");
            assertThat(studio.find(By.cssSelector("[data-path='spec.task']")).getAttribute("value"))
                    .isEqualTo("reconstruction");
            studio.shot("preset");

            studio.find(By.id("train")).click();
            studio.awaitScript("location.hash.startsWith('#/jobs/')", CHECK);
            String job = ((String) studio.script("return location.hash;")).substring("#/jobs/".length());
            JsonNode done = http.awaitState(job, "SUCCEEDED", Duration.ofSeconds(180));
            String model = done.get("modelId").asString();
            JsonNode metrics =
                    http.get("/api/v1/models/" + model).expect(200).json().get("metrics");

            studio.go("#/models/" + model);
            WebElement tiles = studio.awaitText(By.id("model-metrics"), "Baseline MSE", CHECK);
            assertThat(tiles.getText()).contains("Anomaly threshold", "Test anomalies");
            assertThat(tiles.getText()).doesNotContain("Accuracy");
            // the service's histogram of the test rows' scores, drawn into the card
            studio.awaitScript(loaded("#model-reconstructions img"), CHECK);
            studio.shot("model");

            studio.go("#/predict/" + model);
            WebElement petal = input(studio, "petal length (cm)");
            assertThat(studio.find(By.cssSelector(".predict-summary")).getText())
                    .startsWith("Autoencoder of 4 columns")
                    .doesNotContain("Classifier");
            // a setosa from the dataset: a usual flower, given back in centimetres with its code
            type(input(studio, "sepal length (cm)"), "5.1");
            type(input(studio, "sepal width (cm)"), "3.5");
            type(petal, "1.4");
            type(input(studio, "petal width (cm)"), "0.2");
            studio.find(By.id("predict-button")).click();
            WebElement score = studio.await(By.cssSelector("#predict-result .predict-score"));
            double usual = Double.parseDouble(score.getText());
            assertThat(studio.find(By.id("predict-result")).getText()).contains("petal length (cm)", "Code (2 values)");
            studio.shot("usual");

            // a 40 cm petal: the autoencoder cannot give it back, and says so
            type(petal, "40");
            studio.find(By.id("predict-button")).click();
            studio.awaitText(By.cssSelector("#predict-result .predict-label"), "anomaly", CHECK);
            double impossible = Double.parseDouble(studio.find(By.cssSelector("#predict-result .predict-score"))
                    .getText()
                    .replace(",", ""));
            assertThat(impossible)
                    .isGreaterThan(
                            metrics.get("reconstruction").get("threshold").asDouble())
                    .isGreaterThan(10 * usual);
            studio.shot("anomaly");

            studio.width(390);
            studio.assertFitsWidth();
        }
    }

    @Test
    void theAdvectionPresetLearnsFromTheEquationAndDrawsItsSolutionBesideTheExactOne() {
        Http http = new Http(port);
        String advection = http.post("/api/v1/catalog/advection/import", null, new byte[0])
                .expect(201)
                .json()
                .get("id")
                .asString();

        try (Studio studio = Studio.open(port, "pinn")) {
            studio.go("#/design?dataset=" + advection).signIn();
            studio.await(By.id("preset-pinn")).click();
            studio.awaitText(By.id("check-status"), "Valid:", CHECK);
            // a short run: the picture, not the accuracy, is what this checks (the acceptance run measures that)
            WebElement epochs = studio.find(By.cssSelector("[data-path='spec.epochs']"));
            epochs.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            epochs.sendKeys("2");
            studio.awaitText(By.id("check-status"), "Valid:", CHECK);
            studio.shot("preset");

            studio.find(By.id("train")).click();
            studio.awaitScript("location.hash.startsWith('#/jobs/')", CHECK);
            String job = ((String) studio.script("return location.hash;")).substring("#/jobs/".length());
            JsonNode done = http.awaitState(job, "SUCCEEDED", Duration.ofSeconds(240));
            assertThat(done.get("spec").get("physics").get("equation").asString())
                    .isEqualTo("advection");
            String model = done.get("modelId").asString();

            studio.go("#/models/" + model);
            studio.awaitText(By.id("model-metrics"), "Max |error|", CHECK);
            studio.awaitScript(loaded("#model-physics img"), CHECK);
            // no class, so no map of classes: the representations card stays away
            assertThat(studio.findAll(By.id("representations-layer"))).isEmpty();
            studio.shot("model");
        }
    }

    /** A JavaScript condition: the picture is there and decoded. */
    private static String loaded(String selector) {
        return "(function (i) { return i !== null && i.complete && i.naturalWidth > 0; })(document.querySelector('"
                + selector + "'))";
    }

    private static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    private static WebElement input(Studio studio, String label) {
        WebElement found = studio.await(By.xpath("//label[normalize-space(.)='" + label + "']"));
        return studio.find(By.id(found.getDomAttribute("for")));
    }
}
