package dev.neurona.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Studio;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Train live: a job opened as soon as it is submitted draws its loss and accuracy curves to the last epoch and ends
 * with a link to its model; the list shows it; a long job is cancelled with the page's button; a refusal is shown.
 */
@EndToEndTest
class JobsBrowserTest {

    private static final String SPEC =
            """
            {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
                        {"type": "dense", "units": 3, "activation": "softmax"}],
             "optimizer": {"type": "adam", "learningRate": 0.01}, "epochs": %d, "batchSize": %d, "seed": 42}""";

    private static final Duration TRAINING = Duration.ofMinutes(3);

    @LocalServerPort
    int port;

    /** A test that failed midway must not leave a 5000-epoch job in the one worker's way. */
    @AfterEach
    void cancelWhatStillRuns() {
        Http http = new Http(port);
        for (JsonNode job : http.getJson("/api/v1/jobs?limit=1000")) {
            if (!Http.isTerminal(job.get("state").asString())) {
                http.cancel(job.get("id").asString());
            }
        }
    }

    private static String iris(Http http) {
        Http.Response imported = http.post("/api/v1/catalog/iris/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        return imported.json().get("id").asString();
    }

    private static String chartEpochs(String chart) {
        return "document.querySelector('#" + chart + "-chart')?.dataset.epochs";
    }

    @Test
    void aJobIsFollowedLiveToItsModelAndALongOneIsCancelled() {
        Http http = new Http(port);
        String dataset = iris(http);
        try (Studio studio = Studio.open(port, "jobs")) {
            studio.go("/").signIn();
            String job = http.submit(dataset, SPEC.formatted(40, 16));
            studio.go("#/jobs/" + job);
            studio.awaitText(By.cssSelector("h1"), "Job " + job.substring(0, 8));

            studio.awaitScript(chartEpochs("loss") + " === '40'", TRAINING);
            studio.awaitText(By.id("job-state"), "Succeeded");
            JsonNode done = http.job(job);
            assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
            String model = done.get("modelId").asString();
            assertThat(studio.attribute(By.id("job-model"), "href")).endsWith("#/models/" + model);
            assertThat(studio.script("const c = Chart.getChart(document.querySelector('#loss-chart canvas'));"
                            + " return c.data.datasets.map(d => d.data.length);"))
                    .as("training and validation loss, one point per epoch")
                    .isEqualTo(java.util.List.of(40L, 40L));
            assertThat(studio.find(By.id("metric-chart-title")).getText()).isEqualTo("Accuracy");
            assertThat(studio.script("return " + chartEpochs("metric"))).isEqualTo("40");
            assertThat(studio.find(By.id("job-latest")).getText()).startsWith("Epoch 40: loss");
            assertThat(studio.find(By.id("job-cancel")).isDisplayed()).isFalse();
            studio.find(By.cssSelector("details.job-spec summary")).click();
            assertThat(studio.await(By.cssSelector("details.job-spec pre")).getText())
                    .contains("\"learningRate\": 0.01", "\"seed\": 42", "\"batchSize\": 16");
            studio.shot("finished");

            // an ended job is drawn from its history, without a stream
            studio.go("#/jobs/" + job);
            studio.awaitScript(chartEpochs("loss") + " === '40'", Studio.WAIT);
            studio.awaitText(By.id("job-state"), "Succeeded");
            assertThat(studio.find(By.id("job-live")).getText()).isEmpty();

            studio.go("#/jobs");
            By row = By.cssSelector("tr[data-job='" + job + "']");
            studio.awaitText(row, "Succeeded");
            assertThat(studio.find(row).getText()).contains("40 epochs", "iris");
            assertThat(studio.find(row)
                            .findElement(By.cssSelector(".job-model a"))
                            .getAttribute("href"))
                    .endsWith("#/models/" + model);

            // a long job: the list follows it from queued to running by itself, the page shows it mid-training
            String slow = http.submit(dataset, SPEC.formatted(5000, 2));
            studio.driver().navigate().refresh();
            By slowRow = By.cssSelector("tr[data-job='" + slow + "']");
            studio.awaitText(slowRow, "Running", TRAINING);
            assertThat(studio.find(By.id("jobs-refresh")).getText()).contains("updates itself");
            studio.shot("list");
            studio.width(390);
            studio.assertFitsWidth();
            studio.shot("list-390");
            studio.width(1280);

            studio.find(slowRow).findElement(By.cssSelector("td a")).click();
            studio.awaitScript(chartEpochs("loss") + " >= 3", TRAINING);
            studio.awaitText(By.id("job-state"), "Running");
            studio.awaitText(By.id("job-live"), "Live");
            studio.awaitScript(
                    "document.getElementById('job-batch') instanceof HTMLProgressElement"
                            + " && document.getElementById('job-batch').max > 1",
                    Studio.WAIT);
            studio.awaitText(By.id("job-eta"), "left");
            studio.shot("training");
            studio.width(390);
            studio.assertFitsWidth();
            studio.shot("training-390");
            studio.width(1280);

            studio.find(By.id("job-cancel")).click();
            studio.awaitText(By.id("job-state"), "Cancelled", Studio.WAIT);
            JsonNode cancelled = http.job(slow);
            assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");
            // the epochs it finished (its history), not `epoch`, which is the one it was stopped in
            JsonNode finished = cancelled.get("history");
            studio.awaitText(
                    By.id("job-outcome"),
                    "Cancelled after epoch "
                            + finished.get(finished.size() - 1).get("epoch").asInt() + " of 5,000.");
            assertThat(studio.find(By.id("job-cancel")).isDisplayed()).isFalse();
            studio.shot("cancelled");
        }
    }

    @Test
    void aTrainerMayNotCancelAnotherKeysJobAndABrokenStreamGivesWayToPolling() {
        Http http = new Http(port);
        String dataset = iris(http);
        String trainer = http.createKey("trainer");
        try (Studio studio = Studio.open(port, "jobs-refusal")) {
            studio.go("/").signIn(trainer);
            String slow = http.submit(dataset, SPEC.formatted(5000, 2));
            studio.go("#/jobs/" + slow);
            studio.await(By.id("job-cancel")).click();
            studio.awaitText(By.id("job-cancel-status"), "403");
            assertThat(studio.find(By.id("job-cancel")).isEnabled())
                    .as("a refusal leaves the button to try again")
                    .isTrue();
            studio.shot("refused");

            // the stream breaks (as a network would break it): the page polls the job instead, queued behind the
            // slow one, then running to its end once that one is cancelled
            studio.script("const real = window.fetch;"
                    + " window.fetch = (url, options) => String(url).endsWith('/events')"
                    + " ? Promise.reject(new TypeError('network down')) : real(url, options);");
            http.awaitRunning(TRAINING, slow);
            String job = http.submit(dataset, SPEC.formatted(15, 16));
            studio.script("location.hash = arguments[0];", "#/jobs/" + job);
            studio.awaitText(By.id("job-live"), "Updating every few seconds");
            studio.awaitText(By.id("job-state"), "Queued");
            studio.awaitText(By.id("job-position"), "next to start");
            studio.shot("queued");
            http.cancel(slow).expect(200);
            studio.awaitScript(chartEpochs("loss") + " === '15'", TRAINING);
            studio.awaitText(By.id("job-state"), "Succeeded");
            studio.await(By.id("job-model"));
        }
    }
}
