package dev.neurona.dataset.format;

import static dev.neurona.dataset.format.IdxReaderTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.ImageSet;
import dev.neurona.imaging.ImageDecoder;
import dev.neurona.imaging.Resampler;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.support.TestData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ImageZipReaderTest {

    private static final int ENTRIES = 1000;
    private static final long BYTES = 50_000_000;

    private static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        return TestData.image(image, format);
    }

    private static byte[] png(Color color) {
        return encode(solid(5, 3, color), "png");
    }

    /** A grey PNG (one 8-bit channel) whose columns hold the given values. */
    private static byte[] grayColumns(int height, int... values) {
        BufferedImage image = new BufferedImage(values.length, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < values.length; x++) {
                image.getRaster().setSample(x, y, 0, values[x]);
            }
        }
        return encode(image, "png");
    }

    /** A ZIP of name/bytes pairs; null bytes make a directory entry. */
    static byte[] zip(Charset charset, Object... nameThenBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, charset)) {
            for (int i = 0; i < nameThenBytes.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) nameThenBytes[i]));
                if (nameThenBytes[i + 1] != null) {
                    zip.write((byte[]) nameThenBytes[i + 1]);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] zip(Object... nameThenBytes) {
        return zip(StandardCharsets.UTF_8, nameThenBytes);
    }

    private static ImageSet read(byte[] zip, int size) {
        return ImageZipReader.read(zip, size, false, ENTRIES, BYTES);
    }

    private static String message(byte[] zip) {
        FieldProblem p = problem(() -> read(zip, 4));
        assertThat(p.field()).isEqualTo("file");
        return p.message();
    }

    private static int[] unsigned(byte[] bytes) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }

    @Test
    void readsOneClassPerFolderSortedWithLuminance() {
        byte[] zip = zip(
                "dog/b.png",
                png(Color.RED),
                "cat/2.jpg",
                encode(toRgb(solid(8, 8, Color.WHITE)), "jpeg"),
                "cat/1.png",
                png(Color.BLUE),
                "dog/",
                null);

        ImageSet set = read(zip, 4);

        assertThat(set.classes()).containsExactly("cat", "dog");
        assertThat(set.labels()).containsExactly(0, 0, 1);
        assertThat(set.channels()).isEqualTo(1);
        assertThat(set.height()).isEqualTo(4);
        assertThat(set.width()).isEqualTo(4);
        // files sorted by name within a class: cat/1.png (blue) before cat/2.jpg (white); luma 0.114·255 = 29
        assertThat(unsigned(Arrays.copyOfRange(set.pixels(), 0, 16))).containsOnly(29);
        assertThat(unsigned(Arrays.copyOfRange(set.pixels(), 16, 32))).containsOnly(255);
        assertThat(unsigned(Arrays.copyOfRange(set.pixels(), 32, 48))).containsOnly(76);
    }

    @Test
    void rgbKeepsChannelsChannelFirst() {
        byte[] zip = zip("a/x.png", png(new Color(200, 100, 50)), "b/y.png", png(Color.GREEN));
        ImageSet set = ImageZipReader.read(zip, 2, true, ENTRIES, BYTES);
        assertThat(set.channels()).isEqualTo(3);
        assertThat(set.imageSize()).isEqualTo(12);
        assertThat(unsigned(Arrays.copyOfRange(set.pixels(), 0, 12)))
                .containsExactly(200, 200, 200, 200, 100, 100, 100, 100, 50, 50, 50, 50);
    }

    @Test
    void greyImagesKeepTheirValuesAndResizingAveragesAreas() {
        // 3 columns onto 2: each target takes one source column and half of the middle one
        byte[] zip = zip("a/g.png", grayColumns(3, 0, 90, 180), "b/mid.png", grayColumns(2, 128, 128));
        ImageSet set = read(zip, 2);
        assertThat(unsigned(Arrays.copyOfRange(set.pixels(), 0, 4))).containsExactly(30, 150, 30, 150);
        // getRGB would report 128 as 188 (it treats grey as linear light); the reader must not
        assertThat(unsigned(Arrays.copyOfRange(set.pixels(), 4, 8))).containsOnly(128);

        ImageSet enlarged = read(zip("a/g.png", grayColumns(1, 10, 250), "b/x.png", png(Color.BLACK)), 4);
        assertThat(unsigned(Arrays.copyOfRange(enlarged.pixels(), 0, 4))).containsExactly(10, 10, 250, 250);
    }

    @Test
    void transparencyIsShownOverWhite() {
        byte[] zip = zip(
                "a/clear.png",
                encode(solid(3, 3, new Color(0, 0, 0, 0)), "png"),
                "b/half.png",
                encode(solid(3, 3, new Color(0, 0, 0, 128)), "png"));
        ImageSet set = read(zip, 1);
        assertThat(unsigned(set.pixels())).containsExactly(255, 127);
    }

    @Test
    void acceptsAWrapperFolderAndSkipsMacAndHiddenFiles() {
        byte[] zip = zip(
                "animals/",
                null,
                "animals/cat/",
                null,
                "animals/cat/1.png",
                png(Color.WHITE),
                "animals/dog/1.png",
                png(Color.BLACK),
                "animals/.DS_Store",
                new byte[] {1, 2},
                "__MACOSX/animals/cat/._1.png",
                new byte[] {0, 5, 22},
                "animals/dog/.hidden.png",
                new byte[3],
                "animals/dog/Thumbs.db",
                new byte[4]);
        ImageSet set = read(zip, 2);
        assertThat(set.classes()).containsExactly("cat", "dog");
        assertThat(set.count()).isEqualTo(2);
    }

    @Test
    void refusesPathsThatLeaveTheArchive() {
        assertThat(message(zip("cat/1.png", png(Color.RED), "../dog/1.png", png(Color.RED))))
                .contains("'../dog/1.png' points outside the archive");
        assertThat(message(zip("cat/../../1.png", png(Color.RED)))).contains("points outside the archive");
        assertThat(message(zip("/etc/cat/1.png", png(Color.RED)))).contains("absolute path");
        assertThat(message(zip("C:\\cat\\1.png", png(Color.RED)))).contains("absolute path");
    }

    @Test
    void refusesTooManyEntriesAndTooManyBytesCountedWhileInflating() {
        byte[] three = zip("a/1.png", png(Color.RED), "b/1.png", png(Color.RED), "b/2.png", png(Color.RED));
        assertThat(problem(() -> ImageZipReader.read(three, 4, false, 2, BYTES)).message())
                .contains("3 entries, more than the 2 allowed (neurona.uploads.zip-entries)");
        int total = 3 * png(Color.RED).length;
        assertThat(ImageZipReader.read(three, 4, false, 3, total).count()).isEqualTo(3);
        assertThat(problem(() -> ImageZipReader.read(three, 4, false, 3, total - 1))
                        .message())
                .contains("expands to more than " + (total - 1) + " bytes");
    }

    @Test
    void refusesMoreImagesThanFitInMemoryAtTheChosenSizeBeforeDecodingThem() {
        // 1366 RGB images of 512×512 are just over 1 GiB; the entries are not even images
        Object[] entries = new Object[2 * 1366];
        for (int i = 0; i < 1366; i++) {
            entries[2 * i] = (i % 2 == 0 ? "a/" : "b/") + i + ".png";
            entries[2 * i + 1] = new byte[] {1};
        }
        FieldProblem p = problem(() -> ImageZipReader.read(zip(entries), 512, true, 10_000, BYTES));
        assertThat(p.message())
                .startsWith("1366 images of 512×512 RGB would take")
                .contains("1 GiB");
    }

    @Test
    void refusesEntriesThatInflateMoreThanAHundredfold() {
        byte[] zeros = new byte[5_000_000];
        assertThat(message(zip("cat/1.png", png(Color.RED), "dog/bomb.png", zeros)))
                .contains("dog/bomb.png expands more than 100 times");
        // skipped entries are never inflated, so a bomb among them costs nothing; they are reported, not dropped
        List<String> skipped = new ArrayList<>();
        ImageSet set = ImageZipReader.read(
                zip("cat/1.png", png(Color.RED), "dog/1.png", png(Color.RED), "__MACOSX/._bomb", zeros),
                4,
                false,
                ENTRIES,
                BYTES,
                ImageBudget.unlimited(),
                skipped);
        assertThat(set.count()).isEqualTo(2);
        assertThat(skipped).containsExactly("__MACOSX/._bomb");
        // a compressible but honest entry under the grace size is fine until it turns out not to be an image
        assertThat(message(zip("cat/1.png", png(Color.RED), "dog/notes.txt", new byte[100_000])))
                .isEqualTo("dog/notes.txt is not a PNG or JPEG image");
    }

    @Test
    void refusesHugeImagesFromTheirHeaderBeforeDecoding() {
        assertThat(message(zip("a/1.png", png(Color.RED), "b/wide.png", withSize(png(Color.RED), 8193, 1))))
                .isEqualTo("b/wide.png is 8193×1 pixels; images may be at most 8192 pixels on a side and 40,000,000"
                        + " pixels in all (e.g. 8192×4882 or 6324×6324)");
        // 8000 × 5001 is within 8192 each way but over 40 megapixels
        assertThat(message(zip("a/1.png", png(Color.RED), "b/big.png", withSize(png(Color.RED), 8000, 5001))))
                .contains("8000×5001 pixels");
    }

    @Test
    void refusesFilesThatAreNotDecodableImages() {
        assertThat(message(zip("a/1.png", png(Color.RED), "cat/readme.txt", "hello".getBytes())))
                .isEqualTo("cat/readme.txt is not a PNG or JPEG image");
        assertThat(message(zip("a/1.png", png(Color.RED), "b/x.gif", encode(solid(2, 2, Color.RED), "gif"))))
                .isEqualTo("b/x.gif is not a PNG or JPEG image");
        byte[] png = encode(toRgb(solid(64, 64, Color.RED)), "png");
        assertThat(message(zip("a/1.png", png(Color.RED), "b/cut.png", Arrays.copyOf(png, png.length / 2))))
                .startsWith("b/cut.png is a damaged or unsupported PNG image");
        byte[] jpeg = encode(toRgb(solid(64, 64, Color.RED)), "jpeg");
        assertThat(message(zip("a/1.png", png(Color.RED), "b/cut.jpg", Arrays.copyOf(jpeg, 40))))
                .startsWith("b/cut.jpg is a damaged or unsupported JPEG image");
    }

    @Test
    void refusesLayoutsThatAreNotOneFolderPerClass() {
        assertThat(message(zip("cat/1.png", png(Color.RED), "cat/2.png", png(Color.RED))))
                .contains("only the class folder 'cat'")
                .contains("at least 2 classes");
        assertThat(message(zip("cat/1.png", png(Color.RED), "dog/", null, "dog/.DS_Store", new byte[1])))
                .isEqualTo("the class folder dog holds no images");
        assertThat(message(zip("cat/1.png", png(Color.RED), "dog/1.png", png(Color.RED), "x.png", png(Color.RED))))
                .startsWith("x.png is not inside a class folder");
        assertThat(message(zip("__MACOSX/._x", new byte[1]))).contains("holds no images");
    }

    @Test
    void refusesFilesThatAreNotUsableZips() {
        assertThat(message("just text".getBytes())).startsWith("not a ZIP file");
        assertThat(message(zip())).startsWith("the ZIP is empty");
        byte[] good = zip("cat/1.png", png(Color.RED), "dog/1.png", png(Color.RED));
        assertThat(message(Arrays.copyOf(good, good.length / 2))).startsWith("the ZIP");
        assertThat(message(zip(
                        StandardCharsets.ISO_8859_1, "caf\u00e9/1.png", png(Color.RED), "dog/1.png", png(Color.RED))))
                .contains("not UTF-8");
        assertThat(problem(() -> ImageZipReader.read(good, 0, false, ENTRIES, BYTES))
                        .field())
                .isEqualTo("size");
    }

    /** Twelve pictures in two folders, stored uncompressed so offsets into the file are easy to reason about. */
    private static byte[] twelve() {
        Object[] entries = new Object[24];
        for (int i = 0; i < 12; i++) {
            entries[2 * i] = (i < 6 ? "cat/" : "dog/") + i + ".png";
            entries[2 * i + 1] = png(i % 2 == 0 ? Color.RED : Color.BLUE);
        }
        return zip(entries);
    }

    private static int endRecord(byte[] zip) {
        for (int i = zip.length - 22; i >= 0; i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6) {
                return i;
            }
        }
        throw new AssertionError("no end record");
    }

    @Test
    void aZipCutShortIsRefusedNotReadUpToTheCut() {
        byte[] good = twelve();
        assertThat(read(good, 4).count()).isEqualTo(12);
        // cut after about two thirds: streaming the local entries would find 8 complete pictures and stop quietly
        for (int cut : new int[] {good.length * 2 / 3, good.length - 30, good.length - 1}) {
            assertThat(message(Arrays.copyOf(good, cut)))
                    .as("cut at %d of %d", cut, good.length)
                    .startsWith("the ZIP is damaged: its central directory");
        }
    }

    @Test
    void aDamagedEndRecordOrDirectoryOffsetIsRefused() {
        byte[] good = twelve();
        int end = endRecord(good);
        byte[] signature = good.clone();
        signature[end + 3] = 9;
        assertThat(message(signature)).startsWith("the ZIP is damaged");
        byte[] offset = good.clone();
        offset[end + 16] ^= 0x40; // the central directory's offset
        assertThat(message(offset)).startsWith("the ZIP is damaged");
        byte[] count = good.clone();
        count[end + 10] = 7; // total entries: 7 instead of 12
        assertThat(message(count)).startsWith("the ZIP is damaged");
    }

    @Test
    void aLocalHeaderThatDisagreesWithTheDirectoryIsRefused() {
        byte[] good = zip("cat/1.png", png(Color.RED), "dog/1.png", png(Color.BLUE));
        byte[] encrypted = good.clone();
        encrypted[6] |= 1; // the first local header's "encrypted" flag; the directory still says plain
        assertThat(message(encrypted)).startsWith("the ZIP is damaged: its first entry cannot be read");
        byte[] method = good.clone();
        method[8] = 99; // the first local header's compression method
        assertThat(message(method)).startsWith("the ZIP is damaged: its first entry cannot be read");
        byte[] renamed = good.clone();
        renamed[30] = 'b'; // the first local header's name: "bat/1.png", the directory says "cat/1.png"
        assertThat(message(renamed)).startsWith("the ZIP is damaged: its entries (2) do not match its central");
    }

    @Test
    void anEntryWhoseDataDoesNotMatchItsChecksumIsRefused() {
        byte[] good = zip("cat/1.png", png(Color.RED), "dog/1.png", png(Color.BLUE));
        // the first entry's data starts after its 30-byte local header and its name
        byte[] flipped = good.clone();
        flipped[30 + "cat/1.png".length() + 40] ^= 0x01;
        assertThat(message(flipped)).startsWith("the ZIP is damaged: cat/1.png cannot be read");
    }

    @Test
    void picturesForPredictionArePreparedExactlyLikeTheImagesOfTheZip() {
        // a translucent gradient of odd size, shrunk and enlarged: pixels where rounding could go either way
        BufferedImage photo = new BufferedImage(37, 23, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                photo.setRGB(x, y, (x * 7 + y) % 256 << 24 | x * 6 << 16 | y * 11 << 8 | (x + y) * 4);
            }
        }
        byte[] bytes = encode(photo, "png");
        for (int size : new int[] {16, 64}) {
            for (boolean rgb : new boolean[] {false, true}) {
                ImageSet set =
                        ImageZipReader.read(zip("a/p.png", bytes, "b/q.png", png(Color.RED)), size, rgb, 10, BYTES);
                byte[] first = Arrays.copyOf(set.pixels(), set.imageSize());
                assertThat(first).containsExactly(Resampler.resize(ImageDecoder.decode(bytes), size, rgb));
            }
        }
    }

    private static BufferedImage toRgb(BufferedImage argb) {
        BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(argb, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** The PNG with other dimensions written into its header (IHDR), CRC fixed: a tiny file claiming a huge image. */
    private static byte[] withSize(byte[] png, int width, int height) {
        byte[] patched = png.clone();
        ByteBuffer.wrap(patched, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(patched, 12, 17);
        ByteBuffer.wrap(patched, 29, 4).putInt((int) crc.getValue());
        return patched;
    }
}
