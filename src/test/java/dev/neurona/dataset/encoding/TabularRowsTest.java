package dev.neurona.dataset.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.CategoricalColumn;
import dev.neurona.dataset.NumericColumn;
import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Prediction rows as users have them: ids and names beside the features, arrays, unseen categories, "NA" cells. */
class TabularRowsTest {

    // file order: id, x, name, colour, label
    private static final Table TRAIN = new Table(List.of(
            new NumericColumn("id", new double[] {1, 2, 3, 4}),
            new NumericColumn("x", new double[] {1, 2, 3, 4}),
            new CategoricalColumn("name", new String[] {"Ann", "Bob", "Cy", "Di"}),
            new CategoricalColumn("colour", new String[] {"red", "blue", "red", "green"}),
            new CategoricalColumn("label", new String[] {"a", "b", "a", "b"})));

    private static TabularEncoding fitted(boolean impute, String unknownCategories) {
        return TabularEncoding.fit(
                TRAIN,
                "label",
                Task.CLASSIFICATION,
                List.of("a", "b"),
                impute,
                List.of("id", "name"),
                unknownCategories);
    }

    private static List<String> fields(Runnable encode) {
        try {
            encode.run();
        } catch (DomainException e) {
            return e.errors().stream().map(FieldProblem::field).toList();
        }
        throw new AssertionError("no problem reported");
    }

    private static String message(Runnable encode) {
        try {
            encode.run();
        } catch (DomainException e) {
            return e.errors().get(0).message();
        }
        throw new AssertionError("no problem reported");
    }

    @Test
    void ignoredColumnsAreNoFeatureAndRowsMayCarryThemOrAnythingElse() {
        TabularEncoding encoding = fitted(false, UnknownCategories.IGNORE);
        assertThat(encoding.features())
                .extracting(TabularEncoding.Feature::name)
                .containsExactly("x", "colour");
        assertThat(encoding.width()).isEqualTo(4);
        assertThat(encoding.columns()).containsExactly("id", "x", "name", "colour", "label");
        assertThat(encoding.ignoredColumns()).containsExactly("id", "name");

        float[] plain =
                encoding.encodeRows(List.of(Map.of("x", 2, "colour", "blue"))).values();
        EncodedRows extra = encoding.encodeRows(List.of(Map.of(
                "id", 999, "name", "Zed the unseen", "x", 2, "colour", "blue", "label", "a", "whatever", List.of(1))));
        assertThat(extra.values()).containsExactly(plain);
        assertThat(extra.notes().get(0)).isEmpty();
    }

    @Test
    void anUnknownCategoryIsAllZerosAndNotedPerRowWhenIgnored() {
        EncodedRows rows = fitted(false, UnknownCategories.IGNORE)
                .encodeRows(List.of(Map.of("x", 2.5, "colour", "red"), Map.of("x", 2.5, "colour", "Atlantis")));
        assertThat(Arrays.copyOfRange(rows.values(), 4, 8)).containsExactly(0f, 0f, 0f, 0f);
        assertThat(rows.notes().get(0)).isEmpty();
        assertThat(rows.notes().get(1))
                .containsExactly(new RowNote(
                        "rows[1].colour",
                        "unknown category \"Atlantis\"; encoded as all zeros (unknownCategories=ignore)"));
    }

    @Test
    void anUnknownCategoryIsRefusedCellByCellWhenTheModelSaysError() {
        TabularEncoding encoding = fitted(false, UnknownCategories.ERROR);
        assertThat(fields(() -> encoding.encodeRows(List.of(
                        Map.of("x", 1, "colour", "Atlantis"),
                        Map.of("x", 1, "colour", "red"),
                        Map.of("x", 1, "colour", "Mu")))))
                .containsExactly("rows[0].colour", "rows[2].colour");
        assertThat(message(() -> encoding.encodeRows(List.of(Map.of("x", 1, "colour", "Atlantis")))))
                .contains("unknownCategories=error", "blue, green, red");
    }

    @Test
    void missingTokensOfTheUploadAreMissingInPredictionsToo() {
        TabularEncoding imputing = fitted(true, UnknownCategories.IGNORE);
        float[] imputed =
                imputing.encodeRows(List.of(Map.of("x", 2.5, "colour", "red"))).values();
        for (String token : new String[] {"NA", "n/a", "", " ? ", "NaN", "null"}) {
            EncodedRows rows = imputing.encodeRows(List.of(Map.of("x", token, "colour", token)));
            // x at the training mean (standardised 0), colour the most frequent training category (red)
            assertThat(rows.values()).as(token).containsExactly(imputed);
            assertThat(rows.notes().get(0)).isEmpty();
        }
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("x", null);
        nulls.put("colour", null);
        assertThat(imputing.encodeRows(List.of(nulls)).values()).containsExactly(imputed);
    }

    @Test
    void aMissingCellIsRefusedByAModelTrainedWithoutImputationSayingHowToGetThere() {
        TabularEncoding strict = fitted(false, UnknownCategories.IGNORE);
        assertThat(fields(() -> strict.encodeRows(List.of(Map.of("x", "NA", "colour", "?")))))
                .containsExactly("rows[0].x", "rows[0].colour");
        assertThat(message(() -> strict.encodeRows(List.of(Map.of("x", "NA", "colour", "red")))))
                .contains("missing", "\"NA\"", "missingValues=impute");
    }

    @Test
    void numbersAsTextAreNumbersButOtherTextIsNot() {
        TabularEncoding encoding = fitted(false, UnknownCategories.IGNORE);
        assertThat(encoding.encodeRows(List.of(Map.of("x", " 2.5e0 ", "colour", "red")))
                        .values())
                .containsExactly(encoding.encodeRows(List.of(Map.of("x", 2.5, "colour", "red")))
                        .values());
        for (Object bad : new Object[] {"three", "Infinity", "0x10", "1,5", true, List.of(1.0), Map.of("v", 1)}) {
            assertThat(message(() -> encoding.encodeRows(List.of(Map.of("x", bad, "colour", "red")))))
                    .as("%s", bad)
                    .startsWith("expected a number");
        }
    }

    @Test
    void arraysAreReadInTheModelsInputOrderOrInTheFilesColumnOrder() {
        TabularEncoding encoding = fitted(true, UnknownCategories.IGNORE);
        float[] object =
                encoding.encodeRows(List.of(Map.of("x", 3, "colour", "green"))).values();
        assertThat(encoding.encodeRows(List.of(List.of(3, "green"))).values()).containsExactly(object);
        assertThat(encoding.encodeRows(List.of(List.of(77, 3, "Eve", "green", "b")))
                        .values())
                .containsExactly(object);
        List<Object> withNulls = new ArrayList<>(Arrays.asList(null, 3, null, "green", null));
        assertThat(encoding.encodeRows(List.of(withNulls)).values()).containsExactly(object);

        String wrongLength = message(() -> encoding.encodeRows(List.of(List.of(3, "green", "x"))));
        assertThat(wrongLength)
                .contains("3 values", "2 values", "(x, colour)", "5 values", "(id, x, name, colour, label)");
        assertThat(fields(() -> encoding.encodeRows(List.of(List.of(List.of(3, "green"))))))
                .containsExactly("rows[0]");
        assertThat(fields(() -> encoding.encodeRows(List.of(List.of(List.of(3), "green")))))
                .containsExactly("rows[0].x");
        assertThat(fields(() -> encoding.encodeRows(Arrays.asList(7, "row", null))))
                .containsExactly("rows[0]", "rows[1]", "rows[2]");
    }

    @Test
    void aModelSavedBeforeTheseChoicesLoadsIgnoringUnknownCategoriesAndTakesInputOrderArrays() {
        String old =
                """
                {"kind":"tabular","features":[
                  {"name":"x","type":"numeric","mean":2.5,"std":1.0,"categories":null,"fill":null},
                  {"name":"colour","type":"categorical","mean":null,"std":null,"categories":["blue","red"],"fill":"red"}],
                 "label":"label","task":"CLASSIFICATION","classes":["a","b"],"targetMean":null,"targetStd":null,
                 "imputeMissing":false}""";
        JsonMapper json = JsonMapper.builder().build();
        TabularEncoding encoding = (TabularEncoding) json.readValue(old, Preprocessing.class);
        assertThat(encoding.unknownCategories()).isEqualTo(UnknownCategories.IGNORE);
        assertThat(encoding.columns()).isEmpty();
        assertThat(encoding.ignoredColumns()).isEmpty();
        EncodedRows rows = encoding.encodeRows(List.of(List.of(2.5, "purple")));
        assertThat(rows.values()).containsExactly(0f, 0f, 0f);
        assertThat(rows.notes().get(0)).extracting(RowNote::field).containsExactly("rows[0].colour");
        assertThat(message(() -> encoding.encodeRows(List.of(List.of(1, 2, 3)))))
                .doesNotContain("every column");
    }

    @Test
    void theChoicesSurviveAJsonRoundTrip() {
        JsonMapper json = JsonMapper.builder().build();
        TabularEncoding fitted = fitted(true, UnknownCategories.ERROR);
        TabularEncoding read = (TabularEncoding) json.readValue(json.writeValueAsString(fitted), Preprocessing.class);
        assertThat(read).isEqualTo(fitted);
    }

    @Test
    void atMostFiftyProblemsAreListedHoweverWideAndLongTheRequest() {
        List<dev.neurona.dataset.Column> columns = new ArrayList<>();
        for (int c = 0; c < 200; c++) {
            columns.add(new NumericColumn("x" + c, new double[] {1, 2}));
        }
        columns.add(new CategoricalColumn("label", new String[] {"a", "b"}));
        TabularEncoding wide =
                TabularEncoding.fit(new Table(columns), "label", Task.CLASSIFICATION, List.of("a", "b"), false);
        assertThat(fields(() -> wide.encodeRows(List.of(Map.of(), Map.of())))).hasSize(50);
    }
}
