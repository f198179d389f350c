package dev.neurona.report;

import dev.neurona.dataset.ImageSet;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/** Dataset images as PNG: one at its own size (base64, for JSON), or a captioned grid of enlarged thumbnails. */
final class Thumbnails {

    private static final int COLUMNS = 10;
    private static final int GAP = 6;
    private static final int CAPTION = 14;
    /** Thumbnails are enlarged by a whole factor until they are at least this wide, so 28×28 digits become 56×56. */
    private static final int MIN_SIDE = 56;

    private Thumbnails() {}

    static String pngBase64(ImageSet images, int i) {
        return Base64.getEncoder().encodeToString(png(image(images, i)));
    }

    /** The images in rows of ten on a white page, each with its caption underneath. */
    static byte[] grid(ImageSet images, List<String> captions) {
        int scale = Math.max(
                1,
                (MIN_SIDE + Math.max(images.width(), images.height()) - 1) / Math.max(images.width(), images.height()));
        int w = images.width() * scale;
        int h = images.height() * scale;
        int tileWidth = Math.max(w, 72);
        int columns = Math.max(1, Math.min(COLUMNS, images.count()));
        int rows = Math.max(1, (images.count() + columns - 1) / columns);
        BufferedImage grid = new BufferedImage(
                columns * (tileWidth + GAP) + GAP, rows * (h + CAPTION + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < images.count(); i++) {
                int left = GAP + (i % columns) * (tileWidth + GAP);
                int top = GAP + (i / columns) * (h + CAPTION + GAP);
                g.drawImage(image(images, i), left + (tileWidth - w) / 2, top, w, h, null);
                String caption = captions.get(i);
                g.setColor(Color.DARK_GRAY);
                g.drawString(
                        caption,
                        left + Math.max(0, (tileWidth - metrics.stringWidth(caption)) / 2),
                        top + h + metrics.getAscent() + 1);
            }
        } finally {
            g.dispose();
        }
        return png(grid);
    }

    private static BufferedImage image(ImageSet images, int i) {
        BufferedImage image = new BufferedImage(images.width(), images.height(), BufferedImage.TYPE_INT_RGB);
        int plane = images.height() * images.width();
        int offset = i * images.imageSize();
        byte[] pixels = images.pixels();
        for (int p = 0; p < plane; p++) {
            int r = pixels[offset + p] & 0xFF;
            int g = images.channels() == 3 ? pixels[offset + plane + p] & 0xFF : r;
            int b = images.channels() == 3 ? pixels[offset + 2 * plane + p] & 0xFF : r;
            image.setRGB(p % images.width(), p / images.width(), (r << 16) | (g << 8) | b);
        }
        return image;
    }

    private static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
