package dev.neurona.dataset.format;

import static dev.neurona.dataset.format.IdxReaderTest.gzip;
import static dev.neurona.dataset.format.IdxReaderTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.ImageSet;
import dev.neurona.dataset.NamedFile;
import dev.neurona.imaging.StrokeRasterizer;
import dev.neurona.imaging.StrokeRasterizer.Stroke;
import dev.neurona.platform.problem.FieldProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Quick, Draw! ndjson files read into images, one class per file, and the problems that name file and line. */
public class NdjsonStrokesReaderTest {

    /** The Quick, Draw! samples of ../shared: 13 categories of bitmaps and strokes. */
    public static final Path QUICKDRAW = Path.of("..", "shared", "data", "quickdraw");

    /** The thirteen categories of ../shared, in the order the reader gives their classes. */
    public static final List<String> CATEGORIES = List.of(
            "airplane",
            "apple",
            "bicycle",
            "cat",
            "circle",
            "crown",
            "diamond",
            "eye",
            "fish",
            "skull",
            "smiley_face",
            "square",
            "star");

    private static Stroke stroke(int... xy) {
        int[] xs = new int[xy.length / 2];
        int[] ys = new int[xy.length / 2];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = xy[2 * i];
            ys[i] = xy[2 * i + 1];
        }
        return new Stroke(xs, ys);
    }

    private static String line(String word, String drawing) {
        return "{\"word\":\"" + word + "\",\"countrycode\":\"DE\",\"recognized\":false,\"drawing\":" + drawing + "}\n";
    }

    private static NamedFile file(String name, String text) {
        return new NamedFile(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsNdjsonFilesOneClassPerFileRawOrGzipped() {
        String cat = line("cat", "[[[0,255],[0,0]]]") + "\n" + line("cat", "[[[0,0],[0,255]],[[9],[9]]]");
        String dog = line("dog", "[[[10,20,30],[40,50,10]]]");
        ImageSet set = NdjsonStrokesReader.read(
                List.of(
                        new NamedFile("full_simplified_dog.ndjson.gz", gzip(dog.getBytes(StandardCharsets.UTF_8))),
                        file("data/cat.ndjson", cat)),
                0);

        assertThat(set.classes()).containsExactly("cat", "dog");
        assertThat(set.labels()).containsExactly(0, 0, 1);
        assertThat(set.height()).isEqualTo(28);
        assertThat(Arrays.copyOfRange(set.pixels(), 0, 784))
                .isEqualTo(StrokeRasterizer.render(List.of(stroke(0, 0, 255, 0)), "s"));
        assertThat(Arrays.copyOfRange(set.pixels(), 2 * 784, 3 * 784))
                .isEqualTo(StrokeRasterizer.render(List.of(stroke(10, 40, 20, 50, 30, 10)), "s"));

        ImageSet capped = NdjsonStrokesReader.read(List.of(file("cat.ndjson", cat), file("dog.ndjson", dog)), 1);
        assertThat(capped.labels()).containsExactly(0, 1);
    }

    @Test
    void ndjsonProblemsNameTheFileAndLine() {
        String good = line("cat", "[[[0,255],[0,0]]]");
        FieldProblem json = problem(() -> NdjsonStrokesReader.read(List.of(file("cat.ndjson", good + "{oops\n")), 0));
        assertThat(json.field()).isEqualTo("files[0]");
        assertThat(json.message()).startsWith("cat.ndjson line 2: is not valid JSON");

        assertThat(ndjsonMessage(good + good + line("cat", "[[[0,300],[0,0]]]")))
                .isEqualTo("cat.ndjson line 3: drawing[0]: x=300 is outside 0–255");
        assertThat(ndjsonMessage("{\"word\":\"cat\"}"))
                .isEqualTo("cat.ndjson line 1: has no \"drawing\" list of" + " strokes");
        assertThat(ndjsonMessage("[1,2]")).contains("is not a JSON object");
        assertThat(ndjsonMessage(line("cat", "[[[0,1.5],[0,0]]]"))).contains("x=1.5 is not a whole number");
        assertThat(ndjsonMessage(line("cat", "[[[0,1],[0,0],[0,16]]]"))).contains("raw files with timings");
        assertThat(ndjsonMessage("\n\n")).isEqualTo("cat.ndjson holds no drawings");
        assertThat(ndjsonMessage("{\"drawing\":[[\"" + "x".repeat(NdjsonStrokesReader.MAX_LINE) + "\"]]}"))
                .contains("line 1 is longer than");

        assertThat(problem(() -> NdjsonStrokesReader.read(List.of(file("cat.json", good)), 0))
                        .message())
                .contains("is not a .ndjson file");
        assertThat(problem(() -> NdjsonStrokesReader.read(
                                List.of(file("cat.ndjson", good), file("full_simplified_cat.ndjson", good)), 0))
                        .message())
                .contains("both name the class 'cat'");
        assertThat(problem(() -> NdjsonStrokesReader.read(
                                List.of(new NamedFile(
                                        "cat.ndjson.gz",
                                        Arrays.copyOf(gzip(good.getBytes(StandardCharsets.UTF_8)), 20))),
                                0))
                        .message())
                .startsWith("the gzip data is damaged");
    }

    private static String ndjsonMessage(String text) {
        return problem(() -> NdjsonStrokesReader.read(List.of(file("cat.ndjson", text)), 0))
                .message();
    }

    @Test
    void readsTheRealStrokeFiles() throws IOException {
        Assumptions.assumeTrue(
                Files.exists(QUICKDRAW.resolve("strokes")),
                "../shared is absent: no Quick, Draw! strokes at " + QUICKDRAW.toAbsolutePath());
        ImageSet set = NdjsonStrokesReader.read(strokeFiles(), 0);
        assertThat(set.classes()).isEqualTo(CATEGORIES);
        assertThat(set.count()).isEqualTo(13 * 25);
        assertThat(set.labels()[25]).isEqualTo(1);
    }

    /** The real stroke files of {@link #CATEGORIES}, 25 drawings each. */
    public static List<NamedFile> strokeFiles() throws IOException {
        List<NamedFile> files = new ArrayList<>();
        for (String category : CATEGORIES) {
            Path path = QUICKDRAW.resolve("strokes").resolve(category + ".ndjson");
            files.add(new NamedFile(category + ".ndjson", Files.readAllBytes(path)));
        }
        return files;
    }
}
