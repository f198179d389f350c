package dev.neurona.dataset.format;

import dev.neurona.dataset.ImageSet;
import dev.neurona.dataset.NamedFile;
import dev.neurona.imaging.StrokeRasterizer;
import dev.neurona.imaging.StrokeRasterizer.Stroke;
import dev.neurona.platform.problem.FieldPath;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Quick, Draw! stroke files ({@code .ndjson}, Google's simplified format) and renders every drawing with
 * {@link StrokeRasterizer} as it is read, so a file of drawings never sits in memory as JSON.
 */
public final class NdjsonStrokesReader {

    /** One drawing at the point limit is under 1 MB of JSON; a longer line is not a drawing. */
    public static final int MAX_LINE = 4 * 1024 * 1024;

    static final int MAX_DRAWINGS = 2_000_000;
    private static final int SIDE = StrokeRasterizer.SIDE;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NdjsonStrokesReader() {}

    /**
     * One class per {@code .ndjson} file (optionally gzipped) in Google's simplified format, named after the file
     * like the {@code .npy} bitmaps ({@code cat.ndjson}, {@code full_simplified_cat.ndjson.gz} → {@code cat}), so
     * strokes and bitmaps of one category get the same class name; the {@code word} field is ignored because it
     * spells some names differently ({@code smiley face}). Drawings Google's model did not recognise are kept, as
     * in the bitmaps. At most {@code capPerClass} drawings per file, from the start, or all when it is 0.
     */
    public static ImageSet read(List<NamedFile> files, int capPerClass) {
        return read(files, capPerClass, ImageBudget.unlimited());
    }

    /** As above, drawing every drawing from {@code budget} before it is rendered. */
    public static ImageSet read(List<NamedFile> files, int capPerClass, ImageBudget budget) {
        if (capPerClass < 0) {
            throw new InvalidInputException(
                    "capPerClass", "must be 0 (all drawings) or a positive number, not " + capPerClass);
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("files", "no .ndjson files were uploaded; upload one file per class");
        }
        int cap = capPerClass == 0 ? MAX_DRAWINGS : Math.min(capPerClass, MAX_DRAWINGS);
        List<ClassImages> classes = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            NamedFile file = files.get(i);
            String field = "files[" + i + "]";
            String name = file.baseName();
            String label = file.className(field, List.of(".ndjson.gz", ".ndjson"), "full_simplified_", seen);
            classes.add(readFile(file.bytes(), field, name, label, cap, budget));
        }
        return ClassImages.stack(1, SIDE, SIDE, classes, "files");
    }

    private static ClassImages readFile(
            byte[] bytes, String field, String name, String label, int cap, ImageBudget budget) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        int count = 0;
        int lineNumber = 0;
        try (InputStream in = new BufferedInputStream(
                IdxReader.isGzip(bytes)
                        ? IdxReader.gunzipStream(bytes, IdxReader.MAX_BYTES, field)
                        : new ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (count < cap && nextLine(in, line, field, name, lineNumber + 1)) {
                lineNumber++;
                if (isBlank(line)) {
                    continue;
                }
                // drawings are rendered as they are read, so the limits are enforced as a running count
                budget.take(
                        field,
                        1,
                        SIDE * SIDE,
                        name + " line " + lineNumber + " is drawing " + (count + 1) + " of that file",
                        "; set a lower capPerClass or upload fewer files");
                String where = name + " line " + lineNumber + ": ";
                List<Stroke> strokes = strokes(line, field, where);
                try {
                    pixels.write(StrokeRasterizer.render(strokes));
                } catch (InvalidInputException e) {
                    // the file is the field; the line and the place in the drawing go into the message
                    FieldProblem p = e.errors().get(0);
                    throw new InvalidInputException(
                            field, where + FieldPath.join("drawing", p.field()) + ": " + p.message());
                }
                count++;
            }
        } catch (IOException e) {
            throw IdxReader.damagedGzip(field, e);
        }
        if (count == 0) {
            throw new InvalidInputException(field, name + " holds no drawings");
        }
        return new ClassImages(label, count, pixels.toByteArray());
    }

    /** Reads the next line (without its line break) into {@code line}; false at the end of the input. */
    private static boolean nextLine(InputStream in, ByteArrayOutputStream line, String field, String name, int number)
            throws IOException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return false;
        }
        while (b >= 0 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                throw new InvalidInputException(
                        field,
                        name + " line " + number + " is longer than " + MAX_LINE
                                + " bytes; each line must be one drawing");
            }
            line.write(b);
            b = in.read();
        }
        return true;
    }

    private static boolean isBlank(ByteArrayOutputStream line) {
        for (byte b : line.toByteArray()) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static List<Stroke> strokes(ByteArrayOutputStream line, String field, String where) {
        JsonNode drawing;
        try {
            JsonNode node = JSON.readTree(line.toByteArray());
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(
                        field,
                        where + "is not a JSON object; each line must be one drawing"
                                + " in Google's simplified format");
            }
            drawing = node.get("drawing");
        } catch (JacksonException e) {
            throw new InvalidInputException(field, where + "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (drawing == null || !drawing.isArray()) {
            throw new InvalidInputException(field, where + "has no \"drawing\" list of strokes");
        }
        if (drawing.size() > StrokeRasterizer.MAX_STROKES) {
            throw new InvalidInputException(
                    field,
                    where + "the drawing has " + drawing.size() + " strokes; at most " + StrokeRasterizer.MAX_STROKES
                            + " are allowed");
        }
        List<Stroke> strokes = new ArrayList<>(drawing.size());
        for (int s = 0; s < drawing.size(); s++) {
            JsonNode stroke = drawing.get(s);
            if (!stroke.isArray()
                    || stroke.size() != 2
                    || !stroke.get(0).isArray()
                    || !stroke.get(1).isArray()) {
                throw new InvalidInputException(
                        field,
                        where + "drawing[" + s + "] must be [[x…], [y…]] (Google's"
                                + " simplified format; raw files with timings are not supported)");
            }
            strokes.add(new Stroke(
                    numbers(stroke.get(0), field, where, s, "x"), numbers(stroke.get(1), field, where, s, "y")));
        }
        return strokes;
    }

    private static int[] numbers(JsonNode list, String field, String where, int stroke, String axis) {
        if (list.size() > StrokeRasterizer.MAX_POINTS) {
            throw new InvalidInputException(
                    field, where + "the drawing has more than " + StrokeRasterizer.MAX_POINTS + " points");
        }
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = list.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new InvalidInputException(
                        field,
                        where + "drawing[" + stroke + "]: " + axis + "=" + v + " is not a whole number from 0 to 255");
            }
            values[i] = v.intValue();
        }
        return values;
    }
}
