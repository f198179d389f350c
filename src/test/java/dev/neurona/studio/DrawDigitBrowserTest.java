package dev.neurona.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Studio;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drawing a digit for a model trained on MNIST: the strokes drawn with the mouse are sent as they grow, the model
 * answers "7" with bars for its best classes and shows the 28×28 picture it saw; undo empties the pad, and an
 * uploaded picture of a 7 gets the same answer.
 */
@EndToEndTest
class DrawDigitBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aSevenDrawnWithTheMouseIsPredictedAsASeven() {
        Http http = new Http(port).withTimeout(Duration.ofMinutes(2));
        Http.Response imported = http.post("/api/v1/catalog/mnist/import", null, new byte[0]);
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        String spec =
                """
                {"layers": [{"type": "flatten"}, {"type": "dense", "units": 128, "activation": "relu"},
                            {"type": "dense", "units": 10, "activation": "softmax"}],
                 "epochs": 2, "batchSize": 128, "seed": 7}""";
        String model = http.trainToModel(imported.json().get("id").asString(), spec, Duration.ofMinutes(8))
                .get("id")
                .asString();

        try (Studio studio = Studio.open(port, "draw-digit")) {
            studio.go("#/predict/" + model).signIn();
            WebElement canvas = studio.await(By.id("draw-pad"));
            assertThat(studio.script("return getComputedStyle(arguments[0]).touchAction;", canvas))
                    .isEqualTo("none");
            studio.drawStroke(canvas, seven(canvas.getRect().getWidth()));

            studio.awaitText(By.cssSelector("#predict-result .predict-top"), "7", Duration.ofSeconds(30));
            List<WebElement> bars = studio.findAll(By.cssSelector("#predict-result .prob-bars li"));
            assertThat(bars).as("the best 5 classes").hasSize(5);
            assertThat(bars.get(0).getDomAttribute("data-label")).isEqualTo("7");
            studio.awaitScript(
                    "document.getElementById('predict-input') && document.getElementById('predict-input').naturalWidth === 28",
                    Studio.WAIT);
            assertThat(studio.script(
                            "return getComputedStyle(document.getElementById('predict-input')).imageRendering;"))
                    .isEqualTo("pixelated");
            studio.shot("seven");

            studio.width(390);
            studio.await(By.id("draw-pad"));
            studio.assertFitsWidth();
            studio.shot("seven-390");
            studio.width(1280);

            studio.find(By.id("draw-undo")).click();
            studio.awaitText(By.id("predict-result"), "Draw something");
            assertThat(studio.findAll(By.id("predict-input"))).isEmpty();

            studio.find(By.id("predict-file"))
                    .sendKeys(Path.of("docs/samples/digit.png").toAbsolutePath().toString());
            studio.awaitText(By.cssSelector("#predict-result .predict-top"), "7");
            studio.awaitText(By.cssSelector(".predict-source"), "digit.png");
            studio.shot("upload");

            studio.drawStroke(
                    studio.find(By.id("draw-pad")), seven(canvas.getRect().getWidth()));
            studio.awaitText(By.cssSelector(".predict-source"), "From your drawing");
            assertThat(studio.findAll(By.cssSelector(".predict-uploaded img")))
                    .as("the uploaded picture goes when a drawing replaces it")
                    .isEmpty();
        }
    }

    /**
     * A "7" as a person draws it, in one stroke: the bar from left to right near the top, then the long diagonal down
     * to the left, in points a few pixels apart as a mouse reports them.
     */
    private static List<int[]> seven(int size) {
        List<int[]> points = new ArrayList<>();
        double[][] corners = {{0.26, 0.22}, {0.74, 0.21}, {0.44, 0.84}};
        for (int leg = 0; leg < corners.length - 1; leg++) {
            double[] from = corners[leg];
            double[] to = corners[leg + 1];
            for (int i = 0; i < 24; i++) {
                double t = i / 24.0;
                points.add(new int[] {
                    (int) Math.round(size * (from[0] + (to[0] - from[0]) * t)),
                    (int) Math.round(size * (from[1] + (to[1] - from[1]) * t))
                });
            }
        }
        double[] end = corners[corners.length - 1];
        points.add(new int[] {(int) Math.round(size * end[0]), (int) Math.round(size * end[1])});
        return points;
    }
}
