package dev.neurona.dataset.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neurona.dataset.ImageSet;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipFile;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

public class IdxReaderTest {

    static byte[] images(int magic, int count, int rows, int cols, int pixelBytes) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixelBytes)
                .putInt(magic)
                .putInt(count)
                .putInt(rows)
                .putInt(cols);
        for (int i = 0; i < pixelBytes; i++) {
            b.put((byte) (i * 7));
        }
        return b.array();
    }

    static byte[] images(int count, int rows, int cols) {
        return images(0x803, count, rows, cols, count * rows * cols);
    }

    static byte[] labels(int... values) {
        ByteBuffer b = ByteBuffer.allocate(8 + values.length).putInt(0x801).putInt(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.array();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ImageSet read(byte[] images, byte[] labels) {
        return IdxReader.read(images, labels, "images", "labels");
    }

    /** The single field problem of a rejected upload. */
    public static FieldProblem problem(ThrowingCallable call) {
        DomainException e = catchThrowableOfType(DomainException.class, call);
        assertThat(e).as("expected an DomainException").isNotNull();
        assertThat(e).isInstanceOf(InvalidInputException.class);
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }

    @Test
    void readsRawPairWithPixelsInFileOrderAndDigitClasses() {
        byte[] img = images(3, 2, 4);
        ImageSet set = read(img, labels(0, 9, 5));

        assertThat(set.count()).isEqualTo(3);
        assertThat(set.channels()).isEqualTo(1);
        assertThat(set.height()).isEqualTo(2);
        assertThat(set.width()).isEqualTo(4);
        assertThat(set.pixels()).isEqualTo(Arrays.copyOfRange(img, 16, img.length));
        assertThat(set.classes()).containsExactly("0", "5", "9");
        assertThat(set.labels()).containsExactly(0, 2, 1);
    }

    @Test
    void gzippedAndRawFilesGiveTheSameSet() {
        byte[] img = images(4, 3, 3);
        byte[] lab = labels(1, 2, 1, 0);
        ImageSet raw = read(img, lab);

        assertThat(read(gzip(img), gzip(lab))).isEqualTo(raw);
        assertThat(read(gzip(img), lab)).isEqualTo(raw);
        assertThat(read(img, gzip(lab))).isEqualTo(raw);
    }

    @Test
    void classesAreTheLabelValuesThatOccurSortedNumerically() {
        ImageSet set = read(images(4, 1, 1), labels(12, 3, 12, 200));
        assertThat(set.classes()).containsExactly("3", "12", "200");
        assertThat(set.labels()).containsExactly(1, 0, 1, 2);
    }

    @Test
    void wrongMagicNamesBothMagicsAndSpotsSwappedFiles() {
        FieldProblem p = problem(() -> read(labels(1, 2), images(2, 2, 2)));
        assertThat(p.field()).isEqualTo("images");
        assertThat(p.message())
                .startsWith("not an IDX image file: magic 0x00000801 (expected 0x00000803)")
                .contains("swapped");

        FieldProblem text = problem(() -> read(images(1, 2, 2), "hello world".getBytes()));
        assertThat(text.field()).isEqualTo("labels");
        assertThat(text.message()).isEqualTo("not an IDX label file: magic 0x68656C6C (expected 0x00000801)");
    }

    @Test
    void truncatedImagesSayWhatWasDeclaredAndWhatArrived() {
        byte[] img = images(0x803, 60000, 28, 28, 100);
        FieldProblem p = problem(() -> read(img, labels(1)));
        assertThat(p.field()).isEqualTo("images");
        assertThat(p.message()).startsWith("declares 60000 images of 28×28 but holds only 116 bytes");

        FieldProblem gz = problem(() -> read(gzip(img), labels(1)));
        assertThat(gz.message()).startsWith("declares 60000 images of 28×28 but holds only 116 bytes");
    }

    @Test
    void filesShorterThanTheirHeaderAreRefused() {
        assertThat(problem(() -> read(new byte[] {0, 0, 8}, labels(1))).message())
                .contains("only 3 bytes");
        assertThat(problem(() -> read(Arrays.copyOf(images(1, 2, 2), 12), labels(1)))
                        .message())
                .contains("too short for an IDX image header");
    }

    @Test
    void itemCountsMustMatch() {
        FieldProblem p = problem(() -> read(images(3, 2, 2), labels(1, 2)));
        assertThat(p.field()).isEqualTo("labels");
        assertThat(p.message()).startsWith("images hold 3 items, labels 2");
    }

    @Test
    void dimensionsAndCountsOutsideTheLimitsAreRefusedBeforeAnyAllocation() {
        assertThat(problem(() -> read(images(0x803, 1, 0, 28, 0), labels(1))).message())
                .contains("0×28")
                .contains("1 to 512");
        assertThat(problem(() -> read(images(0x803, 1, 28, 513, 0), labels(1))).message())
                .contains("28×513");
        assertThat(problem(() -> read(images(0x803, 0, 28, 28, 0), labels())).message())
                .startsWith("declares 0 images");
        assertThat(problem(() -> read(images(0x803, 2_000_001, 1, 1, 0), labels(1)))
                        .message())
                .startsWith("declares 2000001 images");
        // 0xFFFFFFFF must not be read as -1 and slip past a "> max" check
        assertThat(problem(() -> read(images(0x803, -1, 28, 28, 0), labels(1))).message())
                .startsWith("declares 4294967295 images");
        // within each limit, but 2,000,000 × 512 × 512 bytes is far over 1 GiB; a gzip must not even be inflated
        FieldProblem big = problem(() -> read(gzip(images(0x803, 2_000_000, 512, 512, 0)), labels(1)));
        assertThat(big.message()).contains("more than the 1 GiB limit");
    }

    @Test
    void gzipThatInflatesBeyondTheDeclaredSizeIsRefusedAsABomb() {
        // a valid header for one 2×2 image followed by 20 MB of zeros, which compress to about 20 KB
        byte[] bomb = gzip(Arrays.copyOf(images(1, 2, 2), 20_000_000));
        assertThat(bomb.length).isLessThan(100_000);

        FieldProblem p = problem(() -> read(bomb, labels(1)));
        assertThat(p.field()).isEqualTo("images");
        assertThat(p.message()).contains("more than 36 bytes").contains("decompression bomb");
    }

    @Test
    void rawFilesWithMuchMoreDataThanDeclaredAreRefused() {
        byte[] padded = Arrays.copyOf(images(1, 2, 2), 20 + 16);
        assertThat(read(padded, labels(4)).count()).isEqualTo(1);
        assertThat(problem(() -> read(Arrays.copyOf(images(1, 2, 2), 20 + 17), labels(4)))
                        .message())
                .contains("does not match");
    }

    @Test
    void gunzipBoundedReturnsDataWithinTheLimitAndRefusesBeyondIt() {
        byte[] data = new byte[1000];
        Arrays.fill(data, (byte) 42);
        assertThat(IdxReader.gunzipBounded(gzip(data), 1000, "f")).isEqualTo(data);

        FieldProblem p = problem(() -> IdxReader.gunzipBounded(gzip(data), 999, "f"));
        assertThat(p.field()).isEqualTo("f");
        assertThat(p.message()).contains("more than 999 bytes");
    }

    @Test
    void damagedGzipIsA400() {
        byte[] gz = gzip(images(5, 10, 10));
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
        assertThat(problem(() -> read(truncated, labels(1, 2, 3, 4, 5))).message())
                .startsWith("the gzip data is damaged");

        byte[] garbled = gz.clone();
        for (int i = 12; i < garbled.length - 8; i++) {
            garbled[i] ^= 0x5A;
        }
        assertThat(problem(() -> read(garbled, labels(1, 2, 3, 4, 5))).message())
                .startsWith("the gzip data is damaged");
        assertThat(problem(() -> IdxReader.gunzipBounded(new byte[] {1, 2, 3}, 10, "f"))
                        .message())
                .startsWith("not a gzip file");
    }

    @Test
    void readsRealMnistTestSetFromTheMavenJar() throws IOException {
        Path jar = Path.of(
                System.getProperty("user.home"),
                ".m2",
                "repository",
                "io",
                "github",
                "padreati",
                "rapaio-datasets",
                "8.1.0",
                "rapaio-datasets-8.1.0.jar");
        Assumptions.assumeTrue(Files.exists(jar), "rapaio-datasets 8.1.0 is not in ~/.m2: " + jar);
        byte[] img;
        byte[] lab;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            img = zip.getInputStream(zip.getEntry("rapaio/provider/datasets/mnist/t10k-images-idx3-ubyte.gz"))
                    .readAllBytes();
            lab = zip.getInputStream(zip.getEntry("rapaio/provider/datasets/mnist/t10k-labels-idx1-ubyte.gz"))
                    .readAllBytes();
        }

        ImageSet set = IdxReader.read(img, lab, "images", "labels");

        assertThat(set.count()).isEqualTo(10_000);
        assertThat(set.height()).isEqualTo(28);
        assertThat(set.width()).isEqualTo(28);
        assertThat(set.classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        // the first test digits are 7, 2, 1, 0, 4, as every MNIST tutorial shows
        assertThat(Arrays.copyOf(set.labels(), 5)).containsExactly(7, 2, 1, 0, 4);
        // digits are white on black: the corners are background
        assertThat(set.pixels()[0]).isZero();
        long ink = 0;
        for (byte b : set.pixels()) {
            ink += b & 0xFF;
        }
        assertThat(ink / (double) set.pixels().length).isBetween(25.0, 40.0);
    }
}
