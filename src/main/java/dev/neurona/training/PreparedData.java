package dev.neurona.training;

import dev.neurona.dataset.DatasetInfo;
import dev.neurona.dataset.ImageSet;
import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.dataset.encoding.TabularData;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.spec.ModelSpec;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A dataset split into train/validation/test and turned into network inputs, with the preprocessing fitted on the
 * training split only (so no statistic leaks from validation or test rows).
 *
 * @param testRows    the dataset row (or image) index of every test row, in the order of {@code test}
 * @param splitSha256 SHA-256 of the train, validation and test row indices, for the reproducibility receipt
 */
public record PreparedData(
        Preprocessing preprocessing,
        TrainingLoop.Data train,
        TrainingLoop.Data validation,
        TrainingLoop.Data test,
        int[] testRows,
        String splitSha256) {

    public static PreparedData table(TabularData data, ModelSpec spec) {
        Table table = data.table();
        int[] classOf = null;
        if (data.task() == Task.CLASSIFICATION) {
            // class indices only; the statistics of this whole-table fit are not used
            float[] y = TabularEncoding.fit(
                            table,
                            data.labelColumn(),
                            data.task(),
                            data.classes(),
                            true,
                            data.ignoredColumns(),
                            data.unknownCategories())
                    .targets(table);
            classOf = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                classOf[i] = (int) y[i];
            }
        }
        Splits splits = Splits.of(classOf, table.rowCount(), spec.validationSplit(), spec.testSplit(), spec.seed());
        Table trainTable = table.select(splits.train());
        // the job's choice, else the dataset's
        String unknownCategories = spec.tables() != null && spec.tables().unknownCategories() != null
                ? spec.tables().unknownCategories()
                : data.unknownCategories();
        TabularEncoding encoding = TabularEncoding.fit(
                trainTable,
                data.labelColumn(),
                data.task(),
                data.classes(),
                data.imputeMissing(),
                data.ignoredColumns(),
                unknownCategories);
        return new PreparedData(
                encoding,
                rows(encoding, trainTable),
                rows(encoding, table.select(splits.validation())),
                rows(encoding, table.select(splits.test())),
                splits.test(),
                Splits.sha256(splits.train(), splits.validation(), splits.test()));
    }

    /**
     * Images: the official test split when the dataset has one (the last {@code officialTestRows} images), else a
     * stratified one; validation is drawn from the rest.
     */
    public static PreparedData images(ImageSet images, DatasetInfo info, ModelSpec spec) {
        int n = images.count();
        int official = info.officialTestRows();
        int[] train;
        int[] validation;
        int[] test;
        if (official > 0) {
            int rest = n - official;
            Splits splits =
                    Splits.of(Arrays.copyOf(images.labels(), rest), rest, spec.validationSplit(), 0.0, spec.seed());
            train = splits.train();
            validation = splits.validation();
            test = IntStream.range(rest, n).toArray();
        } else {
            Splits splits = Splits.of(images.labels(), n, spec.validationSplit(), spec.testSplit(), spec.seed());
            train = splits.train();
            validation = splits.validation();
            test = splits.test();
        }
        ModelSpec.ImageSettings settings = spec.images();
        Float mean = null;
        Float std = null;
        if (Boolean.TRUE.equals(settings.standardize())) {
            float[] ms = ImageData.meanStd(images.pixels(), train, images.imageSize());
            mean = ms[0];
            std = ms[1];
        }
        boolean augment = settings.shift() > 0 || settings.rotation() > 0;
        String augmentation =
                augment ? "shift ±" + settings.shift() + " px, rotation ±" + settings.rotation() + "°" : "none";
        ImageEncoding encoding =
                new ImageEncoding(info.inputShape(), images.classes(), mean, std, info.imageStyle(), augmentation);
        ImageData.Augmenter augmenter = augment
                ? new ImageData.Augmenter(settings.shift(), settings.rotation(), new Random(spec.seed() + 7))
                : null;
        return new PreparedData(
                encoding,
                images(images, train, mean, std, augmenter),
                images(images, validation, mean, std, null),
                images(images, test, mean, std, null),
                test,
                Splits.sha256(train, validation, test));
    }

    private static ImageData images(ImageSet all, int[] rows, Float mean, Float std, ImageData.Augmenter augmenter) {
        ImageSet part = all.subset(rows);
        float[] y = new float[part.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = part.labels()[i];
        }
        return new ImageData(
                part.pixels(), y, part.count(), part.channels(), part.height(), part.width(), mean, std, augmenter);
    }

    private static TrainingLoop.Data rows(TabularEncoding encoding, Table table) {
        return new TrainingLoop.TableData(
                encoding.encode(table), encoding.targets(table), table.rowCount(), encoding.width());
    }
}
