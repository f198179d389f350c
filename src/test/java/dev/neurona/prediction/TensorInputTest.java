package dev.neurona.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.platform.problem.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorInputTest {

    private static final ImageEncoding DIGITS =
            new ImageEncoding(List.of(1, 28, 28), List.of("0", "1"), null, null, "mnist", null);

    @Test
    void theCountComesFromTheLengthAndAPartialImageIsRefusedNamingTheSize() {
        assertThat(TensorInput.count(784 * 3, DIGITS, TensorInput.Format.UINT8, 10))
                .isEqualTo(3);
        assertThat(TensorInput.count(784 * 4 * 2, DIGITS, TensorInput.Format.FLOAT32, 10))
                .isEqualTo(2);
        assertThatThrownBy(() -> TensorInput.count(785, DIGITS, TensorInput.Format.UINT8, 10))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("body"))
                .hasMessageContaining("785 bytes are not a whole number of 1×28×28 uint8 images (784 bytes each");
        assertThatThrownBy(() -> TensorInput.count(0, DIGITS, TensorInput.Format.UINT8, 10))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> TensorInput.count(784 * 11, DIGITS, TensorInput.Format.UINT8, 10))
                .hasMessageContaining("11 images; at most 10");
        assertThatThrownBy(() -> TensorInput.Format.parse("int16")).hasMessageContaining("uint8 or float32");
    }

    @Test
    void float32PixelsAreRoundedAndCheckedLikeJsonPixels() {
        ByteBuffer b = ByteBuffer.allocate(784 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 784; i++) {
            b.putFloat(i % 255 + 0.4f);
        }
        byte[] pixels = TensorInput.pixels(b.array(), 1, TensorInput.Format.FLOAT32);
        assertThat(pixels[3] & 0xFF).isEqualTo(3);
        assertThat(pixels[254] & 0xFF).isEqualTo(254);

        b.putFloat(4 * 10, 300f);
        assertThatThrownBy(() -> TensorInput.pixels(b.array(), 1, TensorInput.Format.FLOAT32))
                .hasMessageContaining("image 0, pixel 10 must be from 0 to 255, was 300.0");
    }

    @Test
    void anImageScaledToZeroOneIsRefusedNotPredictedAsBlack() {
        byte[] second = new byte[784 * 2];
        second[784 + 5] = 1;
        second[7] = (byte) 200;
        assertThatThrownBy(() -> TensorInput.pixels(second, 2, TensorInput.Format.UINT8))
                .hasMessageContaining("image 1: every pixel value is between 0 and 1");
        assertThat(TensorInput.pixels(new byte[784], 1, TensorInput.Format.UINT8))
                .hasSize(784);
    }
}
