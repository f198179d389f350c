package dev.neurona.dataset;

import dev.neurona.dataset.format.IdxReader;
import dev.neurona.dataset.format.ImageBudget;
import dev.neurona.dataset.format.ImageZipReader;
import dev.neurona.dataset.format.NdjsonStrokesReader;
import dev.neurona.dataset.format.NpyReader;
import dev.neurona.platform.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Reads the image formats a person brings — MNIST-style IDX pairs, Quick, Draw! bitmaps (.npy) and strokes
 * (.ndjson), folders of pictures in a ZIP — into one uint8 image set, and stores it.
 */
@Component
class ImageUploads {

    private final DatasetService datasets;
    private final UploadLimits limits;

    ImageUploads(DatasetService datasets, UploadLimits limits) {
        this.datasets = datasets;
        this.limits = limits;
    }

    /** IDX images + labels; an optional second pair is the official test split, kept as such. */
    DatasetInfo idx(String name, byte[] images, byte[] labels, byte[] testImages, byte[] testLabels) {
        ImageBudget budget = limits.imageBudget();
        ImageSet train = IdxReader.read(images, labels, "images", "labels", budget);
        int testRows = 0;
        if (testImages != null || testLabels != null) {
            if (testImages == null || testLabels == null) {
                throw new InvalidInputException(
                        testImages == null ? "testImages" : "testLabels",
                        "the official test split needs both testImages and testLabels");
            }
            ImageSet test = IdxReader.read(testImages, testLabels, "testImages", "testLabels", budget);
            if (test.height() != train.height() || test.width() != train.width()) {
                throw new InvalidInputException(
                        "testImages",
                        "test images are " + test.height() + "×" + test.width() + ", training images " + train.height()
                                + "×" + train.width());
            }
            ImageSet[] aligned = alignClasses(train, test);
            train = aligned[0].concat(aligned[1]);
            testRows = test.count();
        }
        requireClasses(train, "labels");
        return datasets.storeImages(name, train, testRows, "mnist");
    }

    /** Quick, Draw! files, one per class: all .npy bitmaps or all .ndjson strokes (optionally gzipped). */
    DatasetInfo quickDraw(String name, List<NamedFile> files, int capPerClass) {
        boolean npy =
                files.stream().allMatch(f -> f.name().toLowerCase(Locale.ROOT).endsWith(".npy"));
        boolean ndjson =
                files.stream().allMatch(f -> f.name().toLowerCase(Locale.ROOT).matches(".*\\.ndjson(\\.gz)?"));
        if (!npy && !ndjson) {
            throw new InvalidInputException(
                    "files",
                    "give Quick, Draw! files of one kind: all .npy bitmaps or all "
                            + ".ndjson strokes, one file per class");
        }
        ImageBudget budget = limits.imageBudget();
        // file names become class names: checked before a single file is read
        limits.classes(
                files.stream().map(f -> classOf(f.baseName())).toList(), "files", "file name without its extension");
        ImageSet images = npy
                ? NpyReader.readClasses(files, capPerClass, budget)
                : NdjsonStrokesReader.read(files, capPerClass, budget);
        requireClasses(images, "files");
        limits.classes(images.classes(), "files", "file name without its extension");
        return datasets.storeImages(name, images, 0, "quickdraw");
    }

    /** A ZIP with one folder per class, every picture resized to size×size. */
    DatasetInfo zip(String name, byte[] zip, int size, boolean rgb) {
        List<String> skipped = new ArrayList<>();
        ImageSet images = ImageZipReader.read(
                zip,
                size,
                rgb,
                limits.settings().zipEntries(),
                limits.settings().zipExpanded().toBytes(),
                limits.imageBudget(),
                skipped);
        limits.classes(images.classes(), "file", "class folder's name");
        return datasets.storeImages(name, images, 0, "resize").withSkipped(skipped);
    }

    /** The rough class name of a Quick, Draw! file, enough to judge its characters and length early. */
    private static String classOf(String fileName) {
        return fileName.replaceFirst("(?i)\\.(npy|ndjson|ndjson\\.gz)$", "")
                .replaceFirst("^full_(numpy_bitmap|simplified)_", "");
    }

    /** As the CSV and ZIP readers do: a classifier with one class has nothing to learn. */
    private static void requireClasses(ImageSet images, String field) {
        if (images.classes().size() < 2) {
            throw new InvalidInputException(
                    field,
                    "the upload holds only the classes " + images.classes()
                            + "; a classifier needs at least 2 classes");
        }
    }

    /** Both parts over the union of their class names, so "7" means the same output unit in both. */
    private static ImageSet[] alignClasses(ImageSet a, ImageSet b) {
        List<String> union = new ArrayList<>(a.classes());
        b.classes().stream().filter(c -> !union.contains(c)).forEach(union::add);
        union.sort(java.util.Comparator.comparingInt(Integer::parseInt));
        return new ImageSet[] {relabel(a, union), relabel(b, union)};
    }

    private static ImageSet relabel(ImageSet set, List<String> classes) {
        int[] labels = new int[set.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes.indexOf(set.classes().get(set.labels()[i]));
        }
        return new ImageSet(set.channels(), set.height(), set.width(), set.pixels(), labels, classes);
    }
}
