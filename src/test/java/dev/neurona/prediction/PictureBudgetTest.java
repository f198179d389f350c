package dev.neurona.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.LimitReachedException;
import dev.neurona.platform.problem.TooLargeException;
import dev.neurona.support.TestData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class PictureBudgetTest {

    private static final ImageEncoding DIGITS =
            new ImageEncoding(List.of(1, 28, 28), List.of("0", "1"), null, null, "mnist", null);

    @Test
    void picturesOverMaxPixelsTogetherAreRefusedFromTheirHeadersBeforeAnyIsDecoded() {
        // headers claiming 6000×6000 over a 1×1 image: decoding any of them would fail, weighing them does not
        byte[] claims36Megapixels = claiming(6000, 6000);
        PictureBudget budget = new PictureBudget(100_000_000L, 40_000_000L, 0);

        assertThatThrownBy(() -> budget.inputs(List.of(claims36Megapixels, claims36Megapixels, claims36Megapixels)))
                .isInstanceOfSatisfying(TooLargeException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("files");
                    assertThat(e.errors().get(0).message())
                            .isEqualTo("the 3 pictures add up to 108,000,000 pixels (width × height of each); at most"
                                    + " 100,000,000 per request (neurona.prediction.max-pixels): send fewer or"
                                    + " smaller pictures");
                });
        assertThat(budget.inputs(List.of(claims36Megapixels, claims36Megapixels)))
                .as("72 megapixels are within the request's budget")
                .hasSize(2);
    }

    @Test
    void onePictureOverThePerImageLimitsIsRefusedByName() {
        PictureBudget budget = new PictureBudget(100_000_000L, 40_000_000L, 0);

        assertThatThrownBy(() -> budget.inputs(List.of(claiming(10, 10), claiming(20_000, 20_000))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("files[1]");
                    assertThat(e.errors().get(0).message())
                            .startsWith("20000×20000 pixels is too large; at most 8192 pixels on a side");
                });
    }

    @Test
    void aPictureWaitsForTheNodesDecodingBudgetAndIsTurnedAwayWhenItDoesNotCome() {
        PictureBudget budget = new PictureBudget(100_000_000L, 10_000, 0);
        ImageInputs.Input picture = budget.inputs(List.of(digit())).get(0);
        assertThat(picture.prepare(DIGITS)).hasSize(784);

        budget.acquire(10_000);
        try {
            assertThatThrownBy(() -> picture.prepare(DIGITS)).isInstanceOfSatisfying(LimitReachedException.class, e -> {
                assertThat(e.properties()).containsEntry("setting", "neurona.prediction.max-decoding-pixels");
                assertThat(e.scope()).isEqualTo(LimitReachedException.Scope.NODE);
                assertThat(e.getMessage()).contains("at most 10,000 pixels at a time");
            });
        } finally {
            budget.release(10_000);
        }
        assertThat(picture.prepare(DIGITS)).as("the budget is whole again").hasSize(784);
    }

    @Test
    void aPictureThatFailsToDecodeGivesItsPixelsBack() {
        PictureBudget budget = new PictureBudget(100_000_000L, 100, 0);
        ImageInputs.Input broken = budget.inputs(List.of(claiming(10, 10))).get(0);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> broken.prepare(DIGITS)).isInstanceOf(InvalidInputException.class);
        }
        budget.acquire(100);
        budget.release(100);
    }

    /** A dark bar on a white 60×60 page. */
    private static byte[] digit() {
        BufferedImage page = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 60);
        g.setColor(Color.BLACK);
        g.fillRect(25, 10, 8, 40);
        g.dispose();
        return TestData.image(page, "png");
    }

    /** A 1×1 PNG whose header claims {@code width}×{@code height}. */
    static byte[] claiming(int width, int height) {
        byte[] png = TestData.image(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png");
        putInt(png, 16, width);
        putInt(png, 20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        putInt(png, 29, (int) crc.getValue());
        return png;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
