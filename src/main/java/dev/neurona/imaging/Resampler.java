package dev.neurona.imaging;

import java.awt.image.BufferedImage;

/**
 * The one resampler, for dataset images and prediction pictures alike. Shrinking averages the exact source area each
 * destination pixel covers (a box filter, like PIL's {@code BOX} or AWT's area averaging): every source pixel
 * contributes in proportion to its overlap, so thin strokes turn grey instead of vanishing or aliasing. Separable,
 * and fed one source row at a time, so a 40-megapixel photo never needs a second full-size buffer.
 */
public final class Resampler {

    private Resampler() {}

    /** How an axis grows; shrinking always averages areas. */
    private enum Enlarge {
        /** The same area average, so source pixels repeat as blocks: how images of a dataset ZIP are made. */
        BOX,
        /** Linear between pixel centres: a small drawing framed into a larger box stays smooth, not blocky. */
        LINEAR
    }

    /** One axis: destination pixel {@code d} is the sum of {@code weights[d][k] · source[first[d] + k]}. */
    private record Axis(int[] first, double[][] weights) {

        int last(int d) {
            return first[d] + weights[d].length - 1;
        }
    }

    /** Source rows, top to bottom: row {@code y} into {@code into}, channel after channel, one value per pixel. */
    private interface Rows {
        void read(int y, double[] into);
    }

    /**
     * The whole image as size×size pixels without keeping its aspect ratio, channel-first: one plane of luminance,
     * or with {@code rgb} three planes (all R, then all G, then all B); transparency counts as white. Models trained
     * on image files take pictures prepared by exactly this, so training and prediction see the same pixels.
     */
    public static byte[] resize(BufferedImage image, int size, boolean rgb) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        BufferedImage flat = ImageDecoder.flattenOntoWhite(image);
        int w = flat.getWidth();
        int[] pixels = new int[w];
        Rows rows = (y, into) -> {
            flat.getRGB(0, y, w, 1, pixels, 0, w);
            for (int x = 0; x < w; x++) {
                int p = pixels[x];
                if (rgb) {
                    into[x] = p >> 16 & 0xff;
                    into[w + x] = p >> 8 & 0xff;
                    into[2 * w + x] = p & 0xff;
                } else {
                    into[x] = Pixels.luma(p);
                }
            }
        };
        return Pixels.toBytes(resample(rows, rgb ? 3 : 1, w, flat.getHeight(), size, size, Enlarge.BOX));
    }

    /**
     * The {@code w×h} region at ({@code x0}, {@code y0}) of a row-major plane whose rows are {@code stride} values
     * long, as a {@code dw×dh} plane; enlarged linearly, because a box filter would turn a small drawing into blocks.
     */
    static double[] frame(float[] plane, int stride, int x0, int y0, int w, int h, int dw, int dh) {
        Rows rows = (y, into) -> {
            int from = (y0 + y) * stride + x0;
            for (int x = 0; x < w; x++) {
                into[x] = plane[from + x];
            }
        };
        return resample(rows, 1, w, h, dw, dh, Enlarge.LINEAR);
    }

    private static double[] resample(Rows rows, int channels, int w, int h, int dw, int dh, Enlarge enlarge) {
        if (w <= 0 || h <= 0 || dw <= 0 || dh <= 0) {
            throw new IllegalArgumentException("empty region " + w + "×" + h + " → " + dw + "×" + dh);
        }
        Axis across = axis(w, dw, enlarge);
        Axis down = axis(h, dh, enlarge);
        double[] row = new double[channels * w];
        double[] narrow = new double[channels * dw];
        double[] out = new double[channels * dw * dh];
        // the first destination row that this and later source rows still reach; both ends only move forward
        int open = 0;
        for (int y = 0; y < h; y++) {
            rows.read(y, row);
            for (int c = 0; c < channels; c++) {
                for (int d = 0; d < dw; d++) {
                    double[] weights = across.weights()[d];
                    int s = c * w + across.first()[d];
                    double sum = 0;
                    for (int k = 0; k < weights.length; k++) {
                        sum += weights[k] * row[s + k];
                    }
                    narrow[c * dw + d] = sum;
                }
            }
            while (open < dh && down.last(open) < y) {
                open++;
            }
            for (int d = open; d < dh && down.first()[d] <= y; d++) {
                double weight = down.weights()[d][y - down.first()[d]];
                for (int c = 0; c < channels; c++) {
                    int to = (c * dh + d) * dw;
                    for (int x = 0; x < dw; x++) {
                        out[to + x] += weight * narrow[c * dw + x];
                    }
                }
            }
        }
        return out;
    }

    private static Axis axis(int src, int dst, Enlarge enlarge) {
        return dst >= src && enlarge == Enlarge.LINEAR ? linear(src, dst) : box(src, dst);
    }

    /** Destination k covers source [k·src/dst, (k+1)·src/dst); weights are overlaps scaled to sum to 1. */
    private static Axis box(int src, int dst) {
        int[] first = new int[dst];
        double[][] weights = new double[dst][];
        for (int k = 0; k < dst; k++) {
            int s0 = (int) ((long) k * src / dst);
            int s1 = (int) Math.min(src, ((long) (k + 1) * src + dst - 1) / dst);
            double lo = (double) k * src / dst;
            double hi = (double) (k + 1) * src / dst;
            double[] w = new double[s1 - s0];
            for (int s = s0; s < s1; s++) {
                double overlap = Math.min(s + 1, hi) - Math.max(s, lo);
                w[s - s0] = Math.max(0, overlap) * dst / src;
            }
            first[k] = s0;
            weights[k] = w;
        }
        return new Axis(first, weights);
    }

    /** Pixel centres line up: destination centre d + 0.5 maps to source coordinate (d + 0.5)·src/dst. */
    private static Axis linear(int src, int dst) {
        int[] first = new int[dst];
        double[][] weights = new double[dst][];
        double scale = (double) src / dst;
        for (int d = 0; d < dst; d++) {
            double c = (d + 0.5) * scale - 0.5;
            int s0 = (int) Math.floor(c);
            double t = c - s0;
            if (s0 < 0) {
                s0 = 0;
                t = 0;
            }
            if (s0 >= src - 1) {
                first[d] = src - 1;
                weights[d] = new double[] {1};
            } else {
                first[d] = s0;
                weights[d] = new double[] {1 - t, t};
            }
        }
        return new Axis(first, weights);
    }
}
