package dev.neurona.dataset.format;

import dev.neurona.dataset.ImageSet;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads MNIST-style IDX pairs (an image file and a label file, each raw or gzipped), the format MNIST and
 * Fashion-MNIST are distributed in. Also owns the bounded gunzip the other readers share.
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    static final int IMAGES_HEADER = 16;
    static final int LABELS_HEADER = 8;
    static final int MAX_SIDE = 512;
    static final int MAX_COUNT = 2_000_000;
    static final long MAX_BYTES = 1L << 30;
    /** Tolerated junk after the declared data, e.g. padding some tools add; more than this means a wrong header. */
    static final int SLACK = 16;

    private IdxReader() {}

    public static ImageSet read(byte[] images, byte[] labels, String imagesField, String labelsField) {
        return read(images, labels, imagesField, labelsField, ImageBudget.unlimited());
    }

    /** As above, drawing the declared images from {@code budget} before the image file is decompressed. */
    public static ImageSet read(
            byte[] images, byte[] labels, String imagesField, String labelsField, ImageBudget budget) {
        byte[] imageBytes = decompressIfGzip(images, imagesField, IMAGES_HEADER, budget);
        byte[] labelBytes = decompressIfGzip(labels, labelsField, LABELS_HEADER, null);
        Header imageHeader = header(imageBytes, imagesField, IMAGES_HEADER);
        Header labelHeader = header(labelBytes, labelsField, LABELS_HEADER);
        checkMagic(imageHeader, imagesField, IMAGES_MAGIC, "image");
        checkMagic(labelHeader, labelsField, LABELS_MAGIC, "label");
        checkLimits(imageHeader, imagesField);
        checkLimits(labelHeader, labelsField);
        checkLength(imageBytes, imageHeader, imagesField);
        checkLength(labelBytes, labelHeader, labelsField);
        if (imageHeader.count != labelHeader.count) {
            throw new InvalidInputException(
                    labelsField,
                    "images hold " + imageHeader.count + " items, labels " + labelHeader.count
                            + "; upload the label file that belongs to this image file");
        }

        int count = imageHeader.count;
        int size = imageHeader.rows * imageHeader.cols;
        byte[] pixels = new byte[count * size];
        System.arraycopy(imageBytes, IMAGES_HEADER, pixels, 0, pixels.length);

        // Classes are the label values that occur, so a file holding only digits 3 and 7 gets two classes, not ten.
        int[] index = new int[256];
        Arrays.fill(index, -1);
        for (int i = 0; i < count; i++) {
            index[labelBytes[LABELS_HEADER + i] & 0xFF] = 0;
        }
        List<String> classes = new ArrayList<>();
        for (int value = 0; value < 256; value++) {
            if (index[value] == 0) {
                index[value] = classes.size();
                classes.add(Integer.toString(value));
            }
        }
        int[] classOf = new int[count];
        for (int i = 0; i < count; i++) {
            classOf[i] = index[labelBytes[LABELS_HEADER + i] & 0xFF];
        }
        return new ImageSet(1, imageHeader.rows, imageHeader.cols, pixels, classOf, classes);
    }

    /**
     * Decompresses {@code data}, refusing to produce more than {@code limit} bytes. The limit is enforced while
     * inflating, so a small upload that would expand to gigabytes (a decompression bomb) costs at most
     * {@code limit} bytes of memory.
     */
    static byte[] gunzipBounded(byte[] data, long limit, String field) {
        try (InputStream in = gunzipStream(data, limit, field)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    (int) Math.min(limit, Math.min(Integer.MAX_VALUE - 8L, Math.max(32, 4L * data.length))));
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw damagedGzip(field, e);
        }
    }

    /** A stream of the decompressed bytes that throws a 400 once it has produced more than {@code limit}. */
    static InputStream gunzipStream(byte[] data, long limit, String field) {
        if (!isGzip(data)) {
            throw new InvalidInputException(field, "not a gzip file (it does not start with the bytes 1f 8b)");
        }
        try {
            return new Limited(new GZIPInputStream(new ByteArrayInputStream(data), 64 * 1024), limit, field);
        } catch (IOException e) {
            throw damagedGzip(field, e);
        }
    }

    static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xFF) == 0x1F && (data[1] & 0xFF) == 0x8B;
    }

    static DomainException damagedGzip(String field, IOException e) {
        String why = e instanceof EOFException
                ? "it ends too early (truncated download?)"
                : e instanceof ZipException && e.getMessage() != null ? e.getMessage() : "it cannot be read";
        return new InvalidInputException(field, "the gzip data is damaged: " + why);
    }

    /** Magic, item count and (for images) rows and columns, as declared by the first bytes of the file. */
    private record Header(int magic, int count, int rows, int cols, int headerLength) {

        long declaredBytes() {
            return headerLength + (long) count * rows * cols;
        }
    }

    /**
     * Gunzips only after reading the declared size from the first bytes, so the bound is that size, not a generic
     * maximum: a bomb is refused after at most {@value #SLACK} bytes more than the header promised.
     */
    private static byte[] decompressIfGzip(byte[] data, String field, int headerLength, ImageBudget budget) {
        if (!isGzip(data)) {
            if (budget != null && data.length >= headerLength) {
                Header header = header(data, field, headerLength);
                if (header.magic == IMAGES_MAGIC) {
                    checkLimits(header, field);
                    take(budget, header, field);
                }
            }
            return data;
        }
        byte[] start = new byte[headerLength];
        int got;
        try (InputStream in = gunzipStream(data, headerLength, field)) {
            got = in.readNBytes(start, 0, headerLength);
        } catch (IOException e) {
            throw damagedGzip(field, e);
        }
        Header header = header(Arrays.copyOf(start, got), field, headerLength);
        boolean expected = header.magic == (headerLength == IMAGES_HEADER ? IMAGES_MAGIC : LABELS_MAGIC);
        if (!expected) {
            // reported by the caller, which knows which magic to name; no need to inflate the rest
            return Arrays.copyOf(start, got);
        }
        checkLimits(header, field);
        if (budget != null) {
            take(budget, header, field);
        }
        return gunzipDeclared(data, header.declaredBytes(), field);
    }

    /**
     * Inflates into an array that grows by doubling up to the declared size (checked against the limits above), never
     * beyond it: a gzip that declares the largest allowed upload but holds a few bytes costs a few bytes, not the
     * declared size up front, and a full one ends in an array of exactly the declared size (at most 1.5 times it
     * held while the last doubling copies). Up to {@value #SLACK} bytes more are tolerated and dropped, as
     * {@link #checkLength} tolerates them; beyond that the stream refuses; a shorter stream comes back short, for
     * {@link #checkLength} to report.
     */
    private static byte[] gunzipDeclared(byte[] data, long declared, String field) {
        int size = (int) declared;
        byte[] out = new byte[Math.min(size, 1 << 20)];
        int got = 0;
        try (InputStream in = gunzipStream(data, declared + SLACK, field)) {
            while (true) {
                int n = in.readNBytes(out, got, out.length - got);
                got += n;
                if (got < out.length) {
                    return Arrays.copyOf(out, got);
                }
                if (out.length == size) {
                    break;
                }
                out = Arrays.copyOf(out, (int) Math.min(size, 2L * out.length));
            }
            in.readNBytes(SLACK);
            if (in.read() >= 0) {
                throw new IllegalStateException("the bounded stream let more than its limit through");
            }
            return out;
        } catch (IOException e) {
            throw damagedGzip(field, e);
        }
    }

    private static void take(ImageBudget budget, Header header, String field) {
        budget.take(
                field,
                header.count,
                (long) header.rows * header.cols,
                "declares " + header.count + " images of " + header.rows + "×" + header.cols,
                "");
    }

    private static Header header(byte[] bytes, String field, int headerLength) {
        String what = headerLength == IMAGES_HEADER ? "image" : "label";
        if (bytes.length < 4) {
            throw new InvalidInputException(
                    field, "the file holds only " + bytes.length + " bytes, too short for an IDX " + what + " file");
        }
        int magic = readInt(bytes, 0);
        if (magic != (headerLength == IMAGES_HEADER ? IMAGES_MAGIC : LABELS_MAGIC)) {
            return new Header(magic, 0, 0, 0, headerLength);
        }
        if (bytes.length < headerLength) {
            throw new InvalidInputException(
                    field,
                    "the file holds only " + bytes.length + " bytes, too short for an IDX " + what + " header ("
                            + headerLength + " bytes)");
        }
        int count = readInt(bytes, 4);
        return headerLength == IMAGES_HEADER
                ? new Header(magic, count, readInt(bytes, 8), readInt(bytes, 12), headerLength)
                : new Header(magic, count, 1, 1, headerLength);
    }

    private static void checkMagic(Header header, String field, int expected, String what) {
        if (header.magic == expected) {
            return;
        }
        String hint = "";
        if (header.magic == IMAGES_MAGIC || header.magic == LABELS_MAGIC) {
            hint = "; this is an IDX " + (header.magic == IMAGES_MAGIC ? "image" : "label")
                    + " file: were the image and label files swapped?";
        }
        throw new InvalidInputException(
                field,
                String.format(
                        "not an IDX %s file: magic 0x%08X (expected 0x%08X)%s", what, header.magic, expected, hint));
    }

    private static void checkLimits(Header header, String field) {
        // read as signed ints: a count of 0xFFFFFFFF shows up as -1 and fails the same way as a huge one
        String items = header.headerLength == IMAGES_HEADER ? "images" : "labels";
        if (header.count < 1 || header.count > MAX_COUNT) {
            throw new InvalidInputException(
                    field,
                    "declares " + Integer.toUnsignedString(header.count) + " " + items
                            + "; an IDX file here must hold 1 to " + MAX_COUNT + " " + items);
        }
        if (header.headerLength == IMAGES_HEADER) {
            if (header.rows < 1 || header.rows > MAX_SIDE || header.cols < 1 || header.cols > MAX_SIDE) {
                throw new InvalidInputException(
                        field,
                        "declares images of " + Integer.toUnsignedString(header.rows) + "×"
                                + Integer.toUnsignedString(header.cols) + " pixels; rows and columns must be 1 to "
                                + MAX_SIDE);
            }
            if (header.declaredBytes() > MAX_BYTES) {
                throw new InvalidInputException(
                        field,
                        "declares " + header.count + " images of " + header.rows + "×" + header.cols + " ("
                                + header.declaredBytes() + " bytes), more than the 1 GiB limit");
            }
        }
    }

    private static void checkLength(byte[] bytes, Header header, String field) {
        long declared = header.declaredBytes();
        String what = header.headerLength == IMAGES_HEADER
                ? header.count + " images of " + header.rows + "×" + header.cols
                : header.count + " labels";
        if (bytes.length < declared) {
            throw new InvalidInputException(
                    field,
                    "declares " + what + " but holds only " + bytes.length + " bytes (needs " + declared
                            + "); the file is truncated");
        }
        if (bytes.length > declared + SLACK) {
            throw new InvalidInputException(
                    field,
                    "declares " + what + " (" + declared + " bytes) but holds " + bytes.length
                            + " bytes; the header does not match the data");
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    /** Counts what passes through and stops the read with a 400 past the limit. */
    private static final class Limited extends InputStream {

        private final InputStream in;
        private final long limit;
        private final String field;
        private final byte[] one = new byte[1];
        private long produced;

        Limited(InputStream in, long limit, String field) {
            this.in = in;
            this.limit = limit;
            this.field = field;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // ask for one byte past the limit so that "exactly at the limit" and "over it" can be told apart
            long allowed = limit - produced + 1;
            int n = in.read(b, off, (int) Math.min(len, allowed));
            if (n > 0) {
                produced += n;
                if (produced > limit) {
                    throw new InvalidInputException(
                            field,
                            "the gzip data expands to more than " + limit
                                    + " bytes, more than the file can hold; refusing it as a possible decompression bomb");
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
