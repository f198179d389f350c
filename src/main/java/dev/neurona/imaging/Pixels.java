package dev.neurona.imaging;

import java.awt.image.BufferedImage;

/** Reading an image's pixels as 0–255 values and writing such values back as bytes. */
final class Pixels {

    private Pixels() {}

    /**
     * ITU-R BT.601 luma, as PIL's {@code convert("L")} and most tutorials compute it. A grey pixel keeps its value
     * exactly: the weighted sum of three equal values can land a rounding step off, and then on the other side of a
     * half when areas are averaged.
     */
    static double luma(int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        return r == g && g == b ? r : 0.299 * r + 0.587 * g + 0.114 * b;
    }

    /** Luminance 0–255, row-major, transparency counted as white. */
    static float[] luminance(BufferedImage image) {
        BufferedImage rgb = ImageDecoder.flattenOntoWhite(image);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        float[] out = new float[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (float) luma(row[x]);
            }
        }
        return out;
    }

    static byte[] toBytes(double[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(values[i])));
        }
        return out;
    }
}
