package dev.neurona.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CanvasStrokesTest {

    @Test
    void aCanvasDrawingIsAlignedToTheTopLeftAndScaledSoItsLongestSideSpans0To255() {
        // An "L" and a dot on a 1000×500 canvas, with timestamps, in float coordinates.
        List<double[][]> raw = List.of(
                new double[][] {{200.5, 200.5, 200.5, 1000}, {100, 300, 420.25, 420.25}, {0, 16, 32, 48}},
                new double[][] {{600}, {250}});

        List<SimplifiedStroke> strokes = CanvasStrokes.normalize(raw);

        int[] all = extent(strokes);
        assertThat(all).containsExactly(0, 0, 255, 102);
        // Extent 799.5 × 320.25, scale 255/799.5: the corner (200.5, 420.25) lands on (0, round(320.25 * 0.319)).
        assertThat(strokes.get(0).xs()).containsExactly(0, 0, 255);
        assertThat(strokes.get(0).ys()).containsExactly(0, 102, 102);
        assertThat(strokes.get(1).xs()).containsExactly(127);
        assertThat(strokes.get(1).ys()).containsExactly(48);
    }

    @Test
    void aPortraitDrawingScalesByItsHeight() {
        List<double[][]> raw = List.<double[][]>of(new double[][] {{10, 70}, {-30, 470}});

        SimplifiedStroke stroke = CanvasStrokes.normalize(raw).get(0);

        assertThat(stroke.xs()).containsExactly(0, 31);
        assertThat(stroke.ys()).containsExactly(0, 255);
    }

    @Test
    void rdpDropsCollinearPointsAndKeepsCorners() {
        // 0..255 along the top, then down the right side: every point but the three ends and the corner is collinear.
        double[] xs = new double[256 + 255];
        double[] ys = new double[xs.length];
        for (int i = 0; i < 256; i++) {
            xs[i] = i;
        }
        for (int i = 1; i < 256; i++) {
            xs[255 + i] = 255;
            ys[255 + i] = i;
        }

        SimplifiedStroke stroke = CanvasStrokes.normalize(List.<double[][]>of(new double[][] {xs, ys}))
                .get(0);

        assertThat(stroke.xs()).containsExactly(0, 255, 255);
        assertThat(stroke.ys()).containsExactly(0, 0, 255);
    }

    @Test
    void rdpUsesEpsilonTwo() {
        // Bumps of 2 px are within epsilon and flattened; a bump of 3 px is kept.
        double[][] small = {{0, 50, 100, 150, 255}, {10, 12, 10, 8, 10}};
        double[][] big = {{0, 50, 128, 206, 255}, {10, 11, 13, 11, 10}};

        SimplifiedStroke flat =
                CanvasStrokes.normalize(List.<double[][]>of(small)).get(0);
        SimplifiedStroke bump =
                CanvasStrokes.normalize(List.<double[][]>of(big)).get(0);

        assertThat(flat.xs()).containsExactly(0, 255);
        assertThat(bump.xs()).containsExactly(0, 128, 255);
        assertThat(bump.ys()).containsExactly(0, 3, 0);
    }

    @Test
    void aSpikeThatDoublesBackKeepsItsTip() {
        double[][] spike = {{0, 255, 100}, {0, 0, 0}};

        SimplifiedStroke stroke =
                CanvasStrokes.normalize(List.<double[][]>of(spike)).get(0);

        assertThat(stroke.xs()).containsExactly(0, 255, 100);
    }

    @Test
    void aSinglePointOrALineWithoutExtentIsFine() {
        SimplifiedStroke dot = CanvasStrokes.normalize(List.<double[][]>of(new double[][] {{412.7}, {33}}))
                .get(0);
        List<SimplifiedStroke> same =
                CanvasStrokes.normalize(List.of(new double[][] {{5, 5, 5}, {9, 9, 9}}, new double[][] {{5}, {9}}));
        SimplifiedStroke vertical = CanvasStrokes.normalize(List.<double[][]>of(new double[][] {{7, 7}, {0, 10}}))
                .get(0);

        assertThat(dot.xs()).containsExactly(0);
        assertThat(dot.ys()).containsExactly(0);
        assertThat(same).hasSize(2);
        assertThat(same.get(0).xs()).containsExactly(0);
        assertThat(vertical.xs()).containsExactly(0, 0);
        assertThat(vertical.ys()).containsExactly(0, 255);
    }

    @Test
    void emptyStrokesAreDroppedAndHugeCoordinatesDoNotOverflow() {
        List<SimplifiedStroke> strokes = CanvasStrokes.normalize(
                List.of(new double[][] {{}, {}}, new double[][] {{-Double.MAX_VALUE, Double.MAX_VALUE}, {0, 0}}));

        assertThat(strokes).hasSize(1);
        assertThat(strokes.get(0).xs()).containsExactly(0, 255);
    }

    @Test
    void aTinySubnormalExtentStillSpans0To255() {
        // found by DrawingFuzzTest: 255 / 5.3e-315 is infinite, which rounded every offset to -1
        List<SimplifiedStroke> strokes =
                CanvasStrokes.normalize(List.of(new double[][] {{0}, {1.0609978955E-314}}, new double[][] {{0}, {0}}));

        assertThat(strokes.get(0).ys()).containsExactly(255);
        assertThat(strokes.get(1).ys()).containsExactly(0);
    }

    @Test
    void recognisesDrawingsAlreadyInTheSimplifiedFormat() {
        List<double[][]> google = List.of(new double[][] {{0, 120, 255}, {40, 0, 90}}, new double[][] {{3}, {200}});

        assertThat(CanvasStrokes.isSimplified(google)).isTrue();
        assertThat(CanvasStrokes.isSimplified(List.<double[][]>of(new double[][] {{0, 120.5}, {0, 3}})))
                .isFalse();
        assertThat(CanvasStrokes.isSimplified(List.<double[][]>of(new double[][] {{0, 256}, {0, 3}})))
                .isFalse();
        assertThat(CanvasStrokes.isSimplified(List.<double[][]>of(new double[][] {{1, 200}, {0, 3}})))
                .isFalse();
        assertThat(CanvasStrokes.isSimplified(List.<double[][]>of(new double[][] {{0, 200}, {0}})))
                .isFalse();
        assertThat(CanvasStrokes.isSimplified(List.of())).isFalse();

        List<SimplifiedStroke> passed = CanvasStrokes.prepare(google);
        assertThat(passed.get(0).xs()).containsExactly(0, 120, 255);
        assertThat(passed.get(0).ys()).containsExactly(40, 0, 90);
        assertThat(passed.get(1).ys()).containsExactly(200);
    }

    @Test
    void prepareNormalisesRawDrawings() {
        List<SimplifiedStroke> strokes =
                CanvasStrokes.prepare(List.<double[][]>of(new double[][] {{10, 20}, {10, 15}}));

        assertThat(strokes.get(0).xs()).containsExactly(0, 255);
        assertThat(strokes.get(0).ys()).containsExactly(0, 128);
    }

    @Test
    void validationErrorsNameTheStrokeRelativeToTheDrawing() {
        double[][] ok = {{1, 2}, {3, 4}};

        assertInvalid(
                () -> CanvasStrokes.normalize(List.of(ok, ok, new double[][] {{1, 2, 3}, {1, 2}})),
                "[2]",
                "3 xs but 2 ys");
        assertInvalid(
                () -> CanvasStrokes.normalize(List.<double[][]>of(new double[][] {{1, Double.NaN}, {1, 2}})),
                "[0]",
                "coordinates must be finite");
        assertInvalid(
                () -> FieldPath.under(
                        "drawing.strokes",
                        () -> CanvasStrokes.normalize(List.of(ok, new double[][] {{1}, {Double.POSITIVE_INFINITY}}))),
                "drawing.strokes[1]",
                "coordinates must be finite");
        assertInvalid(
                () -> CanvasStrokes.normalize(List.<double[][]>of(new double[][] {{1, 2}})),
                "[0]",
                "a stroke is [xs, ys]");
        assertInvalid(() -> CanvasStrokes.normalize(Arrays.asList(ok, null)), "[1]", "a stroke is [xs, ys]");
        assertInvalid(() -> CanvasStrokes.normalize(List.of()), "", "required");
        assertInvalid(() -> CanvasStrokes.normalize(null), "", "required");
        assertInvalid(
                () -> CanvasStrokes.normalize(List.<double[][]>of(new double[][] {{}, {}})),
                "",
                "the drawing has no points");
    }

    @Test
    void limitsTheNumberOfStrokesAndPoints() {
        List<double[][]> strokes = Collections.nCopies(1_001, new double[][] {{1}, {2}});
        List<double[][]> points = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            points.add(new double[][] {new double[10_000], new double[10_000]});
        }

        assertInvalid(() -> CanvasStrokes.normalize(strokes), "", "1001 strokes; at most 1000");
        assertInvalid(() -> CanvasStrokes.normalize(points), "", "more than 100000 points");
        assertThat(CanvasStrokes.normalize(Collections.nCopies(1_000, new double[][] {{1}, {2}})))
                .hasSize(1_000);
    }

    /** {minX, minY, maxX, maxY} over all strokes. */
    private static int[] extent(List<SimplifiedStroke> strokes) {
        int[] e = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (SimplifiedStroke s : strokes) {
            for (int i = 0; i < s.points(); i++) {
                e[0] = Math.min(e[0], s.xs()[i]);
                e[1] = Math.min(e[1], s.ys()[i]);
                e[2] = Math.max(e[2], s.xs()[i]);
                e[3] = Math.max(e[3], s.ys()[i]);
            }
        }
        return e;
    }

    private static void assertInvalid(ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.errors()).hasSize(1);
            assertThat(e.errors().get(0).field()).isEqualTo(field);
            assertThat(e.errors().get(0).message()).contains(message);
        });
    }
}
