package dev.neurona.hostile;

import dev.neurona.support.TestData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Valid files of every upload format, small enough to build hundreds of broken variants from: the hostile corpus
 * starts from these and damages them in one specific way each.
 */
public final class HostileFiles {

    static final int SIDE = 28;

    private HostileFiles() {}

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The blobs table (x1, x2, color, cls), no quoted fields, so every separator is a real one. */
    static byte[] csv() {
        return utf8(TestData.blobs(10, 99));
    }

    /** A white bar on black: vertical for class 0, horizontal for class 1. */
    public static byte[] bar(boolean vertical, int at) {
        byte[] image = new byte[SIDE * SIDE];
        for (int i = 5; i < 23; i++) {
            for (int w = 0; w < 3; w++) {
                image[vertical ? i * SIDE + at + w : (at + w) * SIDE + i] = (byte) 255;
            }
        }
        return image;
    }

    public static byte[] idxImages(int count) {
        return idxImages(count, SIDE, SIDE);
    }

    /** An IDX image file whose header declares count × rows × cols, with bars as data when it is 28×28. */
    static byte[] idxImages(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            b.put(rows == SIDE && cols == SIDE ? bar(i % 2 == 0, 4 + i % 20) : new byte[rows * cols]);
        }
        return b.array();
    }

    public static byte[] idxLabels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % 2));
        }
        return b.array();
    }

    /** Only the 16-byte header of an image file: the data is whatever the header says, none of it present. */
    static byte[] idxHeader(int magic, int count, int rows, int cols) {
        return ByteBuffer.allocate(16)
                .putInt(magic)
                .putInt(count)
                .putInt(rows)
                .putInt(cols)
                .array();
    }

    /** A .npy file with the given header dictionary, padded as numpy pads it, followed by {@code data}. */
    static byte[] npy(String dict, byte[] data) {
        return npy(1, dict, data);
    }

    static byte[] npy(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        StringBuilder header = new StringBuilder(dict);
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).put(data).array();
    }

    /** {@code count} bar images of 28×28 as a (count, 784) uint8 array. */
    static byte[] npy(int count) {
        return npy(npyDict("(" + count + ", 784)"), npyData(count));
    }

    static String npyDict(String shape) {
        return "{'descr': '|u1', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    static byte[] npyData(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(bar(i % 2 == 1, 4 + i % 20));
        }
        return out.toByteArray();
    }

    /** One Quick, Draw! simplified drawing per line. */
    static byte[] ndjson(int drawings) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < drawings; i++) {
            out.append("{\"word\":\"bar\",\"countrycode\":\"DE\",\"recognized\":true,\"drawing\":[[[0,")
                    .append(40 + i)
                    .append(",255],[0,")
                    .append(100 + i)
                    .append(",200]]]}\n");
        }
        return utf8(out.toString());
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A ZIP with the entries in the given order; names ending in / are folders. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                if (!e.getKey().endsWith("/")) {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A valid two-class ZIP (a/ and b/, two PNGs each). */
    static byte[] imageZip() {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("a/1.png", png(40, 30, true));
        entries.put("a/2.png", png(40, 30, true));
        entries.put("b/1.png", png(40, 30, false));
        entries.put("b/2.png", png(40, 30, false));
        return zip(entries);
    }

    /** A dark line on a white page, vertical or horizontal. */
    static byte[] png(int width, int height, boolean vertical) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(Math.max(2, width / 20f)));
        if (vertical) {
            g.drawLine(width / 2, height / 8, width / 2, height * 7 / 8);
        } else {
            g.drawLine(width / 8, height / 2, width * 7 / 8, height / 2);
        }
        g.dispose();
        return encode(page, "png");
    }

    static byte[] jpeg(int width, int height) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return encode(page, "jpeg");
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A PNG whose header claims width × height (grayscale, 8 bit) followed by one tiny IDAT: the few hundred bytes
     * with which an upload can ask a decoder for gigabytes.
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(
                out,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) 8)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1024]);
        deflater.finish();
        byte[] idat = new byte[2048];
        int n = deflater.deflate(idat);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The first {@code length} bytes. */
    static byte[] cut(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    /** A copy with bit {@code bit} of byte {@code at} flipped. */
    static byte[] flip(byte[] bytes, int at, int bit) {
        byte[] copy = bytes.clone();
        copy[at] ^= (byte) (1 << bit);
        return copy;
    }

    /** A copy with {@code insert} placed before byte {@code at}. */
    static byte[] insert(byte[] bytes, int at, byte[] insert) {
        ByteBuffer b = ByteBuffer.allocate(bytes.length + insert.length);
        return b.put(bytes, 0, at).put(insert).put(bytes, at, bytes.length - at).array();
    }

    static byte[] random(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        // a random file that happens to start like a ZIP, PNG or gzip would take another reader's path
        bytes[0] = (byte) 0xFE;
        return bytes;
    }
}
