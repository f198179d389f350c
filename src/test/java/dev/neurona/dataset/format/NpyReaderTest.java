package dev.neurona.dataset.format;

import static dev.neurona.dataset.format.IdxReaderTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.ImageSet;
import dev.neurona.dataset.NamedFile;
import dev.neurona.dataset.format.NpyReader.NpyImages;
import dev.neurona.platform.problem.FieldProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NpyReaderTest {

    private static final Path QUICKDRAW = Path.of("..", "shared", "data", "quickdraw");

    /** A .npy file as numpy writes it: header padded with spaces and ending in a newline, data aligned to 64. */
    static byte[] npy(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        int unpadded = prefix + dict.length() + 1;
        int headerLength = dict.length() + 1 + (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(headerLength - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(prefix + headerLength + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) headerLength);
        } else {
            b.putInt(headerLength);
        }
        b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    static byte[] npy(String dict, byte[] data) {
        return npy(1, dict, data);
    }

    static byte[] pixels(int n, int seed) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    private static String dict(String shape) {
        return "{'descr': '|u1', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    private static String message(byte[] file) {
        FieldProblem p = problem(() -> NpyReader.read(file, "file"));
        assertThat(p.field()).isEqualTo("file");
        return p.message();
    }

    @Test
    void readsFlatQuickDrawLayoutAsSquareImages() {
        byte[] data = pixels(3 * 784, 1);
        NpyImages images = NpyReader.read(npy(dict("(3, 784)"), data), "file");
        assertThat(images.count()).isEqualTo(3);
        assertThat(images.height()).isEqualTo(28);
        assertThat(images.width()).isEqualTo(28);
        assertThat(images.pixels()).isEqualTo(data);
    }

    @Test
    void readsThreeDimensionalAndChannelFirstShapes() {
        byte[] data = pixels(2 * 5 * 7, 2);
        NpyImages hw = NpyReader.read(npy(dict("(2, 5, 7)"), data), "file");
        assertThat(List.of(hw.count(), hw.height(), hw.width())).containsExactly(2, 5, 7);
        assertThat(hw.pixels()).isEqualTo(data);

        byte[] square = pixels(2 * 16, 3);
        NpyImages flat1 = NpyReader.read(npy(dict("(2, 1, 16)"), square), "file");
        assertThat(List.of(flat1.count(), flat1.height(), flat1.width())).containsExactly(2, 4, 4);
        NpyImages chw = NpyReader.read(npy(dict("(2, 1, 4, 4)"), square), "file");
        assertThat(List.of(chw.count(), chw.height(), chw.width())).containsExactly(2, 4, 4);
    }

    @Test
    void parsesTheHeaderDictionaryWhateverTheKeyOrderSpacingAndQuotes() {
        byte[] data = pixels(2 * 9, 4);
        for (String dict : List.of(
                "{'shape': (2, 9), 'fortran_order': False, 'descr': '|u1'}",
                "{\"descr\":\"<u1\",\"fortran_order\":False,\"shape\":(2,9)}",
                "{ 'descr' : 'u1' ,\n 'fortran_order' : False , 'shape' : ( 2 , 9 , ) , }",
                "{'descr': '|u1', 'fortran_order': False, 'shape': (2L, 9L), }")) {
            NpyImages images = NpyReader.read(npy(dict, data), "file");
            assertThat(images.height()).as(dict).isEqualTo(3);
            assertThat(images.pixels()).as(dict).isEqualTo(data);
        }
    }

    @Test
    void readsVersionTwoAndThreeHeadersWithTheirFourByteLength() {
        byte[] data = pixels(784, 5);
        assertThat(NpyReader.read(npy(2, dict("(1, 784)"), data), "file").pixels())
                .isEqualTo(data);
        assertThat(NpyReader.read(npy(3, dict("(1, 784)"), data), "file").pixels())
                .isEqualTo(data);
        byte[] v4 = npy(1, dict("(1, 784)"), data);
        v4[6] = 4;
        assertThat(message(v4)).contains("version 4.0 is not supported");
    }

    @Test
    void otherDtypesAreNamedAndRefused() {
        assertThat(message(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4), }", new byte[16])))
                .startsWith("dtype <f4 is not supported: Quick, Draw! bitmaps are uint8 (|u1)");
        assertThat(message(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1), }", new byte[8])))
                .startsWith("dtype <i8 is not supported");
        assertThat(message(npy("{'descr': [('a', '|u1')], 'fortran_order': False, 'shape': (1, 1), }", new byte[1])))
                .contains("structured");
    }

    @Test
    void fortranOrderIsRefused() {
        assertThat(message(npy("{'descr': '|u1', 'fortran_order': True, 'shape': (1, 4), }", new byte[4])))
                .startsWith("fortran_order is True");
    }

    @Test
    void shapesOutsideTheLimitsAreRefused() {
        assertThat(message(npy(dict("(-1, 784)"), new byte[0]))).contains("negative");
        assertThat(message(npy(dict("(0, 784)"), new byte[0]))).contains("declares 0 images");
        assertThat(message(npy(dict("(2000001, 784)"), new byte[0]))).contains("declares 2000001 images");
        assertThat(message(npy(dict("(1, 513, 2)"), new byte[0])))
                .contains("513×2")
                .contains("1 to 512");
        assertThat(message(npy(dict("(1, 785)"), new byte[785]))).contains("not a square number");
        assertThat(message(npy(dict("(784,)"), new byte[784]))).contains("not a stack of grayscale images");
        assertThat(message(npy(dict("(1, 3, 4, 4)"), new byte[48]))).contains("not a stack of grayscale images");
        assertThat(message(npy(dict("(99999999999999999999, 784)"), new byte[0])))
                .contains("too large");
    }

    @Test
    void dataMustMatchTheShape() {
        assertThat(message(npy(dict("(3000, 784)"), new byte[784])))
                .startsWith("declares 3000 images of 28×28 (2352000 bytes) but holds only 784 bytes");
        assertThat(message(npy(dict("(1, 4)"), new byte[5]))).contains("does not match");
    }

    @Test
    void damagedHeadersAreRefusedWithoutReadingPastTheFile() {
        byte[] file = npy(dict("(1, 4)"), new byte[4]);
        byte[] longHeader = file.clone();
        longHeader[8] = (byte) 0xFF;
        longHeader[9] = (byte) 0x7F;
        assertThat(message(longHeader)).contains("claims to be 32767 bytes long");

        byte[] v2 = npy(2, dict("(1, 4)"), new byte[4]);
        v2[11] = (byte) 0xFF;
        assertThat(message(v2)).contains("claims to be");

        assertThat(message(Arrays.copyOf(file, 30))).contains("claims to be");
        assertThat(message("PK\u0003\u0004 not numpy".getBytes(StandardCharsets.ISO_8859_1)))
                .startsWith("not a NumPy .npy file");
        assertThat(message(npy("{'descr': '|u1', 'shape': (1, 4), }", new byte[4])))
                .contains("'fortran_order'");
        assertThat(message(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 4)", new byte[4])))
                .contains("not a valid .npy header");
        assertThat(message(npy("['descr', '|u1']", new byte[4]))).contains("not a valid .npy header");
    }

    @Test
    void readClassesNamesClassesAfterFilesSortedWithAnOptionalCap() {
        List<NamedFile> files = List.of(
                new NamedFile("uploads/full_numpy_bitmap_zebra.npy", npy(dict("(3, 4)"), pixels(12, 1))),
                new NamedFile("cat.npy", npy(dict("(2, 2, 2)"), pixels(8, 2))),
                new NamedFile("apple.NPY", npy(dict("(1, 4)"), pixels(4, 3))));

        ImageSet all = NpyReader.readClasses(files, 0);
        assertThat(all.classes()).containsExactly("apple", "cat", "zebra");
        assertThat(all.labels()).containsExactly(0, 1, 1, 2, 2, 2);
        assertThat(Arrays.copyOfRange(all.pixels(), 4, 12)).isEqualTo(pixels(8, 2));

        ImageSet capped = NpyReader.readClasses(files, 2);
        assertThat(capped.labels()).containsExactly(0, 1, 1, 2, 2);
        assertThat(Arrays.copyOfRange(capped.pixels(), 12, 20)).isEqualTo(Arrays.copyOf(pixels(12, 1), 8));
    }

    @Test
    void readClassesRefusesMixedSizesDuplicatesAndOtherFiles() {
        byte[] small = npy(dict("(1, 4)"), new byte[4]);
        FieldProblem sizes = problem(() -> NpyReader.readClasses(
                List.of(new NamedFile("a.npy", small), new NamedFile("b.npy", npy(dict("(1, 9)"), new byte[9]))), 0));
        assertThat(sizes.field()).isEqualTo("files[1]");
        assertThat(sizes.message())
                .isEqualTo(
                        "b.npy holds 3×3 images but a.npy holds 2×2; all classes must have" + " the same image size");

        assertThat(problem(() -> NpyReader.readClasses(
                                List.of(
                                        new NamedFile("cat.npy", small),
                                        new NamedFile("full_numpy_bitmap_cat.npy", small)),
                                0))
                        .message())
                .contains("both name the class 'cat'");
        assertThat(problem(() -> NpyReader.readClasses(List.of(new NamedFile("cat.png", small)), 0))
                        .message())
                .contains("is not a .npy file");
        FieldProblem broken = problem(() -> NpyReader.readClasses(
                List.of(
                        new NamedFile("a.npy", small),
                        new NamedFile(
                                "dog.npy",
                                npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1)}", new byte[8]))),
                0));
        assertThat(broken.field()).isEqualTo("files[1]");
        assertThat(broken.message()).startsWith("dog.npy: dtype <f8 is not supported");
        assertThat(problem(() -> NpyReader.readClasses(List.of(new NamedFile("a.npy", small)), -1))
                        .field())
                .isEqualTo("capPerClass");
    }

    @Test
    void readsTheRealQuickDrawBitmaps() throws IOException {
        Assumptions.assumeTrue(
                Files.exists(QUICKDRAW.resolve("cat.npy")),
                "../shared is absent: no Quick, Draw! bitmaps at " + QUICKDRAW.toAbsolutePath());
        List<NamedFile> files = new ArrayList<>();
        for (String name : List.of("star", "cat", "apple")) {
            files.add(new NamedFile(name + ".npy", Files.readAllBytes(QUICKDRAW.resolve(name + ".npy"))));
        }

        NpyImages cat = NpyReader.read(files.get(1).bytes(), "file");
        assertThat(List.of(cat.count(), cat.height(), cat.width())).containsExactly(3000, 28, 28);

        ImageSet set = NpyReader.readClasses(files, 1000);
        assertThat(set.classes()).containsExactly("apple", "cat", "star");
        assertThat(set.count()).isEqualTo(3000);
        assertThat(set.labels()[999]).isEqualTo(0);
        assertThat(set.labels()[1000]).isEqualTo(1);
        assertThat(Arrays.copyOfRange(set.pixels(), 1000 * 784, 2000 * 784))
                .isEqualTo(Arrays.copyOf(cat.pixels(), 1000 * 784));
        // white strokes on black, about two thirds of the pixels background (SOURCES.md)
        int zeros = 0;
        for (byte b : set.pixels()) {
            zeros += b == 0 ? 1 : 0;
        }
        assertThat(zeros / (double) set.pixels().length).isBetween(0.6, 0.8);
    }
}
