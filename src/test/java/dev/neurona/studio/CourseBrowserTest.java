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
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The course's first lesson through the Studio alone, as a student does it: nothing is prepared through the API.
 * Sign in, import iris from the catalog, build a two-layer network in the builder (a mistake shows at its field and
 * goes once fixed), train it and watch the curve reach the last epoch, open the model, click a confusion-matrix cell
 * and see its rows, then predict a flower through the form generated from the model's inputs.
 */
@EndToEndTest
class CourseBrowserTest {

    static final int EPOCHS = 25;
    static final Duration TRAINING = Duration.ofMinutes(4);

    @LocalServerPort
    int port;

    @Test
    void aStudentImportsBuildsTrainsInspectsAndPredictsWithoutLeavingTheBrowser() {
        try (Studio studio = Studio.open(port, "course")) {
            studio.go("/").signIn();

            // 1. the data: one click in the catalog
            studio.find(By.cssSelector("#nav a[href='#/datasets']")).click();
            studio.await(By.cssSelector("li[data-name='iris'] button.import")).click();
            studio.awaitScript("location.hash.startsWith('#/datasets/')", Studio.WAIT);
            studio.awaitText(By.cssSelector(".columns-table"), "petal width (cm)");
            studio.shot("1-dataset");

            // 2. the network: two dense layers from the builder, a mistake shown at its field and gone once fixed
            studio.await(By.id("design-network")).click();
            studio.awaitText(By.id("check-status"), "Add a layer");
            new Select(studio.find(By.id("new-layer-type"))).selectByValue("dense");
            studio.find(By.id("add-layer")).click();
            type(studio.await(By.id("f-layers-0-units")), "16");
            new Select(studio.find(By.id("f-layers-0-activation"))).selectByValue("relu");
            studio.find(By.id("add-layer")).click();
            type(studio.await(By.id("f-layers-1-units")), "3");
            new Select(studio.find(By.id("f-layers-1-activation"))).selectByValue("softmax");
            studio.awaitText(By.id("check-status"), "Valid: 131 parameters");

            type(studio.find(By.id("f-layers-0-units")), "0");
            studio.awaitScript(
                    "document.getElementById('f-layers-0-units').getAttribute('aria-invalid') === 'true'", Studio.WAIT);
            WebElement units = studio.find(By.xpath("//input[@id='f-layers-0-units']/ancestor::div[1]"));
            assertThat(units.findElement(By.cssSelector(".field-error")).getText())
                    .contains("between 1 and 65536");
            studio.shot("2-field-error");
            type(studio.find(By.id("f-layers-0-units")), "16");
            studio.awaitText(By.id("check-status"), "Valid: 131 parameters");
            assertThat(studio.find(By.id("f-layers-0-units")).getAttribute("aria-invalid"))
                    .isNotEqualTo("true");
            assertThat(studio.findAll(By.cssSelector(".field-error")).stream()
                            .filter(WebElement::isDisplayed)
                            .map(WebElement::getText)
                            .filter(text -> !text.isBlank()))
                    .isEmpty();

            type(studio.find(By.id("f-epochs")), String.valueOf(EPOCHS));
            type(studio.find(By.id("f-batchSize")), "16");
            type(studio.find(By.id("f-seed")), "42");
            type(studio.find(By.id("f-optimizer-learningRate")), "0.01");
            type(studio.find(By.id("register-name")), "iris-course");
            studio.awaitText(By.id("check-status"), "Valid: 131 parameters");
            studio.shot("2-network");

            // 3. training, watched live to the last epoch
            studio.find(By.id("train")).click();
            studio.awaitScript("location.hash.startsWith('#/jobs/')", Studio.WAIT);
            studio.awaitScript("document.querySelector('#loss-chart')?.dataset.epochs === '" + EPOCHS + "'", TRAINING);
            studio.awaitText(By.id("job-state"), "Succeeded", TRAINING);
            studio.shot("3-trained");

            // 4. the model: its metrics, and the rows behind one confusion-matrix cell
            studio.await(By.id("job-model")).click();
            studio.awaitText(By.cssSelector("main h1"), "iris-course v1");
            studio.awaitText(By.id("model-metrics"), "Accuracy");
            String modelId = ((String) studio.script("return location.hash;")).substring("#/models/".length());
            JsonNode matrix =
                    new Http(port).getJson("/api/v1/models/" + modelId).at("/metrics/confusionMatrix");
            int[] cell = interestingCell(matrix);
            String[] classes = {"setosa", "versicolor", "virginica"};
            studio.find(By.cssSelector("#confusion-grid button[data-true='" + classes[cell[0]] + "'][data-predicted='"
                            + classes[cell[1]] + "']"))
                    .click();
            int count = matrix.get(cell[0]).get(cell[1]).asInt();
            studio.awaitText(By.id("cell-count"), String.valueOf(count));
            studio.awaitScript(
                    "document.querySelectorAll('#confusion-cell tbody tr').length === " + count, Studio.WAIT);
            studio.shot("4-model");

            // 5. a prediction through the form generated from the model's inputs
            studio.find(By.id("predict-link")).click();
            predictAFlower(studio);
            studio.shot("5-prediction");
        }
    }

    /** The first off-diagonal cell with rows (a mistake to look at), else the first class's correct ones. */
    private static int[] interestingCell(JsonNode matrix) {
        for (int t = 0; t < matrix.size(); t++) {
            for (int p = 0; p < matrix.size(); p++) {
                if (t != p && matrix.get(t).get(p).asInt() > 0) {
                    return new int[] {t, p};
                }
            }
        }
        return new int[] {0, 0};
    }

    /** A large flower (the README's virginica) typed into the inputs found by their labels, as a person finds them. */
    private static void predictAFlower(Studio studio) {
        studio.awaitText(By.cssSelector("main h1"), "iris-course");
        type(input(studio, "sepal length (cm)"), "6.7");
        assertThat(studio.findAll(By.cssSelector("#predict-form .predict-field")))
                .hasSize(4);
        type(input(studio, "sepal width (cm)"), "3.0");
        type(input(studio, "petal length (cm)"), "5.2");
        type(input(studio, "petal width (cm)"), "2.3");
        studio.find(By.id("predict-button")).click();
        studio.awaitText(By.cssSelector("#predict-result .predict-top"), "virginica");
        assertThat(studio.findAll(By.cssSelector("#predict-result .prob-bars li")))
                .hasSize(3);
    }

    private static WebElement input(Studio studio, String label) {
        WebElement found = studio.await(By.xpath("//label[normalize-space(.)='" + label + "']"));
        return studio.find(By.id(found.getDomAttribute("for")));
    }

    static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }
}
