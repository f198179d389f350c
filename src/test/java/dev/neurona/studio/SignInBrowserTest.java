package dev.neurona.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Studio;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Studio's door: served at /, a key asked for, kept for the tab, refused plainly, and left on sign-out. */
@EndToEndTest
class SignInBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aPersonSignsInWithTheKeyFromTheLogAndOutAgain() {
        try (Studio studio = Studio.open(port, "sign-in")) {
            studio.go("/");
            studio.await(By.id("api-key"));
            studio.shot("form");

            studio.find(By.id("api-key")).sendKeys("nrn_not_a_key_anyone_has_0123456789abcdef");
            studio.find(By.cssSelector("form.sign-in button[type=submit]")).click();
            studio.awaitText(By.id("sign-in-status"), "unknown, revoked or expired");

            studio.signIn();
            studio.awaitText(By.cssSelector("#who .role"), "admin");
            studio.awaitText(By.id("counts"), "This service holds 0 datasets");
            studio.shot("home");

            studio.driver().navigate().refresh();
            studio.awaitText(By.cssSelector("#who .role"), "admin");
            assertThat(studio.findAll(By.id("api-key")))
                    .as("the key is kept for the tab")
                    .isEmpty();

            studio.find(By.id("sign-out")).click();
            studio.await(By.id("api-key"));
            studio.driver().navigate().refresh();
            studio.await(By.id("api-key"));
        }
    }

    @Test
    void aPredictorKeySeesItsRole() {
        String predictor = new Http(port).createKey("predictor");
        try (Studio studio = Studio.open(port, "sign-in-predictor")) {
            studio.go("#/models").signIn(predictor);
            studio.awaitText(By.cssSelector("#who .role"), "predictor");
            assertThat(studio.driver().getCurrentUrl()).endsWith("#/models");
        }
    }

    @Test
    void theHomePageFitsAPhoneAndLoadsOnlyWhatTheServiceServes() {
        Http http = new Http(port);
        Http.Response page = http.get("/", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Neurona Studio");
        assertThat(page.body()).doesNotContain("http://", "https://");
        try (Studio studio = Studio.open(port, "phone")) {
            studio.width(390).go("/").signIn();
            studio.awaitText(By.id("counts"), "This service holds");
            assertThat(studio.script("return typeof Chart === 'function' && typeof CodeMirror === 'function';"))
                    .as("the chart and editor libraries, served from the WebJars")
                    .isEqualTo(true);
            studio.assertFitsWidth();
            studio.shot("home-390");
        }
    }
}
