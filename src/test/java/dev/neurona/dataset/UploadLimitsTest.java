package dev.neurona.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neurona.dataset.format.CsvOptions;
import dev.neurona.dataset.format.CsvResult;
import dev.neurona.dataset.format.CsvTableReader;
import dev.neurona.dataset.format.MissingPolicy;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** What a table or an image set may store: names, values and classes that can always be read back. */
class UploadLimitsTest {

    static final UploadLimits LIMITS = new UploadLimits(new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("neurona", Bindable.of(NeuronaProperties.class)));

    private static FieldProblem refused(ThrowingCallable call) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, call);
        assertThat(e).as("expected a 400").isNotNull();
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }

    private static CsvResult csv(String text, String label) {
        return CsvTableReader.read(
                text.getBytes(StandardCharsets.UTF_8), new CsvOptions(null, label, null, MissingPolicy.ERROR));
    }

    @Test
    void theDefaults() {
        NeuronaProperties.Uploads uploads = LIMITS.settings();
        assertThat(uploads.maxImages()).isEqualTo(500_000);
        assertThat(uploads.maxImageBytes().toMegabytes()).isEqualTo(400);
        assertThat(uploads.maxColumns()).isEqualTo(1000);
        assertThat(uploads.maxColumnNameLength()).isEqualTo(200);
        assertThat(uploads.maxCellLength()).isEqualTo(1000);
        assertThat(uploads.maxClasses()).isEqualTo(1000);
        assertThat(uploads.maxClassNameLength()).isEqualTo(200);
        assertThat(uploads.zipExpanded().toGigabytes()).isEqualTo(1);
    }

    @Test
    void aTextValueLongerThanTheSettingIsRefusedNamingItsColumn() {
        String ok = "a".repeat(1000);
        LIMITS.table(csv("x,color,y\n1," + ok + ",a\n2,b,b\n", null));
        FieldProblem p = refused(() -> LIMITS.table(csv("x,color,y\n1," + "a".repeat(50_001) + ",a\n2,b,b\n", null)));
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message())
                .isEqualTo("column 'color' holds a value of 50001 characters ('" + "a".repeat(40) + "…'); a text"
                        + " value may have at most 1000 (neurona.uploads.max-cell-length)");
    }

    @Test
    void columnNamesAreBoundedInLengthCountAndCharacters() {
        LIMITS.table(csv("x,c" + "o".repeat(199) + ",y\n1,2,a\n2,3,b\n", null));
        assertThat(refused(() -> LIMITS.table(csv("x,c" + "o".repeat(200) + ",y\n1,2,a\n2,3,b\n", null)))
                        .message())
                .endsWith("has 201 characters; at most 200 are allowed (neurona.uploads.max-column-name-length)");
        assertThat(refused(() -> LIMITS.table(csv("x,evil\u202Egnp.exe,y\n1,2,a\n2,3,b\n", null)))
                        .message())
                .isEqualTo("the column name 'evil\\u202Egnp.exe' contains U+202E (RIGHT-TO-LEFT OVERRIDE); rename the"
                        + " column");
        String header =
                String.join(",", IntStream.range(0, 1001).mapToObj(i -> "c" + i).toList());
        String row = String.join(
                ",", IntStream.range(0, 1001).mapToObj(i -> "" + i % 2).toList());
        assertThat(refused(() -> LIMITS.table(csv(header + "\n" + row + "\n" + row.replace('0', '2') + "\n", null)))
                        .message())
                .isEqualTo("the table has 1001 columns; at most 1000 are allowed (neurona.uploads.max-columns)");
    }

    @Test
    void classNamesAreBoundedAndFreeOfInvisibleCharacters() {
        FieldProblem label = refused(() -> LIMITS.table(csv("x,y\n1," + "b".repeat(201) + "\n2,a\n", null)));
        assertThat(label.field()).isEqualTo("labelColumn");
        assertThat(label.message())
                .endsWith("(a label value) has 201 characters; at most 200 are allowed"
                        + " (neurona.uploads.max-class-name-length)");
        assertThat(refused(() -> LIMITS.classes(List.of("cat", "dog\u202Etac"), "file", "class folder's name"))
                        .message())
                .isEqualTo("the class name 'dog\\u202Etac' (a class folder's name) contains U+202E (RIGHT-TO-LEFT"
                        + " OVERRIDE); class names must not contain control or invisible formatting characters");
        List<String> many = new ArrayList<>();
        IntStream.range(0, 1001).forEach(i -> many.add("c" + i));
        assertThat(refused(() -> LIMITS.classes(many, "files", "file name")).message())
                .isEqualTo("the upload holds 1001 classes; at most 1000 are allowed (neurona.uploads.max-classes)");
        // names in any script, emoji (astral, with joiners) and Persian words with a zero-width non-joiner are fine
        LIMITS.classes(List.of("猫", "قطة", "👨‍👩‍👧", "می‌خواهم", "𝔡𝔬𝔤"), "file", "class folder's name");
    }

    @Test
    void invisibleNamesControlFormattingAndSeparatorCharacters() {
        assertThat(UploadLimits.invisible("plain name")).isNull();
        assertThat(UploadLimits.invisible("a\u0000b")).startsWith("U+0000");
        assertThat(UploadLimits.invisible("a\tb")).startsWith("U+0009");
        assertThat(UploadLimits.invisible("a\u200Bb")).isEqualTo("U+200B (ZERO WIDTH SPACE)");
        assertThat(UploadLimits.invisible("a\u2066b")).startsWith("U+2066");
        assertThat(UploadLimits.invisible("a\u2028b")).startsWith("U+2028");
        assertThat(UploadLimits.invisible("a\uFEFFb")).startsWith("U+FEFF");
        assertThat(UploadLimits.invisible("a\uD800b")).startsWith("U+D800");
        assertThat(UploadLimits.invisible("a\u200Cb\u200Dc")).isNull();
    }
}
