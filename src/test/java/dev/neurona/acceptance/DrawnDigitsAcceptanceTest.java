package dev.neurona.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.imaging.DrawingPreprocessor;
import dev.neurona.imaging.Drawings;
import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Drawn digits, side by side: ten digits drawn as strokes (four variants each: upright, slanted both ways, narrower
 * and wider), predicted by an MNIST MLP and CNN once through the service's digit pen ({@code drawings}) and once
 * rendered with Google's Quick, Draw! pen, which drawings for digit models used before, reframed alike and sent as
 * pixels. Prints "[pen]" lines; fails if the digit pen answers fewer right or less sure than the old one.
 */
@EndToEndTest
class DrawnDigitsAcceptanceTest {
    @LocalServerPort
    int port;

    static double[][] line(double x0, double y0, double x1, double y1) {
        int n = 20;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i / (n - 1.0);
            xs[i] = x0 + t * (x1 - x0);
            ys[i] = y0 + t * (y1 - y0);
        }
        return new double[][] {xs, ys};
    }

    static double[][] arc(double cx, double cy, double rx, double ry, double a0, double a1) {
        int n = 40;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            double a = a0 + (a1 - a0) * i / (n - 1.0);
            xs[i] = cx + rx * Math.cos(a);
            ys[i] = cy + ry * Math.sin(a);
        }
        return new double[][] {xs, ys};
    }

    static final double PI = Math.PI;

    static List<List<double[][]>> digits() {
        List<List<double[][]>> d = new ArrayList<>();
        d.add(List.<double[][]>of(arc(140, 140, 70, 110, 0, 2 * PI)));
        d.add(List.of(line(120, 60, 145, 30), line(145, 30, 145, 260)));
        d.add(List.of(arc(140, 90, 60, 55, PI, 2.2 * PI), line(190, 130, 70, 250), line(70, 250, 220, 250)));
        d.add(List.of(arc(135, 85, 60, 50, -0.8 * PI, 0.5 * PI), arc(135, 195, 65, 60, -0.5 * PI, 0.8 * PI)));
        d.add(List.of(line(170, 30, 60, 180), line(60, 180, 220, 180), line(170, 30, 170, 260)));
        d.add(List.of(line(200, 40, 90, 40), line(90, 40, 85, 130), arc(135, 185, 65, 65, -0.8 * PI, 0.8 * PI)));
        d.add(List.of(arc(150, 150, 70, 120, -0.6 * PI, -1.0 * PI), arc(140, 200, 60, 60, PI, 3 * PI)));
        d.add(List.of(line(60, 40, 220, 40), line(220, 40, 110, 260)));
        d.add(List.of(arc(140, 85, 55, 55, 0, 2 * PI), arc(140, 200, 65, 60, 0, 2 * PI)));
        d.add(List.of(arc(140, 90, 60, 60, 0, 2 * PI), line(200, 90, 190, 260)));
        return d;
    }

    static List<double[][]> transform(List<double[][]> drawing, double slant, double sx) {
        List<double[][]> out = new ArrayList<>();
        for (double[][] s : drawing) {
            double[] xs = new double[s[0].length], ys = s[1].clone();
            for (int i = 0; i < xs.length; i++) {
                xs[i] = 140 + (s[0][i] - 140) * sx + slant * (140 - s[1][i]);
            }
            out.add(new double[][] {xs, ys});
        }
        return out;
    }

    static List<Integer> oldPen(List<double[][]> drawing) {
        byte[] bmp = Drawings.rasterize(drawing);
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, 28, 28, bmp);
        List<Integer> px = new ArrayList<>();
        for (byte b : DrawingPreprocessor.mnistStyle(img)) px.add(b & 0xFF);
        return px;
    }

    @Test
    void theDigitPenReadsDrawnDigitsAtLeastAsWellAsGooglesPen() {
        Http http = new Http(port).withTimeout(Duration.ofMinutes(10));
        String mnist = http.post("/api/v1/catalog/mnist/import", null, new byte[0])
                .expect(201)
                .json()
                .get("id")
                .asString();
        String dense =
                """
            {"layers": [{"type": "flatten"}, {"type": "dense", "units": 128, "activation": "relu"},
                        {"type": "dense", "units": 10, "activation": "softmax"}], "epochs": 2, "batchSize": 128, "seed": 7}""";
        String cnn =
                """
            {"layers": [{"type": "conv2d", "filters": 16, "kernelSize": 3, "activation": "relu"}, {"type": "maxpool2d"},
                        {"type": "conv2d", "filters": 32, "kernelSize": 3, "activation": "relu"}, {"type": "maxpool2d"},
                        {"type": "flatten"}, {"type": "dense", "units": 64, "activation": "relu"},
                        {"type": "dense", "units": 10, "activation": "softmax"}], "epochs": 1, "batchSize": 128, "seed": 7}""";
        for (String[] net : new String[][] {{"dense", dense}, {"cnn", cnn}}) {
            JsonNode model = http.trainToModel(mnist, net[1], Duration.ofMinutes(15));
            String id = model.get("id").asString();
            int[] right = new int[2];
            double[] p = new double[2];
            int n = 0;
            List<List<double[][]>> ds = digits();
            for (int label = 0; label < 10; label++) {
                for (double[] v : new double[][] {{0, 1}, {0.25, 1}, {-0.15, 0.8}, {0.1, 1.2}}) {
                    List<double[][]> drawing = transform(ds.get(label), v[0], v[1]);
                    JsonNode a = http.postJson(
                                    "/api/v1/models/" + id + "/predictions", Map.of("images", List.of(oldPen(drawing))))
                            .json()
                            .get("predictions")
                            .get(0);
                    JsonNode b = http.postJson(
                                    "/api/v1/models/" + id + "/predictions", Map.of("drawings", List.of(drawing)))
                            .json()
                            .get("predictions")
                            .get(0);
                    String want = String.valueOf(label);
                    if (a.get("label").asString().equals(want)) right[0]++;
                    if (b.get("label").asString().equals(want)) right[1]++;
                    p[0] += a.get("probabilities").get(want).asDouble();
                    p[1] += b.get("probabilities").get(want).asDouble();
                    n++;
                }
            }
            System.out.printf(
                    "[pen] %s (test accuracy %.4f): Google pen %d/%d right, mean p(true) %.3f;"
                            + " digit pen %d/%d right, mean p(true) %.3f%n",
                    net[0], model.at("/metrics/accuracy").asDouble(), right[0], n, p[0] / n, right[1], n, p[1] / n);
            assertThat(right[1])
                    .as("%s: drawn digits read right with the digit pen", net[0])
                    .isGreaterThanOrEqualTo(right[0]);
            assertThat(p[1]).as("%s: summed p(true) with the digit pen", net[0]).isGreaterThan(p[0]);
        }
    }
}
