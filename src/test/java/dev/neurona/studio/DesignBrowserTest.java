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
 * The Design page as a person uses it: a network built layer by layer in the form, checked by a dry run at every
 * change (a mistake shown at its field, the layer table once it is right), the JSON editor and the form following
 * each other, a preset, reordering by keyboard, and "Train" queuing the job.
 */
@EndToEndTest
class DesignBrowserTest {

    private static final Duration CHECK = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Test
    void aPersonBuildsChecksEditsAndTrainsANetwork() {
        Http http = new Http(port);
        Http.Response imported = http.post("/api/v1/catalog/iris/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        String dataset = imported.json().get("id").asString();

        try (Studio studio = Studio.open(port, "design")) {
            studio.go("#/design?dataset=" + dataset).signIn();
            studio.awaitText(By.cssSelector("h1"), "Design a network");
            studio.awaitText(By.id("check-status"), "Add a layer");
            assertThat(new Select(studio.find(By.id("dataset")))
                            .getFirstSelectedOption()
                            .getText())
                    .contains("iris");

            // two dense layers through the form: 16 relu, then 3 softmax
            new Select(studio.find(By.id("new-layer-type"))).selectByValue("dense");
            studio.find(By.id("add-layer")).click();
            type(studio.await(By.id("f-layers-0-units")), "16");
            new Select(studio.find(By.id("f-layers-0-activation"))).selectByValue("relu");
            studio.find(By.id("add-layer")).click();
            type(studio.await(By.id("f-layers-1-units")), "3");
            new Select(studio.find(By.id("f-layers-1-activation"))).selectByValue("softmax");
            studio.awaitText(By.id("check-status"), "Valid: 131 parameters", CHECK);

            // a mistake is shown at its field, and goes when it is put right
            type(studio.find(By.id("f-layers-0-units")), "0");
            studio.awaitScript(
                    "document.getElementById('f-layers-0-units').getAttribute('aria-invalid') === 'true'", CHECK);
            WebElement unitsField = studio.find(By.xpath("//input[@id='f-layers-0-units']/ancestor::div[1]"));
            assertThat(unitsField.findElement(By.cssSelector(".field-error")).getText())
                    .contains("between 1 and 65536");
            assertThat(studio.findAll(By.id("layer-table")))
                    .as("no layer table for a spec that is refused")
                    .isEmpty();
            studio.shot("field-error");

            type(studio.find(By.id("f-layers-0-units")), "16");
            studio.awaitText(By.id("check-status"), "Valid: 131 parameters", CHECK);
            assertThat(studio.find(By.id("f-layers-0-units")).getAttribute("aria-invalid"))
                    .isNull();
            assertThat(studio.findAll(By.cssSelector(".field-error.remote"))).isEmpty();
            WebElement table = studio.find(By.id("layer-table"));
            assertThat(cell(table, 1, 5)).isEqualTo("80");
            assertThat(cell(table, 2, 5)).isEqualTo("51");
            assertThat(cell(table, 1, 4)).isEqualTo("(16)");
            assertThat(studio.find(By.id("total-parameters")).getText()).isEqualTo("131");
            assertThat(editorText(studio)).contains("\"units\": 16", "\"activation\": \"softmax\"");
            studio.shot("valid");

            // the JSON editor, edited as a person would (an edit, not setValue): the form follows
            editJson(
                    studio,
                    "{\"layers\": [{\"type\": \"dense\", \"units\": 32, \"activation\": \"tanh\"},"
                            + " {\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}], \"epochs\": 7}");
            studio.awaitScript("document.getElementById('f-layers-0-units').value === '32'", CHECK);
            assertThat(new Select(studio.find(By.id("f-layers-0-activation")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("tanh");
            assertThat(studio.find(By.id("f-epochs")).getAttribute("value")).isEqualTo("7");
            studio.awaitText(By.id("check-status"), "Valid: 259 parameters", CHECK);

            // JSON that does not parse is shown as such and leaves the form alone
            editJson(studio, "{\"layers\": [{\"type\": \"dense\", \"units\": 64");
            studio.awaitText(By.id("json-error"), "Not valid JSON");
            assertThat(studio.find(By.id("f-layers-0-units")).getAttribute("value"))
                    .isEqualTo("32");
            studio.shot("json-error");

            // a preset fills the builder; the form writes the JSON again
            studio.find(By.id("preset-mlp")).click();
            studio.awaitScript("document.querySelectorAll('#layer-list .layer-card').length === 3", CHECK);
            assertThat(studio.find(By.id("json-error")).getText()).isEmpty();
            assertThat(studio.find(By.id("f-layers-0-units")).getAttribute("value"))
                    .isEqualTo("32");
            assertThat(studio.find(By.id("f-layers-2-units")).getAttribute("value"))
                    .isEqualTo("3");
            studio.awaitText(By.id("check-status"), "Valid:", CHECK);
            assertThat(editorText(studio)).contains("\"learningRate\": 0.01");

            // reorder by keyboard: the focus stays on the moved layer's button
            studio.find(By.id("f-layers-1-up")).sendKeys(Keys.ENTER);
            studio.awaitScript("document.getElementById('f-layers-0-units').value === '16'", CHECK);
            assertThat(studio.script("return document.activeElement.id;")).isEqualTo("f-layers-0-down");
            studio.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            studio.awaitScript("document.getElementById('f-layers-0-units').value === '32'", CHECK);
            assertThat(studio.script("return document.activeElement.id;")).isEqualTo("f-layers-1-down");
            studio.awaitText(By.id("check-status"), "Valid:", CHECK);
            studio.shot("preset");

            // train: the job is queued and its page opens
            type(studio.find(By.id("register-name")), "iris-mlp");
            studio.find(By.id("train")).click();
            studio.awaitScript("location.hash.startsWith('#/jobs/')", CHECK);
            String job = ((String) studio.script("return location.hash;")).substring("#/jobs/".length());
            JsonNode queued = http.job(job);
            assertThat(queued.get("datasetId").asString()).isEqualTo(dataset);
            assertThat(queued.get("spec").get("layers").size()).isEqualTo(3);
            http.cancel(job);

            // the draft is kept for the tab; the page fits a phone
            studio.width(390).go("#/design?dataset=" + dataset);
            studio.awaitText(By.id("check-status"), "Valid:", CHECK);
            assertThat(studio.findAll(By.cssSelector("#layer-list .layer-card")))
                    .hasSize(3);
            studio.assertFitsWidth();
            studio.shot("phone-390");
        }
    }

    @Test
    void theCnnPresetFitsMnistAndItsFieldsEditTheSpec() {
        Http http = new Http(port);
        Http.Response imported = http.post("/api/v1/catalog/mnist/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        String mnist = imported.json().get("id").asString();

        try (Studio studio = Studio.open(port, "design-cnn")) {
            studio.go("#/design?dataset=" + mnist).signIn();
            studio.await(By.id("preset-cnn")).click();
            // docs/images.md: this network has 315,146 parameters
            studio.awaitText(By.id("check-status"), "Valid: 315,146 parameters", CHECK);
            assertThat(studio.find(By.id("layer-shape-0")).getText()).contains("(32, 28, 28)");
            assertThat(studio.find(By.id("layer-shape-4")).getText()).contains("(2304)");
            assertThat(studio.findAll(By.id("f-images-standardize"))).hasSize(1);

            // a kernel as "height, width" becomes a pair in the JSON; nonsense is stopped at the field
            type(studio.find(By.id("f-layers-0-kernelSize")), "5, 5");
            studio.awaitScript(
                    "document.querySelector('.json-host .CodeMirror').CodeMirror.getValue()"
                            + ".replace(/\\s/g, '').includes('\"kernelSize\":[5,5]')",
                    CHECK);
            studio.awaitText(By.id("check-status"), "Valid:", CHECK);
            type(studio.find(By.id("f-layers-0-kernelSize")), "5, a");
            studio.awaitText(
                    By.xpath("//input[@id='f-layers-0-kernelSize']/ancestor::div[1]"), "One whole number, or two");
            assertThat(studio.find(By.id("f-layers-0-kernelSize")).getAttribute("aria-invalid"))
                    .isEqualTo("true");

            // a dense layer straight after a pooling layer is refused at that layer
            studio.find(By.id("f-layers-4-remove")).click();
            studio.awaitText(
                    By.cssSelector("li.layer-card[data-path='spec.layers[5]'] .field-error"), "flatten", CHECK);
            studio.shot("refused-layer");
        }
    }

    @Test
    void theSecondHalfsLayersAreBuiltFromTheFormToo() {
        Http http = new Http(port);
        String iris = http.post("/api/v1/catalog/iris/import", null, new byte[0])
                .expect(201)
                .json()
                .get("id")
                .asString();
        try (Studio studio = Studio.open(port, "design-layers")) {
            studio.go("#/design?dataset=" + iris).signIn();
            studio.awaitText(By.id("check-status"), "Add a layer");
            // 4 measurements as a sequence (1, 4) → conv1d (4, 2) → maxpool1d (4, 1) → flatten → maxout → softmax
            add(studio, "reshape");
            type(studio.await(By.id("f-layers-0-targetShape")), "1, -1");
            add(studio, "conv1d");
            type(studio.await(By.id("f-layers-1-filters")), "4");
            type(studio.find(By.id("f-layers-1-kernelSize")), "3");
            add(studio, "maxpool1d");
            add(studio, "flatten");
            add(studio, "maxout");
            type(studio.await(By.id("f-layers-4-units")), "8");
            type(studio.find(By.id("f-layers-4-pieces")), "3");
            add(studio, "dense");
            type(studio.await(By.id("f-layers-5-units")), "3");
            new Select(studio.find(By.id("f-layers-5-activation"))).selectByValue("softmax");
            // conv1d (1·3 + 1)·4 = 16, maxout (4 + 1)·8·3 = 120, dense (8 + 1)·3 = 27
            studio.awaitText(By.id("check-status"), "Valid: 163 parameters", CHECK);
            assertThat(studio.find(By.id("layer-shape-1")).getText()).contains("(4, 2)");

            // a target shape that does not hold the input's values is refused at that field, with the reason
            type(studio.find(By.id("f-layers-0-targetShape")), "5, 8");
            studio.awaitText(
                    By.xpath("//input[@id='f-layers-0-targetShape']/ancestor::div[1]"), "holds 4 values", CHECK);
            studio.shot("refused-reshape");
        }
    }

    private static void add(Studio studio, String type) {
        new Select(studio.find(By.id("new-layer-type"))).selectByValue(type);
        studio.find(By.id("add-layer")).click();
    }

    private static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    private static String cell(WebElement table, int row, int column) {
        return table.findElement(By.cssSelector("tbody tr:nth-child(" + row + ") td:nth-child(" + column + ")"))
                .getText();
    }

    private static String editorText(Studio studio) {
        return (String) studio.script("return document.querySelector('.json-host .CodeMirror').CodeMirror.getValue();");
    }

    /** Replaces the editor's text as typing or pasting would (setValue is what the form does). */
    private static void editJson(Studio studio, String text) {
        studio.script(
                "const cm = document.querySelector('.json-host .CodeMirror').CodeMirror;"
                        + "cm.replaceRange(arguments[0], CodeMirror.Pos(0, 0), CodeMirror.Pos(cm.lastLine()), 'paste');",
                text);
    }
}
