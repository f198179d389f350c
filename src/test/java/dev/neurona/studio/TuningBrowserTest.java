package dev.neurona.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Studio;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Tune pages: a random search over the learning rate on iris started from the form and followed live until its
 * best model, and a search the service refuses, with the refusal shown at the field it names.
 */
// a coordinator and event streams that poll often, so three short trials end within seconds
@EndToEndTest(properties = {"neurona.tuning.poll-interval=200ms", "neurona.jobs.sse-poll-interval=200ms"})
class TuningBrowserTest {

    static final Duration SEARCH = Duration.ofSeconds(90);

    static final String SPEC =
            """
            {"layers": [{"type": "dense", "units": 8, "activation": "relu"},
                        {"type": "dense", "units": 3, "activation": "softmax"}],
             "optimizer": {"type": "adam", "learningRate": 0.01},
             "epochs": 60, "batchSize": 16, "validationSplit": 0.2, "seed": 42}""";

    /** Counts of leaderboard rows and chart points each time the page changed, recorded by the page itself. */
    static final String RECORD =
            """
            window.seen = [];
            const note = () => {
              const rows = document.querySelectorAll('#tune-leaderboard tbody tr[data-trial]').length;
              const canvas = document.querySelector('#tune-chart canvas');
              const chart = canvas && Chart.getChart(canvas);
              const points = chart ? chart.data.datasets[0].data.length : 0;
              const last = window.seen[window.seen.length - 1];
              if (!last || last[0] !== rows || last[1] !== points) window.seen.push([rows, points]);
            };
            note();
            new MutationObserver(note).observe(document.getElementById('main'), {childList: true, subtree: true});""";

    @LocalServerPort
    int port;

    /** Iris from the catalog (bundled with the service, so no file is needed). */
    private static String iris(Http http) {
        return http.post("/api/v1/catalog/iris/import", null, new byte[0])
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    @Test
    void aSearchStartedFromTheFormFillsTheLeaderboardLiveAndEndsWithItsBestModel() {
        Http http = new Http(port);
        String dataset = iris(http);
        try (Studio studio = Studio.open(port, "tuning")) {
            studio.go("#/tune").signIn();
            studio.awaitText(By.id("tune-runs"), "No tuning runs yet");
            new Select(studio.await(By.id("tune-dataset"))).selectByValue(dataset);
            assertThat(editorText(studio))
                    .as("the prefilled MLP ends in iris' three classes")
                    .contains("\"units\":3,\"activation\":\"softmax\"");
            studio.script("document.querySelector('#tune-form .CodeMirror').CodeMirror.setValue(arguments[0]);", SPEC);
            // the first row already varies optimizer.learningRate over a log range: narrow it
            type(studio.find(By.cssSelector("#tune-space input[name=min]")), "0.002");
            type(studio.find(By.cssSelector("#tune-space input[name=max]")), "0.05");
            new Select(studio.find(By.id("tune-strategy"))).selectByValue("random");
            type(studio.find(By.id("tune-max-trials")), "3");
            // one trial at a time, so they end one by one
            type(studio.find(By.id("tune-parallel")), "1");
            new Select(studio.find(By.id("tune-metric"))).selectByValue("val_accuracy");

            studio.find(By.id("tune-check")).click();
            studio.awaitText(By.id("tune-summary"), "Valid: 3 trials would run (random, val_accuracy)");
            studio.shot("form");

            studio.find(By.id("tune-submit")).click();
            studio.awaitScript("location.hash.startsWith('#/tune/')", Studio.WAIT);
            String id = studio.driver().getCurrentUrl().replaceAll(".*#/tune/", "");
            studio.await(By.id("tune-chart"));
            studio.script(RECORD);

            studio.awaitScript("document.querySelectorAll('#tune-leaderboard tr[data-trial]').length >= 1", SEARCH);
            studio.shot("live");
            studio.awaitText(By.id("tune-state"), "SUCCEEDED", SEARCH);
            studio.awaitText(By.id("tune-count"), "3 of 3 trials ended");
            studio.shot("succeeded");

            @SuppressWarnings("unchecked")
            List<List<Number>> seen = (List<List<Number>>) studio.script("return window.seen;");
            List<Integer> rowCounts =
                    seen.stream().map(s -> s.get(0).intValue()).distinct().toList();
            assertThat(rowCounts)
                    .as("leaderboard rows as the page showed them: %s", seen)
                    .containsSubsequence(1, 2, 3);
            assertThat(seen).as("the chart gains a point with each row").allSatisfy(s -> assertThat(
                            s.get(1).intValue())
                    .isEqualTo(s.get(0).intValue()));
            assertThat(studio.findAll(By.cssSelector("#tune-leaderboard tbody tr[data-trial]")))
                    .hasSize(3);
            assertThat(studio.script("return Chart.getChart(document.querySelector('#tune-chart canvas'))"
                            + ".data.datasets[0].data.length;"))
                    .isEqualTo(3L);

            JsonNode run = http.getJson("/api/v1/tuning/" + id);
            assertThat(run.get("state").asString()).isEqualTo("SUCCEEDED");
            String bestModel = run.get("best").get("modelId").asString();
            WebElement best = studio.find(By.id("tune-best-model"));
            assertThat(best.getAttribute("href")).endsWith("#/models/" + bestModel);
            assertThat(studio.find(By.cssSelector("#tune-leaderboard tr.best")).getAttribute("data-trial"))
                    .isEqualTo(run.get("best").get("trial").asString());
            assertThat(studio.find(By.cssSelector("#tune-leaderboard tr.best")).getText())
                    .as("the best trial ranks first")
                    .startsWith("1");
            assertThat(studio.findAll(By.id("tune-cancel")).get(0).isDisplayed())
                    .as("an ended run cannot be cancelled")
                    .isFalse();

            studio.width(390);
            studio.driver().navigate().refresh();
            studio.awaitText(By.id("tune-state"), "SUCCEEDED");
            studio.await(By.id("tune-best-model"));
            studio.assertFitsWidth();
            studio.shot("succeeded-390");

            studio.width(1280).go("#/tune");
            studio.awaitText(By.id("tune-runs"), "SUCCEEDED");
            assertThat(studio.find(By.cssSelector("#tune-runs a[href='#/tune/" + id + "']"))
                            .isDisplayed())
                    .isTrue();
            studio.shot("list");
            best = studio.find(By.cssSelector("#tune-runs a[href='#/models/" + bestModel + "']"));
            assertThat(best.isDisplayed()).isTrue();
        }
    }

    @Test
    void aSearchOverAFieldTheSpecLacksIsRefusedAtThatField() {
        Http http = new Http(port);
        String dataset = iris(http);
        try (Studio studio = Studio.open(port, "tuning-refused")) {
            studio.width(390).go("#/tune?dataset=" + dataset).signIn();
            studio.await(By.id("tune-form"));
            assertThat(new Select(studio.find(By.id("tune-dataset")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo(dataset);
            WebElement path = studio.find(By.cssSelector("#tune-space input[name=path]"));
            type(path, "layers[5].units");
            new Select(studio.find(By.cssSelector("#tune-space select[name=type]"))).selectByValue("int");
            type(studio.find(By.cssSelector("#tune-space input[name=min]")), "4");
            type(studio.find(By.cssSelector("#tune-space input[name=max]")), "32");
            studio.find(By.id("tune-submit")).click();

            studio.awaitText(By.cssSelector("#tune-space .tune-dim-errors"), "there is no layers[5]");
            assertThat(path.getAttribute("aria-invalid")).isEqualTo("true");
            studio.awaitText(By.id("tune-summary"), "Invalid tuning request");
            assertThat(studio.find(By.id("tune-summary")).getText()).contains("marked above");
            assertThat(studio.driver().getCurrentUrl()).endsWith("#/tune?dataset=" + dataset);
            assertThat(http.get("/api/v1/tuning").json()).as("nothing started").isEmpty();
            studio.assertFitsWidth();
            studio.shot("refused-390");

            // a spec that is not JSON is caught before anything is sent
            studio.script("document.querySelector('#tune-form .CodeMirror').CodeMirror.setValue('{\"layers\": [');");
            studio.find(By.id("tune-submit")).click();
            studio.awaitText(By.id("tune-spec-errors"), "not valid JSON");
        }
    }

    @Test
    void aRunningSearchIsCancelledFromItsPage() {
        Http http = new Http(port);
        String dataset = iris(http);
        String slow = SPEC.replace("\"epochs\": 60, \"batchSize\": 16", "\"epochs\": 2000, \"batchSize\": 1");
        assertThat(slow).as("the slow spec").contains("\"epochs\": 2000");
        Http.Response started = http.postJson(
                "/api/v1/tuning",
                "{\"datasetId\":\"" + dataset + "\",\"spec\":" + slow
                        + ",\"space\":{\"layers[0].units\":{\"type\":\"choice\",\"values\":[4,8]}},"
                        + "\"strategy\":\"grid\",\"objective\":{\"metric\":\"val_loss\"}}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String id = started.json().get("id").asString();
        try (Studio studio = Studio.open(port, "tuning-cancel")) {
            studio.go("#/tune/" + id).signIn();
            studio.awaitText(By.id("tune-state"), "RUNNING");
            studio.awaitText(By.id("tune-state"), "queued or training");
            studio.find(By.id("tune-cancel")).click();
            studio.awaitText(By.id("tune-state"), "CANCELLED");
            studio.awaitGone(By.id("tune-cancel"));
            assertThat(http.getJson("/api/v1/tuning/" + id).get("state").asString())
                    .isEqualTo("CANCELLED");
            assertThat(studio.find(By.id("tune-leaderboard")).getText())
                    .as("the trials that were stopped")
                    .contains("layers[0].units");
            studio.shot("cancelled");
        }
    }

    private static String editorText(Studio studio) {
        return ((String)
                        studio.script("return document.querySelector('#tune-form .CodeMirror').CodeMirror.getValue();"))
                .replaceAll("\\s", "");
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }
}
