package dev.neurona.imaging;

import static dev.neurona.imaging.Pictures.assertRefused;
import static dev.neurona.imaging.Pictures.blank;
import static dev.neurona.imaging.Pictures.decodePng;
import static dev.neurona.imaging.Pictures.drawSeven;
import static dev.neurona.imaging.Pictures.seven;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DrawingPreprocessorTest {

    @Test
    void aBlackSevenOnWhiteBecomesAnMnistDigit() throws IOException {
        byte[] digit = DrawingPreprocessor.mnistStyle(decodePng(seven(Color.WHITE, Color.BLACK)));

        assertThat(digit).hasSize(784);
        assertThat(digit[0]).isZero();
        assertThat(max(digit)).isEqualTo(255);
        assertFramedLikeMnist(digit);
    }

    @Test
    void whiteInkOnBlackGivesTheSameDigit() throws IOException {
        byte[] dark = DrawingPreprocessor.mnistStyle(decodePng(seven(Color.WHITE, Color.BLACK)));
        byte[] light = DrawingPreprocessor.mnistStyle(decodePng(seven(Color.BLACK, Color.WHITE)));

        assertThat(maxDifference(dark, light)).isLessThanOrEqualTo(2);
    }

    @Test
    void aTransparentCanvasWithBlackInkIsReadAsInkOnWhite() throws IOException {
        // What a browser canvas exports: untouched pixels are transparent black (alpha 0, RGB 0).
        BufferedImage canvas = new BufferedImage(280, 280, BufferedImage.TYPE_INT_ARGB);
        drawSeven(canvas, Color.BLACK);
        assertThat(canvas.getRGB(0, 0)).isZero();

        byte[] fromCanvas = DrawingPreprocessor.mnistStyle(decodePng(canvas));
        byte[] fromPaper = DrawingPreprocessor.mnistStyle(decodePng(seven(Color.WHITE, Color.BLACK)));

        assertThat(maxDifference(fromCanvas, fromPaper)).isLessThanOrEqualTo(2);
    }

    @Test
    void aJpegPhotoOfTheDigitWorks() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(seven(Color.WHITE, Color.BLACK), "jpg", jpeg);

        byte[] digit = DrawingPreprocessor.mnistStyle(ImageDecoder.decode(jpeg.toByteArray()));

        assertFramedLikeMnist(digit);
    }

    @Test
    void anEmptyCanvasHasNoDrawing() throws IOException {
        BufferedImage white = blank(Color.WHITE);
        BufferedImage transparent = new BufferedImage(280, 280, BufferedImage.TYPE_INT_ARGB);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(white, "jpg", jpeg);

        String message = "the image has no drawing on it";
        assertRefused(() -> DrawingPreprocessor.mnistStyle(decodePng(white)), message);
        assertRefused(() -> DrawingPreprocessor.mnistStyle(decodePng(transparent)), message);
        assertRefused(() -> DrawingPreprocessor.fillStyle(ImageDecoder.decode(jpeg.toByteArray())), message);
    }

    @Test
    void fillStyleScalesTheLongestSideTo26AndCentresItLikeQuickDraw() throws IOException {
        BufferedImage paper = blank(Color.WHITE);
        Graphics2D g = paper.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(150, 20, 100, 50);
        g.dispose();

        byte[] doodle = DrawingPreprocessor.fillStyle(decodePng(paper));

        int[] box = boundingBox(doodle);
        assertThat(box).containsExactly(1, 7, 26, 19);
        assertThat(doodle[14 * 28 + 14] & 0xff).isEqualTo(255);
    }

    @Test
    void thePreviewPngHoldsExactlyThePixels() throws IOException {
        byte[] digit = DrawingPreprocessor.mnistStyle(decodePng(seven(Color.WHITE, Color.BLACK)));

        BufferedImage preview = ImageIO.read(
                new ByteArrayInputStream(Base64.getDecoder().decode(DrawingPreprocessor.toPngBase64(digit, 28))));

        assertThat(preview.getWidth()).isEqualTo(28);
        int[] samples = preview.getRaster().getPixels(0, 0, 28, 28, (int[]) null);
        byte[] back = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            back[i] = (byte) samples[i];
        }
        assertThat(back).containsExactly(digit);
    }

    @Test
    void theColourPreviewUndoesTheChannelFirstLayout() throws IOException {
        byte[] rgb = new byte[3 * 4];
        rgb[0] = (byte) 200;
        rgb[4 + 1] = (byte) 100;
        rgb[8 + 2] = (byte) 50;

        BufferedImage preview = ImageIO.read(
                new ByteArrayInputStream(Base64.getDecoder().decode(DrawingPreprocessor.toPngBase64(rgb, 2))));

        assertThat(preview.getRGB(0, 0) & 0xffffff).isEqualTo(200 << 16);
        assertThat(preview.getRGB(1, 0) & 0xffffff).isEqualTo(100 << 8);
        assertThat(preview.getRGB(0, 1) & 0xffffff).isEqualTo(50);
    }

    // --- measuring 28×28 results

    /** MNIST's framing: the ink's longest side 20 px (±1 for anti-aliasing), its centre of mass at (14, 14) ± 1. */
    private static void assertFramedLikeMnist(byte[] digit) {
        int[] box = boundingBox(digit);
        assertThat(Math.max(box[2] - box[0] + 1, box[3] - box[1] + 1)).isBetween(19, 21);
        double[] com = centreOfMass(digit);
        assertThat(com[0]).isCloseTo(14, within(1.0));
        assertThat(com[1]).isCloseTo(14, within(1.0));
    }

    private static int max(byte[] pixels) {
        int m = 0;
        for (byte b : pixels) {
            m = Math.max(m, b & 0xff);
        }
        return m;
    }

    private static int maxDifference(byte[] a, byte[] b) {
        int m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return m;
    }

    /** {minX, minY, maxX, maxY} of the non-zero pixels. */
    private static int[] boundingBox(byte[] pixels) {
        int[] box = {28, 28, -1, -1};
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != 0) {
                box[0] = Math.min(box[0], i % 28);
                box[1] = Math.min(box[1], i / 28);
                box[2] = Math.max(box[2], i % 28);
                box[3] = Math.max(box[3], i / 28);
            }
        }
        return box;
    }

    private static double[] centreOfMass(byte[] pixels) {
        double mass = 0;
        double x = 0;
        double y = 0;
        for (int i = 0; i < pixels.length; i++) {
            int v = pixels[i] & 0xff;
            mass += v;
            x += v * (i % 28);
            y += v * (i / 28);
        }
        return new double[] {x / mass, y / mass};
    }
}
