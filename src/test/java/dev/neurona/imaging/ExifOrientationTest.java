package dev.neurona.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A phone writes the photo as the sensor saw it and an EXIF Orientation telling viewers to turn it; ImageIO alone
 * would hand the model the photo lying on its side. The JPEGs here carry an APP1 segment built byte by byte.
 */
class ExifOrientationTest {

    /** 64×32: the left half black, the right half white (large blocks survive JPEG's compression). */
    private static BufferedImage leftBlack() {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 32);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 32, 32);
        g.dispose();
        return image;
    }

    @Test
    void orientation6IsTurnedClockwiseSoTheLeftEdgeBecomesTheTop() {
        BufferedImage upright = ImageDecoder.decode(withOrientation(jpeg(leftBlack()), 6, false));

        assertThat(upright.getWidth()).isEqualTo(32);
        assertThat(upright.getHeight()).isEqualTo(64);
        assertThat(grey(upright, 16, 8)).as("top").isLessThan(40);
        assertThat(grey(upright, 16, 56)).as("bottom").isGreaterThan(215);
    }

    @Test
    void orientation8IsTurnedCounterClockwiseAnd3Upside() {
        BufferedImage eight = ImageDecoder.decode(withOrientation(jpeg(leftBlack()), 8, true));
        BufferedImage three = ImageDecoder.decode(withOrientation(jpeg(leftBlack()), 3, false));

        assertThat(eight.getWidth()).isEqualTo(32);
        assertThat(grey(eight, 16, 56)).as("8: the left edge at the bottom").isLessThan(40);
        assertThat(grey(eight, 16, 8)).isGreaterThan(215);
        assertThat(three.getWidth()).isEqualTo(64);
        assertThat(grey(three, 56, 16)).as("3: the left edge on the right").isLessThan(40);
        assertThat(grey(three, 8, 16)).isGreaterThan(215);
    }

    @Test
    void withoutExifOrWithOrientation1ThePhotoIsAsStored() {
        BufferedImage plain = ImageDecoder.decode(jpeg(leftBlack()));
        BufferedImage one = ImageDecoder.decode(withOrientation(jpeg(leftBlack()), 1, false));

        for (BufferedImage image : new BufferedImage[] {plain, one}) {
            assertThat(image.getWidth()).isEqualTo(64);
            assertThat(grey(image, 8, 16)).isLessThan(40);
        }
    }

    @Test
    void everyOrientationMapsTheCornersLikeTheExifTableSays() {
        // 3×2, each pixel its own value: where the stored top-left (1) and top-right (3) end up
        BufferedImage src = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 6; i++) {
            src.setRGB(i % 3, i / 3, i + 1);
        }
        int[][] expected = {
            // orientation: top-left of the result, its width
            {1, 3}, {3, 3}, {6, 3}, {4, 3}, {1, 2}, {4, 2}, {6, 2}, {3, 2}
        };
        for (int o = 1; o <= 8; o++) {
            BufferedImage out = ExifOrientation.upright(src, o);
            assertThat(out.getRGB(0, 0) & 0xffffff).as("orientation %d", o).isEqualTo(expected[o - 1][0]);
            assertThat(out.getWidth()).as("orientation %d", o).isEqualTo(expected[o - 1][1]);
        }
    }

    @Test
    void damagedExifIsIgnoredAndThePhotoStillDecodes() {
        byte[] good = withOrientation(jpeg(leftBlack()), 6, false);
        // the IFD offset points past the segment
        byte[] farOffset = good.clone();
        int tiff = 2 + 4 + 6;
        farOffset[tiff + 4] = 0x7f;
        // an entry count far beyond the segment, the orientation entry not among those present
        byte[] manyEntries = good.clone();
        manyEntries[tiff + 8] = (byte) 0xff;
        manyEntries[tiff + 9] = (byte) 0xff;
        manyEntries[tiff + 11] = 0x13;
        // an orientation no camera writes
        byte[] nine = withOrientation(jpeg(leftBlack()), 9, false);
        // not EXIF at all
        byte[] notExif = good.clone();
        notExif[6] = 'X';

        for (byte[] jpeg : new byte[][] {farOffset, manyEntries, notExif, nine}) {
            assertThat(ImageDecoder.decode(jpeg).getWidth()).isEqualTo(64);
        }
        assertThat(ExifOrientation.fromApp1(new byte[] {'E', 'x', 'i', 'f', 0, 0}))
                .isZero();
        assertThat(ExifOrientation.ofJpeg(Arrays.copyOf(good, 10))).isEqualTo(1);
    }

    private static byte[] jpeg(BufferedImage image) {
        return Pictures.encode(image, "jpeg");
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >> 8 & 0xff;
    }

    /** The JPEG with an APP1 segment right after SOI: "Exif\0\0", a TIFF header and IFD0 with one entry, 0x0112. */
    static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4)
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] payload = tiff.array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + payload.length;
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
