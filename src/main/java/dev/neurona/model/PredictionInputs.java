package dev.neurona.model;

import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.dataset.encoding.UnknownCategories;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one model's prediction request looks like, read from the preprocessing stored with it (the same record that
 * encodes the request at prediction time), with an example built from its own training statistics.
 */
final class PredictionInputs {

    /** The drawing the example request sends: the strokes of a "7". */
    static final List<List<List<Integer>>> EXAMPLE_DRAWING =
            List.of(List.of(List.of(10, 60, 110), List.of(20, 20, 20)), List.of(List.of(110, 60), List.of(20, 120)));

    private PredictionInputs() {}

    /** A table row: every feature column, typed and with the training categories. */
    static Schema<?> row(TabularEncoding encoding) {
        ObjectSchema row = new ObjectSchema();
        row.description("one row: every input column of the model (extra keys, such as the label '" + encoding.label()
                + "', are not looked at). "
                + (encoding.imputeMissing()
                        ? "A missing cell (null, \"\", \"NA\", \"?\"…) is filled as in training: numeric columns "
                                + "with the training mean, categorical ones with the most frequent category."
                        : "Missing cells are refused (the dataset was not uploaded with missingValues=impute)."));
        for (TabularEncoding.Feature f : encoding.features()) {
            row.addProperty(f.name(), cell(f, encoding));
            row.addRequiredItem(f.name());
        }
        return row;
    }

    private static Schema<?> cell(TabularEncoding.Feature f, TabularEncoding encoding) {
        Schema<?> cell;
        if ("numeric".equals(f.type())) {
            cell = new NumberSchema()
                    .description("numeric (a number, or a number as text); training mean " + f.mean()
                            + ", standard deviation " + f.std());
        } else if (UnknownCategories.ERROR.equals(encoding.unknownCategories())) {
            StringSchema known = new StringSchema();
            known.setEnum(new ArrayList<>(f.categories()));
            cell = known.description(
                    "categorical: one of the training categories (unknownCategories=error: any" + " other is refused)");
        } else {
            StringSchema known = new StringSchema();
            known.setEnum(new ArrayList<>(f.categories()));
            known.description("a training category");
            cell = new Schema<>()
                    .anyOf(List.of(
                            known,
                            new StringSchema()
                                    .description("any other category: encoded as all zeros, said in the "
                                            + "prediction's notes")))
                    .description("categorical; unknownCategories=ignore");
        }
        if (encoding.imputeMissing()) {
            cell.nullable(true);
        }
        return cell;
    }

    /** The example row: numeric columns at their training mean, categorical ones at their most frequent category. */
    static Map<String, Object> exampleRow(TabularEncoding encoding) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (TabularEncoding.Feature f : encoding.features()) {
            if ("numeric".equals(f.type())) {
                row.put(
                        f.name(),
                        new BigDecimal(f.mean()).round(MathContext.DECIMAL64).stripTrailingZeros());
            } else {
                row.put(f.name(), f.fill() != null ? f.fill() : f.categories().get(0));
            }
        }
        return row;
    }

    /** The JSON body of an image model: raw pixels, and for 28×28 grey models drawings too. */
    static Schema<?> imageBody(ImageEncoding encoding, int maxRows) {
        List<Integer> shape = encoding.inputShape();
        int channels = shape.get(0);
        int height = shape.get(1);
        int width = shape.get(2);
        int size = channels * height * width;
        ArraySchema image = new ArraySchema();
        image.items(new NumberSchema().minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(255)));
        image.minItems(size).maxItems(size);
        image.description(channels + "×" + height + "×" + width + " (channels × height × width) pixel values 0–255, "
                + "flat in that order (nested rows are accepted too), "
                + (channels == 1 ? "grey, white ink (255) on black (0) like the training images" : "RGB")
                + "; the model scales them to 0–1"
                + (encoding.mean() != null ? " and standardises them with the training mean and deviation" : "")
                + " itself. A 0–1 image is refused.");
        ObjectSchema body = new ObjectSchema();
        body.addProperty(
                "images",
                new ArraySchema().items(image).maxItems(maxRows).description("raw images, one prediction each"));
        if (takesDrawings(encoding)) {
            ArraySchema axis = new ArraySchema().items(new NumberSchema());
            ArraySchema stroke = new ArraySchema().items(axis);
            stroke.minItems(2).maxItems(3).description("[[xs], [ys]] or [[xs], [ys], [ts]]");
            ArraySchema drawing = new ArraySchema().items(stroke);
            drawing.minItems(1)
                    .description("the strokes of one drawing: Quick, Draw! simplified (0–255) or raw canvas strokes in "
                            + "any pixel coordinates; rendered and framed like the training images ("
                            + encoding.style() + ")");
            body.addProperty(
                    "drawings",
                    new ArraySchema().items(drawing).maxItems(maxRows).description("drawings, one prediction each"));
        }
        body.addProperty("topK", topK(encoding));
        body.addProperty(
                "includeInput",
                new BooleanSchema()
                        ._default(false)
                        .description("also return the image the model saw, as a base64 PNG"));
        body.description("send images and/or drawings (at most " + maxRows + " together)");
        return body;
    }

    static Schema<?> topK(ImageEncoding encoding) {
        IntegerSchema topK = new IntegerSchema();
        topK.minimum(BigDecimal.ONE)
                .maximum(BigDecimal.valueOf(encoding.classes().size()));
        topK._default(Math.min(3, encoding.classes().size()));
        return topK.description("how many best classes to rank in `top`");
    }

    /** Drawings are rasterised to 28×28 grey: only models of that shape take them. */
    static boolean takesDrawings(ImageEncoding encoding) {
        return encoding.inputShape().equals(List.of(1, 28, 28));
    }

    /** A blank (all black) image of the model's shape, flat. */
    static List<Integer> blankImage(ImageEncoding encoding) {
        List<Integer> shape = encoding.inputShape();
        return Collections.nCopies(shape.get(0) * shape.get(1) * shape.get(2), 0);
    }
}
