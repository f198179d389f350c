package dev.neurona.imaging;

import dev.neurona.platform.problem.InvalidInputException;
import java.awt.image.BufferedImage;

/**
 * The ink of a drawing as a bright-on-black plane (background 0, darkest ink 255) and its bounding box. Polarity is
 * read from the border, where a drawing rarely reaches: a light border means dark ink on light paper. An empty
 * canvas is refused on the picture itself (the empty field path).
 */
record InkCrop(float[] plane, int stride, int x0, int y0, int width, int height) {

    static final String EMPTY = "the image has no drawing on it";
    /** Ink must stand out from the background by this much (of 255) or the canvas is empty; JPEG noise does not. */
    private static final float MIN_CONTRAST = 32f;
    /** After normalising the contrast, pixels below this fraction of the darkest ink are background (paper, noise). */
    private static final float INK_FRACTION = 0.10f;

    static InkCrop find(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] g = Pixels.luminance(image);
        float border = borderMedian(g, w, h);
        if (border >= 128) {
            for (int i = 0; i < g.length; i++) {
                g[i] = 255 - g[i];
            }
            border = 255 - border;
        }
        float peak = 0;
        for (float v : g) {
            peak = Math.max(peak, v);
        }
        float contrast = peak - border;
        if (contrast < MIN_CONTRAST) {
            throw new InvalidInputException("", EMPTY);
        }
        // Subtracting the background and stretching makes grey paper and pencil look like the black background
        // and full-white ink of the training images; what stays faint is noise, not ink.
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float v = (g[i] - border) / contrast;
                if (v <= INK_FRACTION) {
                    g[i] = 0;
                    continue;
                }
                g[i] = Math.min(255f, v * 255f);
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        if (maxX < 0) {
            throw new InvalidInputException("", EMPTY);
        }
        return new InkCrop(g, w, minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    private static float borderMedian(float[] g, int w, int h) {
        // Values are 0..255, so a histogram gives the median without sorting the border.
        int[] histogram = new int[256];
        int count = 0;
        for (int x = 0; x < w; x++) {
            histogram[Math.round(g[x])]++;
            histogram[Math.round(g[(h - 1) * w + x])]++;
            count += 2;
        }
        for (int y = 1; y < h - 1; y++) {
            histogram[Math.round(g[y * w])]++;
            histogram[Math.round(g[y * w + w - 1])]++;
            count += 2;
        }
        int seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += histogram[v];
            if (seen * 2 >= count) {
                return v;
            }
        }
        return 255;
    }
}
