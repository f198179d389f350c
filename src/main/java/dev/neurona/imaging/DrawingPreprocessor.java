package dev.neurona.imaging;

import dev.neurona.platform.problem.ApiException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns an uploaded picture into the pixels a model was trained on. Digits are made the way MNIST made them (ink
 * cropped, scaled into a 20×20 box, placed by centre of mass); doodles the way Google's Quick, Draw! bitmaps look;
 * everything else is a plain resize.
 */
public final class DrawingPreprocessor {

    static final int MAX_SIDE = 8192;
    static final long MAX_PIXELS = 40_000_000L;

    private static final int SIZE = 28;
    /** MNIST, measured: every digit's ink has a longest side of 20 px; centres of mass average (14.0, 14.0). */
    private static final int MNIST_BOX = 20;

    private static final int MNIST_CENTRE = 14;
    /**
     * Quick, Draw! bitmaps, measured on the files in shared/data/quickdraw: the ink's longest side is 26 px (one empty
     * pixel each side) and its bounding box is centred, at 13.5 on both axes in over 99% of drawings.
     */
    private static final int QUICKDRAW_BOX = 26;

    private static final String NOT_AN_IMAGE = "not a PNG or JPEG image";

    private DrawingPreprocessor() {}

    /**
     * Decodes a PNG or JPEG into an opaque {@code TYPE_INT_RGB} image, transparency composited onto white. The size
     * is read from the header first so that a small file claiming a huge size never gets a pixel buffer.
     */
    public static BufferedImage decode(byte[] bytes, String field) {
        String format = sniff(bytes);
        if (format == null) {
            throw ApiException.invalid(field, NOT_AN_IMAGE);
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName(format).next();
        List<String> warnings = new ArrayList<>();
        BufferedImage decoded;
        // In memory: ImageIO.createImageInputStream would cache an upload in a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw ApiException.invalid(field, NOT_AN_IMAGE + " (its header cannot be read)");
            }
            checkSize(width, height, field);
            decoded = readPixels(reader, field);
        } catch (IOException e) {
            // Only close() can get here; the image is already decoded or refused.
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
        // The JPEG decoder fills a cut-off file with grey and only warns; grey would pass for ink.
        for (String warning : warnings) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("truncated") || w.contains("premature end")) {
                throw ApiException.invalid(field, NOT_AN_IMAGE + " that can be decoded: the file is cut off");
            }
        }
        try {
            return flattenOntoWhite(decoded);
        } catch (OutOfMemoryError e) {
            throw ApiException.invalid(field, "the image is too large to process in the memory available");
        }
    }

    private static String sniff(byte[] b) {
        if (b == null) {
            return null;
        }
        if (b.length >= 8
                && (b[0] & 0xff) == 0x89
                && b[1] == 'P'
                && b[2] == 'N'
                && b[3] == 'G'
                && b[4] == '\r'
                && b[5] == '\n'
                && b[6] == 0x1a
                && b[7] == '\n') {
            return "png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        return null;
    }

    private static void checkSize(int width, int height, String field) {
        String size = width + "×" + height + " pixels";
        if (width <= 0 || height <= 0) {
            throw ApiException.invalid(field, NOT_AN_IMAGE + " (it claims " + size + ")");
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw ApiException.invalid(field, size + " is too large; at most " + MAX_SIDE + "×" + MAX_SIDE);
        }
        if ((long) width * height > MAX_PIXELS) {
            throw ApiException.invalid(
                    field, size + " is too large; at most " + MAX_PIXELS / 1_000_000 + " megapixels");
        }
    }

    private static BufferedImage readPixels(ImageReader reader, String field) {
        try {
            return reader.read(0);
        } catch (OutOfMemoryError e) {
            throw ApiException.invalid(field, "the image is too large to decode in the memory available");
        } catch (IOException | RuntimeException e) {
            // Damaged data surfaces as IIOException or, from deep inside the decoders, as assorted runtime exceptions.
            throw ApiException.invalid(field, NOT_AN_IMAGE + " that can be decoded: the data is damaged or cut off");
        }
    }

    /**
     * An opaque RGB copy with any transparency composited onto white. A browser canvas exports untouched pixels as
     * transparent black (alpha 0, RGB 0), so reading RGB alone would turn the whole background into ink.
     */
    static BufferedImage flattenOntoWhite(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ColorModel cm = src.getColorModel();
        if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            flattenGray(src, out);
            return out;
        }
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Grey PNGs and JPEGs store gamma-encoded values, but Java tags them with a linear grey colour space, so
     * getRGB and drawImage on a grey-with-alpha image would brighten them (128 becomes 188). Copy the samples as
     * they are.
     */
    private static void flattenGray(BufferedImage src, BufferedImage out) {
        ColorModel cm = src.getColorModel();
        Raster raster = src.getRaster();
        int w = src.getWidth();
        int bands = raster.getNumBands();
        float max = (1 << cm.getComponentSize(0)) - 1;
        float alphaMax = cm.hasAlpha() ? (1 << cm.getComponentSize(bands - 1)) - 1 : 1;
        boolean premultiplied = cm.isAlphaPremultiplied();
        int[] samples = new int[w * bands];
        int[] rgb = new int[w];
        for (int y = 0; y < src.getHeight(); y++) {
            raster.getPixels(0, y, w, 1, samples);
            for (int x = 0; x < w; x++) {
                float v = samples[x * bands] * 255f / max;
                if (cm.hasAlpha()) {
                    float a = samples[x * bands + bands - 1] / alphaMax;
                    v = premultiplied ? v + 255f * (1 - a) : v * a + 255f * (1 - a);
                }
                int g = Math.min(255, Math.round(v));
                rgb[x] = g << 16 | g << 8 | g;
            }
            out.setRGB(0, y, w, 1, rgb, 0, w);
        }
    }

    /** Luminance 0..255 (ITU-R 601 weights, as PIL's {@code convert("L")}), row-major; transparency counts as white. */
    static float[] grayscale(BufferedImage image) {
        BufferedImage rgb = flattenOntoWhite(image);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        float[] out = new float[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                out[y * w + x] = 0.299f * (p >> 16 & 0xff) + 0.587f * (p >> 8 & 0xff) + 0.114f * (p & 0xff);
            }
        }
        return out;
    }

    /** 28×28 bytes, white ink on black, made the way MNIST digits were: 20 px box, centre of mass at (14, 14). */
    public static byte[] mnistStyle(BufferedImage image, String field) {
        InkCrop ink = InkCrop.find(image, field);
        int[] size = fit(ink.width(), ink.height(), MNIST_BOX);
        float[] box = Resampler.resample(
                ink.plane(), ink.stride(), ink.x0(), ink.y0(), ink.width(), ink.height(), size[0], size[1]);
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < size[1]; y++) {
            for (int x = 0; x < size[0]; x++) {
                float v = box[y * size[0] + x];
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        if (mass <= 0) {
            throw ApiException.invalid(field, InkCrop.EMPTY);
        }
        int dx = (int) Math.round(MNIST_CENTRE - mx / mass);
        int dy = (int) Math.round(MNIST_CENTRE - my / mass);
        return place(box, size[0], size[1], dx, dy);
    }

    /** 28×28 bytes for doodle models, as Quick, Draw! bitmaps: ink's longest side 26 px, bounding box centred. */
    public static byte[] fillStyle(BufferedImage image, String field) {
        InkCrop ink = InkCrop.find(image, field);
        int[] size = fit(ink.width(), ink.height(), QUICKDRAW_BOX);
        float[] box = Resampler.resample(
                ink.plane(), ink.stride(), ink.x0(), ink.y0(), ink.width(), ink.height(), size[0], size[1]);
        return place(box, size[0], size[1], (SIZE - size[0]) / 2, (SIZE - size[1]) / 2);
    }

    /**
     * A plain {@code size×size} resize by area averaging, no cropping or polarity change, for models trained on
     * image files: one byte per pixel, or with {@code rgb} three planes (all R, then all G, then all B).
     */
    public static byte[] resize(BufferedImage image, int size, boolean rgb) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (!rgb) {
            return toBytes(Resampler.resample(grayscale(image), w, 0, 0, w, h, size, size));
        }
        BufferedImage flat = flattenOntoWhite(image);
        float[][] planes = new float[3][w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            flat.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                planes[0][y * w + x] = row[x] >> 16 & 0xff;
                planes[1][y * w + x] = row[x] >> 8 & 0xff;
                planes[2][y * w + x] = row[x] & 0xff;
            }
        }
        byte[] out = new byte[3 * size * size];
        for (int c = 0; c < 3; c++) {
            byte[] plane = toBytes(Resampler.resample(planes[c], w, 0, 0, w, h, size, size));
            System.arraycopy(plane, 0, out, c * size * size, plane.length);
        }
        return out;
    }

    /**
     * A PNG of {@code size×size} pixels, base64, so users can see what the model saw: grey for {@code size²} bytes,
     * colour for {@code 3·size²} bytes in the channel-first layout {@link #resize} produces.
     */
    public static String toPngBase64(byte[] pixels, int size) {
        int n = size * size;
        BufferedImage image;
        if (size > 0 && pixels.length == n) {
            image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            System.arraycopy(pixels, 0, data, 0, n);
        } else if (size > 0 && pixels.length == 3 * n) {
            image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < n; i++) {
                int r = pixels[i] & 0xff;
                int g = pixels[n + i] & 0xff;
                int b = pixels[2 * n + i] & 0xff;
                image.setRGB(i % size, i / size, r << 16 | g << 8 | b);
            }
        } else {
            throw new IllegalArgumentException(pixels.length + " bytes is not a " + size + "×" + size + " image");
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory", e);
        }
        return Base64.getEncoder().encodeToString(png.toByteArray());
    }

    /** Keeps the aspect ratio: the longest side becomes {@code box}, the other at least 1 px. */
    private static int[] fit(int w, int h, int box) {
        int longest = Math.max(w, h);
        return new int[] {
            Math.max(1, (int) Math.round((double) w * box / longest)),
            Math.max(1, (int) Math.round((double) h * box / longest)),
        };
    }

    /** Copies a {@code w×h} plane into a black 28×28 image at offset (dx, dy), dropping what falls outside. */
    private static byte[] place(float[] box, int w, int h, int dx, int dy) {
        float[] canvas = new float[SIZE * SIZE];
        for (int y = 0; y < h; y++) {
            int ty = y + dy;
            if (ty < 0 || ty >= SIZE) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int tx = x + dx;
                if (tx >= 0 && tx < SIZE) {
                    canvas[ty * SIZE + tx] = box[y * w + x];
                }
            }
        }
        return toBytes(canvas);
    }

    private static byte[] toBytes(float[] plane) {
        byte[] out = new byte[plane.length];
        for (int i = 0; i < plane.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(plane[i])));
        }
        return out;
    }
}
