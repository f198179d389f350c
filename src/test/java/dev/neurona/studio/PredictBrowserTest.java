package dev.neurona.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Studio;
import dev.neurona.support.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Predict page of a table model: the form is generated from the model's own OpenAPI document (one input per
 * column, prefilled with the training means), a person changes the values, presses Predict and sees the species on
 * top of one bar per class; a value the service refuses is shown at its input.
 */
@EndToEndTest
class PredictBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aPersonFillsTheGeneratedFormAndSeesTheSpeciesAndEveryClasssBar() {
        Http http = new Http(port);
        Http.Response imported = http.post("/api/v1/catalog/iris/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        String spec =
                """
                {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
                            {"type": "dense", "units": 3, "activation": "softmax"}],
                 "optimizer": {"type": "adam", "learningRate": 0.02}, "epochs": 40, "batchSize": 16, "seed": 7}""";
        String model = http.trainToModel(imported.json().get("id").asString(), spec, Duration.ofSeconds(180))
                .get("id")
                .asString();

        try (Studio studio = Studio.open(port, "predict")) {
            studio.go("#/predict/" + model).signIn();
            WebElement petalWidth = input(studio, "petal width (cm)");
            assertThat(studio.findAll(By.cssSelector("#predict-form .predict-field")))
                    .as("one input per column of iris, the label not among them")
                    .hasSize(4);
            assertThat(Double.parseDouble(input(studio, "sepal length (cm)").getDomProperty("value")))
                    .as("prefilled with the training mean")
                    .isBetween(5.5, 6.2);
            studio.shot("form");

            type(input(studio, "sepal length (cm)"), "6.7");
            type(input(studio, "sepal width (cm)"), "3.0");
            type(input(studio, "petal length (cm)"), "5.2");
            type(petalWidth, "2.3");
            studio.find(By.id("predict-button")).click();
            studio.awaitText(By.cssSelector("#predict-result .predict-top"), "virginica");
            List<WebElement> bars = studio.findAll(By.cssSelector("#predict-result .prob-bars li"));
            assertThat(bars).as("one bar per class").hasSize(3);
            assertThat(bars.get(0).getDomAttribute("data-label")).isEqualTo("virginica");
            assertThat(bars.stream().map(b -> b.getDomAttribute("data-label")))
                    .containsExactlyInAnyOrder("setosa", "versicolor", "virginica");
            assertThat(studio.find(By.cssSelector("#predict-result")).getText()).contains("%");
            studio.shot("virginica");

            type(input(studio, "petal length (cm)"), "1.4");
            type(petalWidth, "0.2");
            studio.find(By.id("predict-button")).click();
            studio.awaitText(By.cssSelector("#predict-result .predict-top"), "setosa");

            type(petalWidth, "wide");
            studio.find(By.id("predict-button")).click();
            WebElement error =
                    studio.awaitText(By.id(petalWidth.getDomAttribute("id") + "-error"), "expected a number");
            assertThat(error.getText()).contains("wide");
            assertThat(petalWidth.getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(studio.find(By.id("predict-result")).getText()).doesNotContain("setosa");
            studio.shot("field-error");

            studio.width(390);
            studio.assertFitsWidth();
            studio.shot("field-error-390");
        }
    }

    @Test
    void anUnseenCategoryIsAnsweredWithANoteAndARegressionWithItsValue() {
        Http http = new Http(port);
        String blobs = http.dataset(TestData.blobs(20, 5), Map.of("name", "blobs", "labelColumn", "cls"))
                .get("id")
                .asString();
        String classifier = http.trainToModel(blobs, TestData.softmax3(3, 16), Duration.ofSeconds(180))
                .get("id")
                .asString();
        String linear = http.dataset(TestData.linear(100, 3), Map.of("name", "linear"))
                .get("id")
                .asString();
        String regression = http.trainToModel(
                        linear,
                        """
                        {"layers": [{"type": "dense", "units": 1}], "loss": "mse",
                         "optimizer": {"type": "adam", "learningRate": 0.05}, "epochs": 40, "batchSize": 16, "seed": 1}""",
                        Duration.ofSeconds(180))
                .get("id")
                .asString();

        try (Studio studio = Studio.open(port, "predict-kinds")) {
            studio.go("#/predict/" + classifier).signIn();
            WebElement colorInput = input(studio, "color");
            Select color = new Select(colorInput);
            assertThat(color.getOptions().stream().map(WebElement::getText))
                    .as("the training categories, and a way to send another")
                    .containsExactly("blue", "green", "red", "Another value…");
            color.selectByVisibleText("Another value…");
            WebElement other = studio.await(By.cssSelector("input[aria-label='color: another value']"));
            other.sendKeys("purple");
            studio.find(By.id("predict-button")).click();
            studio.await(By.cssSelector("#predict-result .predict-top"));
            assertThat(studio.find(By.cssSelector("#predict-result .predict-top"))
                            .getText())
                    .isIn("a", "b", "c");
            assertThat(studio.awaitText(By.cssSelector("#predict-result .predict-notes"), "rows[0].color")
                            .getText())
                    .contains("unknown category");
            assertThat(studio.find(By.id(colorInput.getDomAttribute("id") + "-note"))
                            .getText())
                    .contains("purple");
            studio.shot("unknown-category");

            studio.go("#/predict/" + regression);
            type(input(studio, "x1"), "1");
            type(input(studio, "x2"), "0");
            studio.find(By.id("predict-button")).click();
            WebElement value = studio.await(By.cssSelector("#predict-result .predict-value"));
            assertThat(studio.find(By.cssSelector("#predict-result .predict-label"))
                            .getText())
                    .startsWith("y:");
            assertThat(Double.parseDouble(value.getText()))
                    .as("y = 3·x1 − 2·x2 + noise")
                    .isBetween(2.0, 4.0);
            assertThat(studio.findAll(By.cssSelector("#predict-result .prob-bars")))
                    .isEmpty();
            studio.shot("regression");
        }
    }

    /** The input a label names, found as a person finds it: by the label's text. */
    private static WebElement input(Studio studio, String label) {
        WebElement found = studio.await(By.xpath("//label[normalize-space(.)='" + label + "']"));
        return studio.find(By.id(found.getDomAttribute("for")));
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }
}
