package dev.neurona.dataset.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neurona.dataset.NamedFile;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.TooLargeException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** One budget of images and pixel bytes per upload, drawn from every reader's headers before any allocation. */
class ImageBudgetTest {

    private static FieldProblem tooLarge(ThrowingCallable call) {
        TooLargeException e = catchThrowableOfType(TooLargeException.class, call);
        assertThat(e).as("expected a 413").isNotNull();
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }

    @Test
    void anIdxBombIsRefusedFromItsHeaderWithoutInflatingIt() {
        // the header of the attack (1,360,000 images of 28×28) and only 1,000 bytes of the gigabyte it declares:
        // reading past the header would fail as truncated, so a 413 proves nothing was inflated
        byte[] bomb = IdxReaderTest.gzip(IdxReaderTest.images(0x803, 1_360_000, 28, 28, 1000));
        byte[] labels = IdxReaderTest.gzip(IdxReaderTest.labels(1, 2));
        FieldProblem p =
                tooLarge(() -> IdxReader.read(bomb, labels, "images", "labels", new ImageBudget(500_000, 400L << 20)));
        assertThat(p.field()).isEqualTo("images");
        assertThat(p.message())
                .isEqualTo("declares 1360000 images of 28×28; one upload may hold at most 500000 images"
                        + " (neurona.uploads.max-images)");
        // the same file raw (not gzipped) is refused the same way
        byte[] raw = IdxReaderTest.images(0x803, 1_360_000, 28, 28, 1000);
        assertThat(tooLarge(() -> IdxReader.read(
                                raw,
                                IdxReaderTest.labels(1, 2),
                                "images",
                                "labels",
                                new ImageBudget(500_000, 1L << 30)))
                        .message())
                .contains("neurona.uploads.max-images");
    }

    @Test
    void theOfficialTestImagesCountTogetherWithTheTrainingImages() {
        ImageBudget budget = new ImageBudget(5, 1000);
        IdxReader.read(IdxReaderTest.images(3, 2, 2), IdxReaderTest.labels(0, 1, 0), "images", "labels", budget);
        FieldProblem p = tooLarge(() -> IdxReader.read(
                IdxReaderTest.images(3, 2, 2), IdxReaderTest.labels(0, 1, 0), "testImages", "testLabels", budget));
        assertThat(p.field()).isEqualTo("testImages");
        assertThat(p.message()).contains("6 images with the rest of the upload").contains("at most 5 images");
        // pixel bytes are a limit of their own
        FieldProblem bytes = tooLarge(() -> IdxReader.read(
                IdxReaderTest.images(3, 4, 4),
                IdxReaderTest.labels(0, 1, 0),
                "images",
                "labels",
                new ImageBudget(100, 47)));
        assertThat(bytes.message())
                .isEqualTo("declares 3 images of 4×4, 48 bytes of pixels; one upload may become at most 47 bytes of"
                        + " pixels (neurona.uploads.max-image-bytes)");
    }

    @Test
    void quickDrawBitmapsCountWhatIsKeptAfterTheCapAcrossFiles() {
        byte[] cat = NpyReaderTest.npy(
                "{'descr': '|u1', 'fortran_order': False, 'shape': (4, 4), }", NpyReaderTest.pixels(16, 1));
        byte[] dog = NpyReaderTest.npy(
                "{'descr': '|u1', 'fortran_order': False, 'shape': (4, 4), }", NpyReaderTest.pixels(16, 2));
        List<NamedFile> files = List.of(new NamedFile("cat.npy", cat), new NamedFile("dog.npy", dog));
        // 2 + 2 kept of 4 + 4: within a budget of 4
        assertThat(NpyReader.readClasses(files, 2, new ImageBudget(4, 1000)).count())
                .isEqualTo(4);
        FieldProblem p = tooLarge(() -> NpyReader.readClasses(files, 3, new ImageBudget(5, 1000)));
        assertThat(p.field()).isEqualTo("files[1]");
        assertThat(p.message())
                .startsWith("dog.npy: 3 of its 4 images of 2×2, 6 images with the rest of the upload")
                .endsWith("(neurona.uploads.max-images); lower capPerClass or upload fewer files");
    }

    @Test
    void quickDrawStrokesAreCountedAsTheyAreRead() {
        String line = "{\"word\":\"cat\",\"drawing\":[[[0,255],[0,255]]]}\n";
        List<NamedFile> files = List.of(
                new NamedFile("cat.ndjson", line.repeat(3).getBytes(StandardCharsets.UTF_8)),
                new NamedFile("dog.ndjson", line.repeat(3).getBytes(StandardCharsets.UTF_8)));
        assertThat(NdjsonStrokesReader.read(files, 0, new ImageBudget(6, 1L << 20))
                        .count())
                .isEqualTo(6);
        FieldProblem p = tooLarge(() -> NdjsonStrokesReader.read(files, 0, new ImageBudget(5, 1L << 20)));
        assertThat(p.field()).isEqualTo("files[1]");
        assertThat(p.message()).startsWith("dog.ndjson line 3 is drawing 3 of that file, 6 images");
    }

    @Test
    void aZipIsCountedFromItsDirectoryBeforeAnyPictureIsDecoded() {
        BufferedImage image = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, Color.RED.getRGB());
        byte[] png = dev.neurona.support.TestData.image(image, "png");
        Object[] entries = new Object[12];
        for (int i = 0; i < 6; i++) {
            entries[2 * i] = (i < 3 ? "a/" : "b/") + i + ".png";
            // all but the first are not even pictures: the count is refused before decoding
            entries[2 * i + 1] = i == 0 ? png : new byte[] {1};
        }
        byte[] zip = ImageZipReaderTest.zip(entries);
        FieldProblem p = tooLarge(() ->
                ImageZipReader.read(zip, 8, true, 100, 1L << 20, new ImageBudget(5, 1L << 20), new ArrayList<>()));
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message())
                .isEqualTo("the ZIP holds 6 images of 8×8 RGB; one upload may hold at most 5 images"
                        + " (neurona.uploads.max-images); upload fewer images or choose a smaller size");
    }
}
