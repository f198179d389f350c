package dev.neurona.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A PNG with one row per class and its first images side by side, scaled up so a person can see them. */
final class SampleGrid {

    private static final int SCALE = 2;
    private static final int GAP = 2;

    private SampleGrid() {}

    static byte[] png(ImageSet images, int perClass) {
        int h = images.height() * SCALE;
        int w = images.width() * SCALE;
        int rows = images.classes().size();
        BufferedImage grid =
                new BufferedImage(perClass * (w + GAP) + GAP, rows * (h + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        int[] shown = new int[rows];
        int plane = images.height() * images.width();
        for (int i = 0; i < images.count(); i++) {
            int cls = images.labels()[i];
            if (shown[cls] >= perClass) {
                continue;
            }
            int left = GAP + shown[cls]++ * (w + GAP);
            int top = GAP + cls * (h + GAP);
            int offset = i * images.imageSize();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = (y / SCALE) * images.width() + x / SCALE;
                    int r = images.pixels()[offset + p] & 0xFF;
                    int g = images.channels() == 3 ? images.pixels()[offset + plane + p] & 0xFF : r;
                    int b = images.channels() == 3 ? images.pixels()[offset + 2 * plane + p] & 0xFF : r;
                    grid.setRGB(left + x, top + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(grid, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
