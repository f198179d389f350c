package dev.neurona.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.platform.problem.ApiException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class DrawingPreprocessorTest {

    @Test
    void aBlackSevenOnWhiteBecomesAnMnistDigit() throws IOException {
        byte[] digit = DrawingPreprocessor.mnistStyle(decodePng(seven(Color.WHITE, Color.BLACK)), "image");

        assertThat(digit).hasSize(784);
        assertThat(digit[0]).isZero();
        assertThat(max(digit)).isEqualTo(255);
        int[] box = boundingBox(digit);
        assertThat(Math.max(box[2] - box[0] + 1, box[3] - box[1] + 1)).isBetween(19, 21);
        double[] com = centreOfMass(digit);
        assertThat(com[0]).isCloseTo(14, within(1.0));
        assertThat(com[1]).isCloseTo(14, within(1.0));
    }

    @Test
    void whiteInkOnBlackGivesTheSameDigit() throws IOException {
        byte[] dark = DrawingPreprocessor.mnistStyle(decodePng(seven(Color.WHITE, Color.BLACK)), "image");
        byte[] light = DrawingPreprocessor.mnistStyle(decodePng(seven(Color.BLACK, Color.WHITE)), "image");

        assertThat(maxDifference(dark, light)).isLessThanOrEqualTo(2);
    }

    @Test
    void aTransparentCanvasWithBlackInkIsReadAsInkOnWhite() throws IOException {
        // What a browser canvas exports: untouched pixels are transparent black (alpha 0, RGB 0).
        BufferedImage canvas = new BufferedImage(280, 280, BufferedImage.TYPE_INT_ARGB);
        drawSeven(canvas, Color.BLACK);
        assertThat(canvas.getRGB(0, 0)).isZero();

        byte[] fromCanvas = DrawingPreprocessor.mnistStyle(decodePng(canvas), "image");
        byte[] fromPaper = DrawingPreprocessor.mnistStyle(decodePng(seven(Color.WHITE, Color.BLACK)), "image");

        assertThat(maxDifference(fromCanvas, fromPaper)).isLessThanOrEqualTo(2);
    }

    @Test
    void aJpegPhotoOfTheDigitWorks() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(seven(Color.WHITE, Color.BLACK), "jpg", jpeg);

        byte[] digit = DrawingPreprocessor.mnistStyle(DrawingPreprocessor.decode(jpeg.toByteArray(), "image"), "image");

        int[] box = boundingBox(digit);
        assertThat(Math.max(box[2] - box[0] + 1, box[3] - box[1] + 1)).isBetween(19, 21);
        double[] com = centreOfMass(digit);
        assertThat(com[0]).isCloseTo(14, within(1.0));
        assertThat(com[1]).isCloseTo(14, within(1.0));
    }

    @Test
    void greyPngsKeepTheirStoredValues() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 128, 255});

        assertThat(DrawingPreprocessor.grayscale(decodePng(grey))).containsExactly(0f, 128f, 255f);
    }

    @Test
    void greyWithAlphaIsCompositedOntoWhiteWithoutAGammaShift() throws IOException {
        ColorModel model = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true,
                false,
                Transparency.TRANSLUCENT,
                DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(3, 1);
        raster.setPixels(0, 0, 3, 1, new int[] {100, 255, 0, 0, 0, 128});
        BufferedImage image = new BufferedImage(model, raster, false, null);

        float[] grey = DrawingPreprocessor.grayscale(decodePng(image));

        assertThat(grey[0]).isEqualTo(100f);
        assertThat(grey[1]).isEqualTo(255f);
        assertThat(grey[2]).isCloseTo(127f, within(1f));
    }

    @Test
    void aHeaderClaiming20000SquareIsRefusedBeforeDecoding() throws IOException {
        byte[] png = withSize(encodePng(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY)), 20000, 20000);

        assertInvalid(
                () -> DrawingPreprocessor.decode(png, "image"),
                "image",
                "20000×20000 pixels is too large; at most 8192×8192");
    }

    @Test
    void moreThan40MegapixelsIsRefused() throws IOException {
        byte[] png = withSize(encodePng(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY)), 8000, 6000);

        assertInvalid(
                () -> DrawingPreprocessor.decode(png, "image"),
                "image",
                "8000×6000 pixels is too large; at most 40 megapixels");
    }

    @Test
    void dataThatIsNotAPngOrJpegIsRefused() {
        byte[] garbage = new byte[500];
        new Random(1).nextBytes(garbage);
        byte[] gif = "GIF89a....".getBytes();

        assertInvalid(() -> DrawingPreprocessor.decode(garbage, "image"), "image", "not a PNG or JPEG image");
        assertInvalid(() -> DrawingPreprocessor.decode(gif, "image"), "image", "not a PNG or JPEG image");
        assertInvalid(() -> DrawingPreprocessor.decode(new byte[0], "image"), "image", "not a PNG or JPEG image");
        assertInvalid(() -> DrawingPreprocessor.decode(null, "image"), "image", "not a PNG or JPEG image");
    }

    @Test
    void truncatedOrDamagedFilesAreRefused() throws IOException {
        BufferedImage seven = seven(Color.WHITE, Color.BLACK);
        byte[] png = encodePng(seven);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(seven, "jpg", jpeg);
        byte[] damaged = png.clone();
        for (int i = 60; i < damaged.length - 20; i++) {
            damaged[i] ^= 0x5a;
        }

        String message = "not a PNG or JPEG image that can be decoded";
        assertInvalid(() -> DrawingPreprocessor.decode(Arrays.copyOf(png, png.length / 2), "image"), "image", message);
        assertInvalid(
                () -> DrawingPreprocessor.decode(Arrays.copyOf(jpeg.toByteArray(), jpeg.size() / 2), "image"),
                "image",
                message);
        assertInvalid(() -> DrawingPreprocessor.decode(damaged, "image"), "image", message);
        assertInvalid(
                () -> DrawingPreprocessor.decode(Arrays.copyOf(png, 20), "image"), "image", "not a PNG or JPEG image");
    }

    @Test
    void anEmptyCanvasHasNoDrawing() throws IOException {
        BufferedImage white = blank(Color.WHITE);
        BufferedImage transparent = new BufferedImage(280, 280, BufferedImage.TYPE_INT_ARGB);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(white, "jpg", jpeg);

        String message = "the image has no drawing on it";
        assertInvalid(() -> DrawingPreprocessor.mnistStyle(decodePng(white), "image"), "image", message);
        assertInvalid(() -> DrawingPreprocessor.mnistStyle(decodePng(transparent), "image"), "image", message);
        assertInvalid(
                () -> DrawingPreprocessor.fillStyle(DrawingPreprocessor.decode(jpeg.toByteArray(), "image"), "image"),
                "image",
                message);
    }

    @Test
    void fillStyleScalesTheLongestSideTo26AndCentresItLikeQuickDraw() throws IOException {
        BufferedImage paper = blank(Color.WHITE);
        Graphics2D g = paper.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(150, 20, 100, 50);
        g.dispose();

        byte[] doodle = DrawingPreprocessor.fillStyle(decodePng(paper), "image");

        int[] box = boundingBox(doodle);
        assertThat(box).containsExactly(1, 7, 26, 19);
        assertThat(doodle[14 * 28 + 14] & 0xff).isEqualTo(255);
    }

    @Test
    void resizeGivesOneOrThreePlanes() throws IOException {
        BufferedImage red = blank(Color.RED);

        byte[] grey = DrawingPreprocessor.resize(decodePng(red), 32, false);
        byte[] rgb = DrawingPreprocessor.resize(decodePng(red), 32, true);

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

        byte[] small = DrawingPreprocessor.resize(stripes, 2, false);

        for (byte b : small) {
            assertThat(b & 0xff).isBetween(127, 128);
        }
    }

    @Test
    void thePreviewPngHoldsExactlyThePixels() throws IOException {
        byte[] digit = DrawingPreprocessor.mnistStyle(decodePng(seven(Color.WHITE, Color.BLACK)), "image");

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

    // --- drawing and encoding helpers

    private static BufferedImage blank(Color background) {
        BufferedImage image = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, 280, 280);
        g.dispose();
        return image;
    }

    private static BufferedImage seven(Color background, Color ink) {
        BufferedImage image = blank(background);
        drawSeven(image, ink);
        return image;
    }

    /** A thick "7" in the upper left, well off centre, with margins on all sides. */
    private static void drawSeven(BufferedImage image, Color ink) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(ink);
        g.setStroke(new BasicStroke(16, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawPolyline(new int[] {40, 150, 80}, new int[] {50, 50, 210}, 3);
        g.dispose();
    }

    private static byte[] encodePng(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static BufferedImage decodePng(BufferedImage image) throws IOException {
        return DrawingPreprocessor.decode(encodePng(image), "image");
    }

    /** Rewrites width and height in the IHDR chunk (right after the 8-byte signature) and its CRC. */
    private static byte[] withSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        putInt(out, 16, width);
        putInt(out, 20, height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 4 + 13);
        putInt(out, 29, (int) crc.getValue());
        return out;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void assertInvalid(ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.errors()).hasSize(1);
            assertThat(e.errors().get(0).field()).isEqualTo(field);
            assertThat(e.errors().get(0).message()).startsWith(message);
        });
    }

    // --- measuring 28×28 results

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
