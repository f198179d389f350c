package dev.neurona.imaging;

import static dev.neurona.imaging.Pictures.assertRefused;
import static dev.neurona.imaging.Pictures.decodePng;
import static dev.neurona.imaging.Pictures.encodePng;
import static dev.neurona.imaging.Pictures.seven;
import static dev.neurona.imaging.Pictures.withSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    @Test
    void greyPngsKeepTheirStoredValues() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 128, 255});

        assertThat(Pixels.luminance(decodePng(grey))).containsExactly(0f, 128f, 255f);
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

        float[] grey = Pixels.luminance(decodePng(image));

        assertThat(grey[0]).isEqualTo(100f);
        assertThat(grey[1]).isEqualTo(255f);
        assertThat(grey[2]).isCloseTo(127f, within(1f));
    }

    @Test
    void aHeaderClaiming20000SquareIsRefusedBeforeDecoding() throws IOException {
        byte[] png = withSize(encodePng(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY)), 20000, 20000);

        assertRefused(
                () -> ImageDecoder.decode(png),
                "20000×20000 pixels is too large; at most 8192 pixels on a side and 40,000,000 pixels in all");
    }

    @Test
    void the8192SquareTheSideLimitSeemsToAllowIsRefusedWithTheRealLimits() throws IOException {
        byte[] png = withSize(encodePng(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY)), 8192, 8192);

        assertRefused(
                () -> ImageDecoder.decode(png),
                "8192×8192 pixels is too large; at most 8192 pixels on a side and 40,000,000 pixels in all"
                        + " (e.g. 8192×4882 or 6324×6324)");
    }

    @Test
    void thePixelCountComesFromTheHeaderAlone() throws IOException {
        byte[] png = withSize(encodePng(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY)), 6000, 5000);

        assertThat(ImageDecoder.pixels(png)).isEqualTo(30_000_000L);
        assertRefused(
                () -> ImageDecoder.pixels(withSize(png, 20000, 30000)),
                "20000×30000 pixels is too large; at most 8192 pixels on a side");
        assertThat(ImageDecoder.pixels(Pictures.encode(seven(Color.WHITE, Color.BLACK), "jpeg")))
                .isEqualTo((long) seven(Color.WHITE, Color.BLACK).getWidth()
                        * seven(Color.WHITE, Color.BLACK).getHeight());
        assertThat(ImageDecoder.pixels("not a picture".getBytes())).isZero();
        assertThat(ImageDecoder.pixels(Arrays.copyOf(png, 12))).isZero();
    }

    @Test
    void moreThan40MegapixelsIsRefused() throws IOException {
        byte[] png = withSize(encodePng(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY)), 8000, 6000);

        assertRefused(
                () -> ImageDecoder.decode(png),
                "8000×6000 pixels is too large; at most 8192 pixels on a side and 40,000,000 pixels in all");
    }

    @Test
    void dataThatIsNotAPngOrJpegIsRefused() {
        byte[] garbage = new byte[500];
        new Random(1).nextBytes(garbage);
        byte[] gif = "GIF89a....".getBytes();

        assertRefused(() -> ImageDecoder.decode(garbage), "not a PNG or JPEG image");
        assertRefused(() -> ImageDecoder.decode(gif), "not a PNG or JPEG image");
        assertRefused(() -> ImageDecoder.decode(new byte[0]), "not a PNG or JPEG image");
        assertRefused(() -> ImageDecoder.decode(null), "not a PNG or JPEG image");
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
        assertRefused(() -> ImageDecoder.decode(Arrays.copyOf(png, png.length / 2)), message);
        assertRefused(() -> ImageDecoder.decode(Arrays.copyOf(jpeg.toByteArray(), jpeg.size() / 2)), message);
        assertRefused(() -> ImageDecoder.decode(damaged), message);
        assertRefused(() -> ImageDecoder.decode(Arrays.copyOf(png, 20)), "not a PNG or JPEG image");
    }

    @Test
    void aFileAmongManyIsNamedAtTheStartOfTheMessage() {
        byte[] png = encodePng(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY));
        byte[] jpeg = Pictures.encode(seven(Color.WHITE, Color.BLACK), "jpeg");

        assertRefused(() -> ImageDecoder.decode("hello".getBytes(), "cat/readme.txt"), "cat/readme.txt is not a PNG");
        assertRefused(
                () -> ImageDecoder.decode(withSize(png, 8193, 1), "b/wide.png"),
                "b/wide.png is 8193×1 pixels; images may be at most 8192 pixels on a side and 40,000,000 pixels");
        assertRefused(
                () -> ImageDecoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2), "b/cut.jpg"),
                "b/cut.jpg is a damaged or unsupported JPEG image");
    }

    @Test
    void decodedImagesAreOpaqueRgbOverWhite() {
        BufferedImage canvas = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        canvas.setRGB(1, 0, 0xff000000);

        BufferedImage decoded = decodePng(canvas);

        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(decoded.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
        assertThat(decoded.getRGB(1, 0) & 0xffffff).isZero();
    }
}
