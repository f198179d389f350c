package dev.neurona.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.ImageSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNGs decode, have the size asked for, and show something. */
class ChartsTest {

    @Test
    void curvesWithTwoPanelsAndAGap() throws IOException {
        List<Double> validation = Arrays.asList(0.9, null, 0.5, 0.45);
        byte[] png = Charts.curves(
                "iris: loss and accuracy per epoch",
                List.of(
                        new Charts.Panel(
                                "loss",
                                List.of(
                                        new Charts.Series("training", List.of(1.0, 0.7, 0.5, 0.4)),
                                        new Charts.Series("validation", validation))),
                        new Charts.Panel(
                                "accuracy", List.of(new Charts.Series("training", List.of(0.5, 0.7, 0.8, 0.9))))),
                800,
                640);
        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(640);
        assertThat(colours(image)).as("lines, text and background").hasSizeGreaterThan(20);
        assertThat(count(image, 0x1f77b4)).as("pixels of the training line").isGreaterThan(100);
        assertThat(count(image, 0xff7f0e)).as("pixels of the validation line").isGreaterThan(50);
    }

    @Test
    void aSingleEpochStillShowsItsPoint() throws IOException {
        byte[] png = Charts.curves(
                "one epoch",
                List.of(new Charts.Panel("loss", List.of(new Charts.Series("training", List.of(0.7))))),
                400,
                300);
        assertThat(count(decode(png), 0x1f77b4)).isGreaterThan(10);
    }

    @Test
    void confusionHeatMapColoursCellsByShareAndIsSizedByClasses() throws IOException {
        BufferedImage small = decode(Charts.confusion(
                "blobs",
                "30 test rows",
                List.of("a", "b", "c"),
                List.of(List.of(10, 0, 0), List.of(0, 8, 2), List.of(0, 1, 9))));
        assertThat(small.getWidth()).isBetween(480, 1200);
        assertThat(small.getHeight()).isBetween(400, 1200);
        // the darkest blue (share 1.0) fills the cell of class a; lighter blues the others
        assertThat(count(small, 0x08306b)).isGreaterThan(30 * 30);
        assertThat(colours(small)).hasSizeGreaterThan(20);

        List<String> many = new ArrayList<>();
        List<List<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add("category-" + i);
            List<Integer> row = new ArrayList<>();
            for (int j = 0; j < 60; j++) {
                row.add(i == j ? 50 : j == (i + 1) % 60 ? 5 : 0);
            }
            counts.add(row);
        }
        BufferedImage large = decode(Charts.confusion("doodles", "x", many, counts));
        assertThat(large.getWidth()).as("cells stay readable").isGreaterThan(60 * 10);
        assertThat(large.getWidth()).isLessThan(2000);

        List<String> all = new ArrayList<>();
        List<List<Integer>> diagonal = new ArrayList<>();
        for (int i = 0; i < 345; i++) {
            all.add("c" + i);
            List<Integer> row = new ArrayList<>(java.util.Collections.nCopies(345, 0));
            row.set(i, 1);
            diagonal.add(row);
        }
        assertThat(decode(Charts.confusion("every doodle", "x", all, diagonal)).getWidth())
                .as("bounded however many classes")
                .isLessThan(2800);
    }

    @Test
    void thumbnailGridHoldsEveryImageWithItsCaption() throws IOException {
        byte[] pixels = new byte[3 * 28 * 28];
        Arrays.fill(pixels, 28 * 28, 2 * 28 * 28, (byte) 255);
        ImageSet images = new ImageSet(1, 28, 28, pixels, new int[] {0, 1, 0}, List.of("0", "1"));
        BufferedImage grid = decode(Thumbnails.grid(images, List.of("#1 0.90", "#2 0.80", "#3 0.70")));
        assertThat(grid.getWidth()).isGreaterThanOrEqualTo(3 * 56);
        assertThat(grid.getHeight()).isGreaterThanOrEqualTo(56);
        assertThat(count(grid, 0x000000)).as("two black 56×56 digits").isGreaterThanOrEqualTo(2 * 56 * 56);
        BufferedImage one = decode(java.util.Base64.getDecoder().decode(Thumbnails.pngBase64(images, 1)));
        assertThat(one.getWidth()).isEqualTo(28);
        assertThat(one.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void pngOnlyWhenPreferredToJson() {
        assertThat(ReportController.wantsPng(null)).isFalse();
        assertThat(ReportController.wantsPng("*/*")).isFalse();
        assertThat(ReportController.wantsPng("application/json")).isFalse();
        assertThat(ReportController.wantsPng("image/png")).isTrue();
        assertThat(ReportController.wantsPng("image/*")).isTrue();
        assertThat(ReportController.wantsPng("application/json;q=0.5, image/png"))
                .isTrue();
        assertThat(ReportController.wantsPng("text/html,image/webp,*/*;q=0.8")).isFalse();
        assertThat(ReportController.wantsPng("not a type")).isFalse();
    }

    static BufferedImage decode(byte[] png) throws IOException {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        return image;
    }

    static Set<Integer> colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen;
    }

    static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
