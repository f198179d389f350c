package dev.neurona.imaging;

import static dev.neurona.imaging.Pictures.blank;
import static dev.neurona.imaging.Pictures.decodePng;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void resizeGivesOneOrThreePlanes() throws IOException {
        BufferedImage red = blank(Color.RED);

        byte[] grey = Resampler.resize(decodePng(red), 32, false);
        byte[] rgb = Resampler.resize(decodePng(red), 32, true);

        assertThat(grey).hasSize(32 * 32);
        assertThat(grey[0] & 0xff).isEqualTo(76);
        assertThat(rgb).hasSize(3 * 32 * 32);
        assertThat(rgb[0] & 0xff).isEqualTo(255);
        assertThat(rgb[32 * 32 - 1] & 0xff).isEqualTo(255);
        assertThat(rgb[32 * 32] & 0xff).isZero();
        assertThat(rgb[3 * 32 * 32 - 1] & 0xff).isZero();
    }

    @Test
    void resizeAveragesAreas() {
        // Two-pixel-wide stripes: averaged over 4 pixels, each output pixel is half black, half white.
        BufferedImage stripes = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                stripes.setRGB(x, y, (x / 2) % 2 == 0 ? 0xffffff : 0);
            }
        }

        byte[] small = Resampler.resize(stripes, 2, false);

        for (byte b : small) {
            assertThat(b & 0xff).isBetween(127, 128);
        }
    }

    @Test
    void shrinkingWeighsEachSourcePixelByItsOverlap() {
        // 3 columns onto 2: each target takes one source column and half of the middle one, (0 + 45) / 1.5 = 30
        BufferedImage grey = greyColumns(1, 0, 90, 180);

        assertThat(unsigned(Resampler.resize(grey, 2, false))).containsExactly(30, 150, 30, 150);
    }

    @Test
    void enlargingRepeatsPixelsAsTheImagesOfADatasetZipWereMade() {
        BufferedImage grey = greyColumns(1, 10, 250);

        assertThat(unsigned(Resampler.resize(grey, 4, false)))
                .containsExactly(10, 10, 250, 250, 10, 10, 250, 250, 10, 10, 250, 250, 10, 10, 250, 250);
    }

    @Test
    void framingEnlargesLinearlyAndShrinksByArea() {
        // pixel centres line up: targets at source x = −0.25, 0.25, 0.75, 1.25 (clamped at both ends)
        assertThat(Resampler.frame(new float[] {0, 100}, 2, 0, 0, 2, 1, 4, 1)).containsExactly(0, 25, 75, 100);
        assertThat(Resampler.frame(new float[] {0, 90, 180}, 3, 0, 0, 3, 1, 2, 1))
                .containsExactly(30, 150);
    }

    @Test
    void framingReadsOnlyTheRegion() {
        // a 4×3 plane; the 2×2 region at (1, 1) holds 10, 20 / 30, 40 and everything else is 255
        float[] plane = {
            255, 255, 255, 255,
            255, 10, 20, 255,
            255, 30, 40, 255
        };

        assertThat(Resampler.frame(plane, 4, 1, 1, 2, 2, 1, 1)).containsExactly(25);
        assertThat(Resampler.frame(plane, 4, 1, 1, 2, 2, 2, 2)).containsExactly(10, 20, 30, 40);
    }

    @Test
    void transparencyCountsAsWhite() {
        BufferedImage clear = new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB);
        BufferedImage half = new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                half.setRGB(x, y, 128 << 24);
            }
        }

        assertThat(unsigned(Resampler.resize(clear, 1, false))).containsExactly(255);
        assertThat(unsigned(Resampler.resize(half, 1, false))).containsExactly(127);
    }

    private static BufferedImage greyColumns(int height, int... values) {
        BufferedImage image = new BufferedImage(values.length, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < values.length; x++) {
                image.getRaster().setSample(x, y, 0, values[x]);
            }
        }
        return image;
    }

    private static int[] unsigned(byte[] bytes) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xff;
        }
        return values;
    }
}
