package dev.neurona.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.support.TestData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.zip.CRC32;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Pictures for the imaging tests: drawn, encoded as a browser or a camera would, and decoded. */
final class Pictures {

    private Pictures() {}

    static BufferedImage blank(Color background) {
        BufferedImage image = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, 280, 280);
        g.dispose();
        return image;
    }

    static BufferedImage seven(Color background, Color ink) {
        BufferedImage image = blank(background);
        drawSeven(image, ink);
        return image;
    }

    /** A thick "7" in the upper left, well off centre, with margins on all sides. */
    static void drawSeven(BufferedImage image, Color ink) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(ink);
        g.setStroke(new BasicStroke(16, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawPolyline(new int[] {40, 150, 80}, new int[] {50, 50, 210}, 3);
        g.dispose();
    }

    static byte[] encode(BufferedImage image, String format) {
        return TestData.image(image, format);
    }

    static byte[] encodePng(BufferedImage image) {
        return encode(image, "png");
    }

    /** The image as it comes back from an upload: PNG-encoded, then decoded. */
    static BufferedImage decodePng(BufferedImage image) {
        return ImageDecoder.decode(encodePng(image));
    }

    /** Rewrites width and height in the IHDR chunk (right after the 8-byte signature) and its CRC. */
    static byte[] withSize(byte[] png, int width, int height) {
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

    /** A 400 about the picture itself: the empty field path, which the caller fills in with its field. */
    static void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e).isInstanceOf(InvalidInputException.class);
            assertThat(e.errors()).hasSize(1);
            assertThat(e.errors().get(0).field()).isEmpty();
            assertThat(e.errors().get(0).message()).startsWith(message);
        });
    }
}
