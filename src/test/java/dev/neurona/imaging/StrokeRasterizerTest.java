package dev.neurona.imaging;

import static dev.neurona.dataset.format.IdxReaderTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.dataset.ImageSet;
import dev.neurona.dataset.format.NdjsonStrokesReader;
import dev.neurona.dataset.format.NdjsonStrokesReaderTest;
import dev.neurona.dataset.format.NpyReader;
import dev.neurona.imaging.StrokeRasterizer.Stroke;
import dev.neurona.imaging.StrokeRasterizer.Style;
import dev.neurona.platform.problem.FieldProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class StrokeRasterizerTest {

    private static final Path QUICKDRAW = NdjsonStrokesReaderTest.QUICKDRAW;
    /**
     * Categories whose bitmaps came from the start of Google's file in Google's order (SOURCES.md), as the strokes
     * did: bitmap i and stroke drawing i are the same drawing, so the renders can be compared image by image.
     */
    private static final List<String> SAME_DRAWINGS = List.of("apple", "bicycle", "cat", "diamond", "eye", "fish");

    private static Stroke stroke(int... xy) {
        int[] xs = new int[xy.length / 2];
        int[] ys = new int[xy.length / 2];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = xy[2 * i];
            ys[i] = xy[2 * i + 1];
        }
        return new Stroke(xs, ys);
    }

    private static int at(byte[] image, int row, int col) {
        return image[row * 28 + col] & 0xFF;
    }

    @Test
    void drawsWhiteAntiAliasedLinesOnBlackCentredWithAMargin() {
        byte[] image = StrokeRasterizer.render(List.of(stroke(0, 0, 255, 0)), "strokes");

        assertThat(image).hasSize(784);
        // a horizontal line at the top of the 256 box is centred vertically: rows 13 and 14 share it
        assertThat(at(image, 13, 14)).isGreaterThan(128);
        assertThat(at(image, 14, 14)).isGreaterThan(128);
        assertThat(at(image, 13, 14)).isCloseTo(at(image, 14, 14), within(2));
        assertThat(at(image, 10, 14)).isZero();
        // Google's bitmaps never touch the border: the margin keeps the round caps inside
        for (int i = 0; i < 28; i++) {
            assertThat(List.of(at(image, 0, i), at(image, 27, i), at(image, i, 0), at(image, i, 27)))
                    .containsOnly(0);
        }
        // anti-aliased: the line's ends fade instead of stopping at full white
        assertThat(at(image, 13, 2)).isBetween(1, 254);
    }

    @Test
    void placementDependsOnlyOnTheDrawingNotOnWhereItSatInTheBox() {
        List<Stroke> square = List.of(stroke(10, 10, 100, 10, 100, 100, 10, 100, 10, 10));
        List<Stroke> shifted = List.of(stroke(60, 110, 150, 110, 150, 200, 60, 200, 60, 110));
        assertThat(StrokeRasterizer.render(shifted, "s")).isEqualTo(StrokeRasterizer.render(square, "s"));
    }

    @Test
    void aMirroredDrawingRendersAsTheMirroredImage() {
        List<Stroke> drawing = List.of(stroke(0, 0, 200, 40, 90, 255), stroke(30, 200, 30, 210));
        List<Stroke> mirrored = List.of(stroke(255, 0, 55, 40, 165, 255), stroke(225, 200, 225, 210));
        byte[] a = StrokeRasterizer.render(drawing, "s");
        byte[] b = StrokeRasterizer.render(mirrored, "s");
        int worst = 0;
        for (int row = 0; row < 28; row++) {
            for (int col = 0; col < 28; col++) {
                worst = Math.max(worst, Math.abs(at(a, row, col) - at(b, row, 27 - col)));
            }
        }
        // the rasteriser's sub-pixel sampling is not perfectly symmetric; a grey level or two is noise
        assertThat(worst).isLessThanOrEqualTo(3);
    }

    @Test
    void aSinglePointLeavesARoundDot() {
        byte[] image = StrokeRasterizer.render(List.of(stroke(40, 40)), "s");
        int ink = 0;
        for (byte b : image) {
            ink += b & 0xFF;
        }
        // a pen 16/304 of 28 pixels wide leaves a disc of about 1.7 pixels of area
        assertThat(ink / 255.0).isBetween(1.2, 2.2);
        assertThat(at(image, 13, 13) + at(image, 13, 14) + at(image, 14, 13) + at(image, 14, 14))
                .isPositive();
    }

    @Test
    void refusesDrawingsOutsideTheBoxOrBeyondTheLimits() {
        FieldProblem x = problem(
                () -> StrokeRasterizer.render(List.of(stroke(1, 1), stroke(2, 2), stroke(5, 5, 300, 5)), "strokes"));
        assertThat(x.field()).isEqualTo("strokes[2]");
        assertThat(x.message()).isEqualTo("x=300 is outside 0–255");
        assertThat(problem(() -> StrokeRasterizer.render(List.of(stroke(5, -1)), "strokes"))
                        .message())
                .isEqualTo("y=-1 is outside 0–255");

        FieldProblem lengths =
                problem(() -> StrokeRasterizer.render(List.of(new Stroke(new int[] {1, 2}, new int[] {1})), "strokes"));
        assertThat(lengths.field()).isEqualTo("strokes[0]");
        assertThat(lengths.message()).contains("2 x values but 1 y values");

        assertThat(problem(() -> StrokeRasterizer.render(List.of(), "strokes")).message())
                .contains("empty");
        assertThat(problem(() -> StrokeRasterizer.render(List.of(new Stroke(new int[0], new int[0])), "strokes"))
                        .message())
                .contains("empty");
        assertThat(problem(() -> StrokeRasterizer.render(Collections.nCopies(1001, stroke(1, 1)), "strokes"))
                        .message())
                .contains("1001 strokes");
        int[] many = new int[50_001];
        assertThat(problem(() -> StrokeRasterizer.render(
                                List.of(new Stroke(many, many), new Stroke(many, many)), "strokes"))
                        .message())
                .contains("more than 100000 points");
    }

    /**
     * The calibration. For the six categories whose strokes and bitmaps are the same drawings, renders must match
     * Google's bitmaps pixel for pixel up to rounding. For all thirteen, where the drawings differ, the ink
     * statistics must agree: 25 drawings leave a standard error of 2.5–5.7% on each category's figures (from the
     * spread of the bitmaps), so 15% per category is at least 2.6 standard errors; averaged over thirteen categories
     * the error is about 1%, so the mean within 5% pins the line width to about ±1 unit of the 256 box.
     */
    @Test
    void rendersMatchGooglesBitmaps() throws IOException {
        Assumptions.assumeTrue(
                Files.exists(QUICKDRAW.resolve("strokes")),
                "../shared is absent: no Quick, Draw! data at " + QUICKDRAW.toAbsolutePath());
        ImageSet renders = NdjsonStrokesReader.read(NdjsonStrokesReaderTest.strokeFiles(), 0);

        double sameDiff = 0;
        long exact = 0;
        double[] average = new double[3];
        StringBuilder table = new StringBuilder(String.format(
                "%-12s %15s %17s %17s %12s%n",
                "category", "mean ren/bmp", "frac>0 ren/bmp", "frac>128 ren/bmp", "|diff| same"));
        for (int c = 0; c < NdjsonStrokesReaderTest.CATEGORIES.size(); c++) {
            String category = NdjsonStrokesReaderTest.CATEGORIES.get(c);
            byte[] rendered = Arrays.copyOfRange(renders.pixels(), c * 25 * 784, (c + 1) * 25 * 784);
            byte[] bitmaps = NpyReader.read(Files.readAllBytes(QUICKDRAW.resolve(category + ".npy")), "f")
                    .pixels();
            double[] r = inkStatistics(rendered);
            double[] b = inkStatistics(bitmaps);
            String same = "";
            if (SAME_DRAWINGS.contains(category)) {
                double diff = 0;
                for (int i = 0; i < rendered.length; i++) {
                    int d = Math.abs((rendered[i] & 0xFF) - (bitmaps[i] & 0xFF));
                    diff += d;
                    exact += d == 0 ? 1 : 0;
                }
                sameDiff += diff / rendered.length / SAME_DRAWINGS.size();
                same = String.format("%.2f", diff / rendered.length);
            }
            table.append(String.format(
                    "%-12s %6.2f / %6.2f  %.3f / %.3f  %.3f / %.3f %12s%n",
                    category, r[0], b[0], r[1], b[1], r[2], b[2], same));
            for (int k = 0; k < 3; k++) {
                double relative = r[k] / b[k] - 1;
                average[k] += relative / NdjsonStrokesReaderTest.CATEGORIES.size();
                assertThat(Math.abs(relative))
                        .as("%s statistic %d: render %.4f vs bitmaps %.4f", category, k, r[k], b[k])
                        .isLessThan(0.15);
            }
        }
        double exactShare = exact / (SAME_DRAWINGS.size() * 25 * 784.0);
        table.append(String.format(
                "average relative error: mean %+.3f, frac>0 %+.3f, frac>128 %+.3f; same drawings:"
                        + " mean |diff| %.2f of 255, %.1f%% of pixels exact%n",
                average[0], average[1], average[2], sameDiff, 100 * exactShare));
        System.out.println("Quick, Draw! render calibration, line width " + StrokeRasterizer.GOOGLE.lineWidth()
                + ", padding " + StrokeRasterizer.GOOGLE.padding() + ", centred\n" + table);

        for (double a : average) {
            assertThat(Math.abs(a)).isLessThan(0.05);
        }
        // measured 0.76 and 85%; one unit of line width either way more than doubles the difference
        assertThat(sameDiff).isLessThan(1.2);
        assertThat(exactShare).isGreaterThan(0.8);
    }

    @Test
    void theCalibrationTellsNeighbouringLineWidthsApart() throws IOException {
        Assumptions.assumeTrue(
                Files.exists(QUICKDRAW.resolve("strokes")),
                "../shared is absent: no Quick, Draw! data at " + QUICKDRAW.toAbsolutePath());
        double thin = sameDrawingDifference(new Style(15, 16, true));
        double calibrated = sameDrawingDifference(StrokeRasterizer.GOOGLE);
        double thick = sameDrawingDifference(new Style(17, 16, true));
        double topLeft = sameDrawingDifference(new Style(16, 16, false));
        assertThat(calibrated).isLessThan(thin / 2).isLessThan(thick / 2).isLessThan(topLeft / 20);
    }

    private static double sameDrawingDifference(Style style) throws IOException {
        double diff = 0;
        int pixels = 0;
        for (String category : SAME_DRAWINGS) {
            byte[] bitmaps = NpyReader.read(Files.readAllBytes(QUICKDRAW.resolve(category + ".npy")), "f")
                    .pixels();
            int i = 0;
            for (List<Stroke> drawing : drawings(category)) {
                byte[] image = StrokeRasterizer.render(drawing, "s", style);
                for (int p = 0; p < 784; p++) {
                    diff += Math.abs((image[p] & 0xFF) - (bitmaps[i * 784 + p] & 0xFF));
                }
                i++;
                pixels += 784;
            }
        }
        return diff / pixels;
    }

    /** The category's drawings as strokes, parsed here independently of the reader under test. */
    private static List<List<Stroke>> drawings(String category) throws IOException {
        List<List<Stroke>> drawings = new ArrayList<>();
        tools.jackson.databind.json.JsonMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        for (String text : Files.readAllLines(QUICKDRAW.resolve("strokes").resolve(category + ".ndjson"))) {
            List<Stroke> strokes = new ArrayList<>();
            for (tools.jackson.databind.JsonNode s : json.readTree(text).get("drawing")) {
                int[] xs = new int[s.get(0).size()];
                int[] ys = new int[xs.length];
                for (int p = 0; p < xs.length; p++) {
                    xs[p] = s.get(0).get(p).intValue();
                    ys[p] = s.get(1).get(p).intValue();
                }
                strokes.add(new Stroke(xs, ys));
            }
            drawings.add(strokes);
        }
        return drawings;
    }

    /** Mean pixel value, share of pixels above 0 and share above 128. */
    private static double[] inkStatistics(byte[] pixels) {
        double sum = 0;
        long lit = 0;
        long bright = 0;
        for (byte p : pixels) {
            int v = p & 0xFF;
            sum += v;
            lit += v > 0 ? 1 : 0;
            bright += v > 128 ? 1 : 0;
        }
        return new double[] {sum / pixels.length, lit / (double) pixels.length, bright / (double) pixels.length};
    }
}
