package dev.neurona.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Studio;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A graph spec (Keras' functional API) built in the designer by clicking: two named dense layers, an add of both (a
 * skip connection around the second), an output layer. The check shows each layer's name and inputs and draws the
 * graph; an unknown input is refused at the inputs field; the JSON carries the wiring both ways; the network trains
 * on iris and comes back into the designer from its job with its names and inputs.
 */
@EndToEndTest
class GraphDesignBrowserTest {

    private static final Duration CHECK = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Test
    void aPersonWiresAResidualNetworkByClickingAndTrainsIt() {
        Http http = new Http(port);
        String iris = http.post("/api/v1/catalog/iris/import", null, new byte[0])
                .expect(201)
                .json()
                .get("id")
                .asString();

        try (Studio studio = Studio.open(port, "graph-design")) {
            studio.go("#/design?dataset=" + iris).signIn();
            studio.awaitText(By.id("check-status"), "Add a layer");

            add(studio, "dense");
            type(studio.await(By.id("f-layers-0-units")), "8");
            type(studio.find(By.id("f-layers-0-name")), "h1");
            add(studio, "dense");
            type(studio.await(By.id("f-layers-1-units")), "8");
            type(studio.find(By.id("f-layers-1-name")), "h2");
            // the second layer takes the first by default, and says so
            assertThat(studio.find(By.id("f-layers-1-inputs")).getAttribute("placeholder"))
                    .contains("h1");
            add(studio, "add");
            // a merge needs its inputs: refused at that field until they are picked
            studio.awaitText(
                    By.xpath("//input[@id='f-layers-2-inputs']/ancestor::div[1]"), "merges two or more", CHECK);
            pick(studio, 2, "h1");
            pick(studio, 2, "h2");
            assertThat(studio.find(By.id("f-layers-2-inputs")).getAttribute("value"))
                    .isEqualTo("h1, h2");
            add(studio, "dense");
            type(studio.await(By.id("f-layers-3-units")), "3");
            new Select(studio.find(By.id("f-layers-3-activation"))).selectByValue("softmax");

            // dense (4 + 1)·8 = 40, dense (8 + 1)·8 = 72, add 0, dense (8 + 1)·3 = 27
            studio.awaitText(By.id("check-status"), "Valid: 139 parameters", CHECK);
            assertThat(compactJson(studio)).contains("\"name\":\"h1\"", "\"inputs\":[\"h1\",\"h2\"]");
            WebElement table = studio.find(By.id("layer-table"));
            assertThat(headers(table)).containsSubsequence("Name", "Type", "Inputs");
            assertThat(row(table, 1)).contains("h1", "input");
            assertThat(row(table, 2)).contains("h2");
            assertThat(row(table, 3)).contains("add", "h1, h2", "(8)");
            // the output layer has no name: it takes the add, the layer before it, known by its place
            assertThat(row(table, 4)).contains("layers[2]", "(3)");
            // the picture: the input and four layers, one arrow skipping round h2
            assertThat(studio.findAll(By.cssSelector("#graph-diagram .node"))).hasSize(5);
            assertThat(studio.findAll(By.cssSelector("#graph-diagram path.skip")))
                    .hasSize(1);
            assertThat(studio.findAll(By.cssSelector("#graph-diagram line.edge")))
                    .hasSize(4);
            studio.shot("residual-valid");

            // an input no layer is named: shown at the inputs field, with the names there are
            type(studio.find(By.id("f-layers-2-inputs")), "h1, h9");
            studio.awaitText(
                    By.xpath("//input[@id='f-layers-2-inputs']/ancestor::div[1]"), "no layer is named 'h9'", CHECK);
            assertThat(studio.find(By.id("f-layers-2-inputs")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(studio.findAll(By.id("layer-table"))).isEmpty();
            studio.shot("unknown-input");
            // a bad name is shown at the name field; the name stays text, never markup
            type(studio.find(By.id("f-layers-1-name")), "<img src=x onerror=window.pwned=1>");
            studio.awaitText(
                    By.xpath("//input[@id='f-layers-1-name']/ancestor::div[1]"), "must start with a letter", CHECK);
            assertThat(studio.findAll(By.cssSelector("#layer-list img"))).isEmpty();
            assertThat(studio.script("return window.pwned === undefined;")).isEqualTo(true);
            type(studio.find(By.id("f-layers-1-name")), "h2");
            // emptied, the inputs are left out; a second click on a picked name takes it out again
            type(studio.find(By.id("f-layers-2-inputs")), "");
            pick(studio, 2, "h2");
            pick(studio, 2, "h1");
            pick(studio, 2, "h1");
            assertThat(studio.find(By.id("f-layers-2-inputs")).getAttribute("value"))
                    .isEqualTo("h2");
            pick(studio, 2, "h1");
            assertThat(studio.find(By.id("f-layers-2-inputs")).getAttribute("value"))
                    .isEqualTo("h2, h1");
            studio.awaitText(By.id("check-status"), "Valid: 139 parameters", CHECK);

            // the JSON editor's wiring reaches the form: a concatenate of both widens the output layer's input
            editJson(
                    studio,
                    "{\"layers\": [{\"type\": \"dense\", \"units\": 8, \"activation\": \"relu\", \"name\": \"h1\"},"
                            + " {\"type\": \"dense\", \"units\": 8, \"activation\": \"relu\", \"name\": \"h2\"},"
                            + " {\"type\": \"concatenate\", \"inputs\": [\"h1\", \"h2\"], \"name\": \"both\"},"
                            + " {\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}], \"epochs\": 5,"
                            + " \"seed\": 3}");
            studio.awaitScript("document.getElementById('f-layers-2-name').value === 'both'", CHECK);
            assertThat(new Select(studio.find(By.id("f-layers-2-type")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("concatenate");
            assertThat(studio.find(By.id("f-layers-2-inputs")).getAttribute("value"))
                    .isEqualTo("h1, h2");
            // dense 40 + 72, concatenate (16), dense (16 + 1)·3 = 51
            studio.awaitText(By.id("check-status"), "Valid: 163 parameters", CHECK);
            assertThat(row(studio.find(By.id("layer-table")), 4)).contains("both", "(3)");

            // train it: the job's page opens, the job succeeds, and its spec comes back with the wiring
            type(studio.find(By.id("register-name")), "iris-graph");
            studio.find(By.id("train")).click();
            studio.awaitScript("location.hash.startsWith('#/jobs/')", CHECK);
            String job = ((String) studio.script("return location.hash;")).substring("#/jobs/".length());
            JsonNode done = http.awaitState(job, "SUCCEEDED", Duration.ofSeconds(120));
            JsonNode layers = done.get("spec").get("layers");
            assertThat(layers.get(2).get("inputs").toString()).isEqualTo("[\"h1\",\"h2\"]");
            assertThat(layers.get(2).get("name").asString()).isEqualTo("both");
            studio.awaitText(By.id("job-state"), "ucceeded", CHECK);

            studio.go("#/design?dataset=" + iris + "&job=" + job);
            studio.awaitText(By.id("check-status"), "Valid: 163 parameters", CHECK);
            assertThat(studio.find(By.id("f-layers-0-name")).getAttribute("value"))
                    .isEqualTo("h1");
            assertThat(studio.find(By.id("f-layers-2-inputs")).getAttribute("value"))
                    .isEqualTo("h1, h2");
            assertThat(compactJson(studio)).contains("\"inputs\":[\"h1\",\"h2\"]", "\"name\":\"both\"");
            studio.shot("from-job");

            studio.width(390);
            studio.awaitText(By.id("check-status"), "Valid:", CHECK);
            studio.assertFitsWidth();
            studio.shot("phone-390");
        }
    }

    private static void add(Studio studio, String type) {
        new Select(studio.find(By.id("new-layer-type"))).selectByValue(type);
        studio.find(By.id("add-layer")).click();
    }

    /** Clicks the button for {@code name} under layer i's inputs. */
    private static void pick(Studio studio, int layer, String name) {
        studio.await(By.cssSelector("#f-layers-" + layer + "-inputs ~ .input-picks button[data-name='" + name + "']"))
                .click();
    }

    private static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    private static List<String> headers(WebElement table) {
        return table.findElements(By.cssSelector("thead th")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static String row(WebElement table, int row) {
        return table.findElement(By.cssSelector("tbody tr:nth-child(" + row + ")"))
                .getText();
    }

    private static String compactJson(Studio studio) {
        return ((String)
                        studio.script("return document.querySelector('.json-host .CodeMirror').CodeMirror.getValue();"))
                .replaceAll("\\s", "");
    }

    private static void editJson(Studio studio, String text) {
        studio.script(
                "const cm = document.querySelector('.json-host .CodeMirror').CodeMirror;"
                        + "cm.replaceRange(arguments[0], CodeMirror.Pos(0, 0), CodeMirror.Pos(cm.lastLine()), 'paste');",
                text);
    }
}
