package dev.neurona.imaging;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.WithSize;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.prediction.ImageInputs;
import java.util.List;

/**
 * Any drawing sent for prediction as strokes either becomes model input or is refused with a 400. The drawing has
 * the type the request record binds JSON to, nulls included, and Jazzer builds and mutates it as such, which reaches
 * odd numbers (subnormals, infinities, the ends of the range) far sooner than mutating JSON text does. Seeds would
 * add nothing the type does not give (and are stored in Jazzer's own binary format), so the inputs directory holds
 * only reproducers.
 *
 * <p>Besides not crashing, a drawing that passes validation must come out in the simplified format's 0–255 box: a
 * coordinate outside it would be refused later for a value the client never sent.
 */
class DrawingFuzzTest {

    private static final String FIELD = "drawings[0]";
    private static final List<ImageEncoding> MODELS = List.of(encoding("quickdraw"), encoding("mnist"));

    private static ImageEncoding encoding(String style) {
        return new ImageEncoding(List.of(1, 28, 28), List.of("a", "b"), null, null, style, null);
    }

    @FuzzTest
    void preparesOrRefuses(@WithSize(max = 8) List<@WithSize(max = 4) List<@WithSize(max = 32) List<Double>>> drawing) {
        List<double[][]> raw;
        try {
            raw = ImageInputs.strokes(drawing, FIELD);
            for (SimplifiedStroke stroke : CanvasStrokes.prepare(raw)) {
                checkInBox(stroke.xs(), drawing);
                checkInBox(stroke.ys(), drawing);
            }
        } catch (DomainException refused) {
            // the contract: a 400 naming the field; anything else escaping is a finding
            return;
        }
        for (ImageEncoding model : MODELS) {
            try {
                ImageInputs.drawing(raw, model, FIELD);
            } catch (DomainException blank) {
                // the digit framing refuses a drawing whose ink is too faint to find
            }
        }
    }

    private static void checkInBox(int[] values, Object drawing) {
        for (int v : values) {
            if (v < 0 || v > 255) {
                throw new AssertionError(
                        "the validated drawing " + drawing + " was normalised to " + v + ", outside 0–255");
            }
        }
    }
}
