package dev.neurona.imaging;

import dev.neurona.dataset.format.ImageZipReader;
import dev.neurona.platform.problem.ApiException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Decodes uploaded PNG and JPEG images safely and shrinks (or enlarges) them to the small squares models take. */
public final class ImageResizer {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private ImageResizer() {}

    /**
     * Decodes a PNG or JPEG, reading its dimensions from the header first: a few hundred bytes can declare an image
     * of 100,000×100,000 pixels, and decoding it would allocate tens of gigabytes before noticing the data is short.
     */
    public static BufferedImage decode(String name, byte[] bytes) {
        String format = startsWith(bytes, PNG) ? "png" : startsWith(bytes, JPEG) ? "jpeg" : null;
        if (format == null) {
            throw ApiException.invalid(ImageZipReader.FIELD, name + " is not a PNG or JPEG image");
        }
        // by name, not by sniffing: ImageIO would also accept GIF, BMP and TIFF, which are not promised here
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        // a memory cache: the default stream would spool every upload to a temporary file
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width > ImageZipReader.MAX_SIDE
                    || height > ImageZipReader.MAX_SIDE
                    || (long) width * height > ImageZipReader.MAX_PIXELS) {
                throw ApiException.invalid(
                        ImageZipReader.FIELD,
                        name + " is " + width + "×" + height + " pixels;"
                                + " images may be at most " + ImageZipReader.MAX_SIDE + "×" + ImageZipReader.MAX_SIDE
                                + " and " + ImageZipReader.MAX_PIXELS / 1_000_000 + " megapixels");
            }
            if (width < 1 || height < 1) {
                throw ApiException.invalid(ImageZipReader.FIELD, name + " has no pixels");
            }
            return reader.read(0);
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO signals broken files with IIOException but also with assorted runtime exceptions
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw ApiException.invalid(
                    ImageZipReader.FIELD,
                    name + " is a damaged or unsupported " + (format.equals("png") ? "PNG" : "JPEG") + " image (" + why
                            + ")");
        } finally {
            reader.dispose();
        }
    }

    /**
     * The image as size×size pixels, channel-first (1 channel of luminance, or R, G, B), each target pixel the
     * average of the source area it covers. Separable, one source row at a time, so memory stays at one row.
     */
    public static byte[] resize(BufferedImage image, int size, boolean rgb) {
        int w = image.getWidth();
        int h = image.getHeight();
        int channels = rgb ? 3 : 1;
        Spans across = new Spans(w, size);
        double[] row = new double[channels * w];
        double[] shrunkRow = new double[channels * size];
        double[] sum = new double[channels * size * size];
        for (int y = 0; y < h; y++) {
            readRow(image, y, row, rgb);
            Arrays.fill(shrunkRow, 0);
            for (int x = 0; x < w; x++) {
                for (int k = across.first[x]; k <= across.last[x]; k++) {
                    double weight = Spans.overlap(x, k, w, size);
                    for (int c = 0; c < channels; c++) {
                        shrunkRow[c * size + k] += weight * row[c * w + x];
                    }
                }
            }
            int firstRow = Spans.firstTarget(y, h, size);
            int lastRow = Spans.lastTarget(y, h, size);
            for (int k = firstRow; k <= lastRow; k++) {
                double weight = Spans.overlap(y, k, h, size);
                for (int c = 0; c < channels; c++) {
                    int to = (c * size + k) * size;
                    for (int x = 0; x < size; x++) {
                        sum[to + x] += weight * shrunkRow[c * size + x];
                    }
                }
            }
        }
        byte[] out = new byte[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(sum[i])));
        }
        return out;
    }

    /**
     * One row as 0–255 values, channel after channel, transparency composited over white. Gray images are read
     * from their samples: {@code getRGB} would treat their values as linear light and brighten mid-greys.
     */
    private static void readRow(BufferedImage image, int y, double[] row, boolean rgb) {
        int w = image.getWidth();
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
            Raster raster = image.getRaster();
            double grayMax = (1 << model.getComponentSize(0)) - 1;
            int[] gray = raster.getSamples(0, y, w, 1, 0, (int[]) null);
            int[] alpha =
                    model.hasAlpha() ? raster.getSamples(0, y, w, 1, raster.getNumBands() - 1, (int[]) null) : null;
            double alphaMax = model.hasAlpha() ? (1 << model.getComponentSize(raster.getNumBands() - 1)) - 1 : 1;
            for (int x = 0; x < w; x++) {
                double value = gray[x] * 255 / grayMax;
                if (alpha != null) {
                    double a = alpha[x] / alphaMax;
                    value = value * a + 255 * (1 - a);
                }
                for (int c = 0; c < (rgb ? 3 : 1); c++) {
                    row[c * w + x] = value;
                }
            }
            return;
        }
        int[] argb = image.getRGB(0, y, w, 1, null, 0, w);
        for (int x = 0; x < w; x++) {
            int p = argb[x];
            double a = (p >>> 24) / 255.0;
            double r = ((p >> 16) & 0xFF) * a + 255 * (1 - a);
            double g = ((p >> 8) & 0xFF) * a + 255 * (1 - a);
            double b = (p & 0xFF) * a + 255 * (1 - a);
            if (rgb) {
                row[x] = r;
                row[w + x] = g;
                row[2 * w + x] = b;
            } else {
                // ITU-R BT.601 luma, as PIL's convert("L") and most tutorials compute it
                row[x] = 0.299 * r + 0.587 * g + 0.114 * b;
            }
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * Which target pixels each source pixel overlaps when {@code from} pixels are mapped onto {@code to}: target k
     * covers source [k·from/to, (k+1)·from/to). Weights are overlaps scaled so each target's weights sum to 1.
     */
    private static final class Spans {

        final int[] first;
        final int[] last;

        Spans(int from, int to) {
            first = new int[from];
            last = new int[from];
            for (int s = 0; s < from; s++) {
                first[s] = firstTarget(s, from, to);
                last[s] = lastTarget(s, from, to);
            }
        }

        static int firstTarget(int s, int from, int to) {
            return (int) ((long) s * to / from);
        }

        static int lastTarget(int s, int from, int to) {
            // the target holding the source pixel's right edge, unless that edge falls exactly on a boundary
            return (int) Math.min(to - 1, ((long) (s + 1) * to - 1) / from);
        }

        static double overlap(int s, int k, int from, int to) {
            double start = Math.max(s, (double) k * from / to);
            double end = Math.min(s + 1, (double) (k + 1) * from / to);
            return Math.max(0, end - start) * to / from;
        }
    }
}
