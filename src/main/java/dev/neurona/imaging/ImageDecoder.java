package dev.neurona.imaging;

import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.InvalidInputException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The one way an uploaded PNG or JPEG becomes pixels, for the images of a dataset ZIP and the pictures sent for a
 * prediction alike: the format is sniffed, the size is read from the header and checked before any pixel buffer
 * exists (a few hundred bytes can claim 100,000×100,000 pixels), the pixels are decoded, and transparency is
 * composited onto white. A refusal names the picture itself (the empty field path); the caller puts its field in
 * front.
 */
public final class ImageDecoder {

    public static final int MAX_SIDE = 8192;
    public static final long MAX_PIXELS = 40_000_000L;

    /** Both limits, with the largest shapes they allow: 8192×8192 itself is over the pixel limit. */
    static final String LIMITS = "at most " + MAX_SIDE + " pixels on a side and "
            + String.format(Locale.ROOT, "%,d", MAX_PIXELS) + " pixels in all (e.g. " + MAX_SIDE + "×"
            + MAX_PIXELS / MAX_SIDE + " or " + (long) Math.sqrt(MAX_PIXELS) + "×" + (long) Math.sqrt(MAX_PIXELS) + ")";

    private static final String NOT_AN_IMAGE = "not a PNG or JPEG image";

    private ImageDecoder() {}

    /** A picture that the request field names, so messages have no subject: "not a PNG or JPEG image". */
    public static BufferedImage decode(byte[] bytes) {
        return decode(bytes, null);
    }

    /**
     * An opaque image (see {@link #flattenOntoWhite}). {@code name} is the file's name inside an upload (e.g.
     * {@code cat/1.png}), which then starts each message, since one field holds many files; null for a picture of its
     * own field.
     */
    public static BufferedImage decode(byte[] bytes, String name) {
        String format = sniff(bytes);
        if (format == null) {
            throw refused(name, NOT_AN_IMAGE, "is " + NOT_AN_IMAGE);
        }
        String kind = format.toUpperCase(Locale.ROOT);
        // by name, not by sniffing: ImageIO would also accept GIF, BMP and TIFF, which are not promised here
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        BufferedImage decoded;
        int orientation = ExifOrientation.UPRIGHT;
        // in memory: ImageIO.createImageInputStream would spool every upload to a temporary file
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw refused(name, NOT_AN_IMAGE + " (its header cannot be read)", damaged(kind, why(e)));
            }
            checkSize(width, height, name);
            decoded = readPixels(reader, name, kind);
            if ("jpeg".equals(format)) {
                orientation = ExifOrientation.ofJpeg(bytes);
            }
        } catch (IOException e) {
            // only close() can get here; the image is already decoded or refused
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
        // the JPEG decoder fills a cut-off file with grey and only warns; grey would pass for ink or for a photo
        for (String warning : warnings) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("truncated") || w.contains("premature end")) {
                throw refused(
                        name, NOT_AN_IMAGE + " that can be decoded: the file is cut off", damaged(kind, "cut off"));
            }
        }
        try {
            return ExifOrientation.upright(flattenOntoWhite(decoded), orientation);
        } catch (OutOfMemoryError e) {
            throw refused(
                    name,
                    "the image is too large to process in the memory available",
                    "is too large to process in the memory available");
        }
    }

    /**
     * How many pixels the picture says it has (width × height from its header, no pixel decoded), so a request's
     * pictures can be weighed before any of them takes memory. A picture over the per-image limits is refused here
     * as {@link #decode} would refuse it; 0 when it is no PNG or JPEG or its header cannot be read ({@link #decode}
     * then says why).
     */
    public static long pixels(byte[] bytes) {
        String format = sniff(bytes);
        if (format == null) {
            return 0;
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            return 0;
        }
        ImageReader reader = readers.next();
        int width;
        int height;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        } finally {
            reader.dispose();
        }
        if (width <= 0 || height <= 0) {
            return 0;
        }
        checkSize(width, height, null);
        return (long) width * height;
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

    private static void checkSize(int width, int height, String name) {
        String size = width + "×" + height + " pixels";
        if (width <= 0 || height <= 0) {
            throw refused(name, NOT_AN_IMAGE + " (it claims " + size + ")", "has no pixels");
        }
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw refused(name, size + " is too large; " + LIMITS, "is " + size + "; images may be " + LIMITS);
        }
    }

    private static BufferedImage readPixels(ImageReader reader, String name, String kind) {
        try {
            return reader.read(0);
        } catch (OutOfMemoryError e) {
            throw refused(
                    name,
                    "the image is too large to decode in the memory available",
                    "is too large to decode in the memory available");
        } catch (IOException | RuntimeException e) {
            // damaged data surfaces as IIOException or, from deep inside the decoders, as assorted runtime exceptions
            throw refused(
                    name, NOT_AN_IMAGE + " that can be decoded: the data is damaged or cut off", damaged(kind, why(e)));
        }
    }

    private static String damaged(String kind, String why) {
        return "is a damaged or unsupported " + kind + " image (" + why + ")";
    }

    private static String why(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A picture's own field names it, so its message has no subject; a file among many is named first. */
    private static DomainException refused(String name, String picture, String file) {
        return new InvalidInputException("", name == null ? picture : name + " " + file);
    }

    /**
     * An image whose {@code getRGB} gives what a viewer shows on a white page: the image itself when it is opaque
     * colour (a photo: no copy of 40 megapixels), else an opaque RGB copy with any transparency composited onto white.
     * A browser canvas exports untouched pixels as transparent black (alpha 0, RGB 0), so reading RGB alone would
     * turn the whole background into ink.
     */
    static BufferedImage flattenOntoWhite(BufferedImage src) {
        ColorModel cm = src.getColorModel();
        if (!cm.hasAlpha() && cm.getColorSpace().getType() == ColorSpace.TYPE_RGB) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
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
     * getRGB and drawImage on a grey image would brighten them (128 becomes 188). Copy the samples as they are.
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
}
