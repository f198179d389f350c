package dev.neurona.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Studio;
import dev.neurona.support.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an attacker would put into names the Studio shows: a dataset name, column names and category values that are
 * HTML with script in it. Every page must show them as text; a script that ran would set {@code window.pwned}, and
 * one the CSP blocked would be a console error, which fails the test on its own.
 */
@EndToEndTest
class HostileNamesBrowserTest {

    static final String IMG = "<img src=x onerror=\"window.pwned=1\">";
    static final String SCRIPT = "<script>window.pwned=2</script>";

    @LocalServerPort
    int port;

    @Test
    void htmlInNamesColumnsAndCategoriesIsShownAsTextOnEveryPage() throws Exception {
        Http http = new Http(port);
        StringBuilder csv = new StringBuilder("\"" + IMG.replace("\"", "\"\"") + "\",x2,cls\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i % 7)
                    .append(',')
                    .append(i % 5)
                    .append(',')
                    .append(i % 2 == 0 ? SCRIPT : "plain")
                    .append('\n');
        }
        String dataset = http.dataset(csv.toString(), Map.of("name", IMG, "labelColumn", "cls"))
                .get("id")
                .asString();
        String model = http.trainToModel(
                        dataset,
                        """
                        {"layers": [{"type": "dense", "units": 4, "activation": "relu"},
                                    {"type": "dense", "units": 2, "activation": "softmax"}], "epochs": 2, "seed": 1}""",
                        Duration.ofMinutes(3))
                .get("id")
                .asString();

        try (Studio studio = Studio.open(port, "hostile-names")) {
            studio.go("/").signIn();
            for (String page : new String[] {
                "#/datasets",
                "#/datasets/" + dataset,
                "#/design?dataset=" + dataset,
                "#/models/" + model,
                "#/predict/" + model,
                "#/jobs"
            }) {
                studio.go(page);
                studio.awaitScript("document.querySelector('main h1') !== null", Studio.WAIT);
                // what the page fetches arrives a moment later; wait until the hostile text is on it
                studio.awaitScript(
                        "document.querySelector('main').textContent.includes('<img src=x')"
                                + " || document.querySelector('main').textContent.includes('<script>')"
                                + " || [...document.querySelectorAll('main input, main select, main option')]"
                                + ".some(e => (e.value || '').includes('<') || (e.textContent || '').includes('<'))",
                        Studio.WAIT);
                assertThat(studio.script("return window.pwned === undefined;"))
                        .as("no script from a name ran on %s", page)
                        .isEqualTo(true);
                assertThat(studio.findAll(By.cssSelector("main img[src='x'], main script")))
                        .as("no element was made from a name on %s", page)
                        .isEmpty();
            }
            studio.go("#/datasets/" + dataset);
            studio.awaitText(By.cssSelector("main h1"), IMG);
            studio.shot("dataset");
        }

        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                                .header("X-API-Key", TestKeys.ADMIN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-eval"));
    }
}
