package dev.neurona.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.platform.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Raw pixel arrays: the model takes 0–255, and a 0–1 array must not pass for a nearly black image. */
class ImageInputsTest {

    private static final ImageEncoding DIGITS =
            new ImageEncoding(List.of(1, 28, 28), List.of("0", "1"), null, null, "mnist", null);

    @Test
    void pixelsScaledTo0To1AreRefusedWithTheFactorToApply() {
        List<Object> scaled = new ArrayList<>(Collections.nCopies(784, 0.0));
        scaled.set(100, 0.5);
        scaled.set(101, 1.0);

        assertThatThrownBy(() -> ImageInputs.pixels(scaled, DIGITS, "images[2]"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("images[2]");
                    assertThat(e.errors().get(0).message())
                            .contains("between 0 and 1")
                            .contains("multiply the values by 255");
                });
    }

    @Test
    void aBinaryMaskOf0And1IsRefusedToo() {
        List<Object> mask = new ArrayList<>(Collections.nCopies(784, 0));
        mask.set(300, 1);

        assertThatThrownBy(() -> ImageInputs.pixels(mask, DIGITS, "images[0]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("multiply the values by 255");
    }

    @Test
    void imagesIn0To255AreTakenAsTheyAreAndAllBlackStaysValid() {
        List<Object> bar = new ArrayList<>(Collections.nCopies(784, 0));
        bar.set(300, 255);
        bar.set(301, 2);
        bar.set(302, 127.6);

        byte[] out = ImageInputs.pixels(bar, DIGITS, "images[0]");

        assertThat(out[300] & 0xff).isEqualTo(255);
        assertThat(out[301]).isEqualTo((byte) 2);
        assertThat(out[302] & 0xff).isEqualTo(128);
        assertThat(ImageInputs.pixels(Collections.nCopies(784, 0), DIGITS, "images[0]"))
                .containsOnly(0);
    }

    @Test
    void normalisedPixelsAreRefusedWithAHint() {
        List<Object> normalised = new ArrayList<>(Collections.nCopies(784, -0.42));
        normalised.set(5, 2.8);

        assertThatThrownBy(() -> ImageInputs.pixels(normalised, DIGITS, "images[0]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pixel 0 must be a number from 0 to 255, was -0.42")
                .hasMessageContaining("looks normalised");
    }
}
