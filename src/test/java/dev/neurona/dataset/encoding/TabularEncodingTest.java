package dev.neurona.dataset.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.dataset.CategoricalColumn;
import dev.neurona.dataset.NumericColumn;
import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TabularEncodingTest {

    private static final Table TRAIN = new Table(List.of(
            new NumericColumn("x", new double[] {1, 2, 3, 4}),
            new CategoricalColumn("colour", new String[] {"red", "blue", "red", "green"}),
            new CategoricalColumn("label", new String[] {"a", "b", "a", "b"})));

    private static TabularEncoding fitted(boolean impute) {
        return TabularEncoding.fit(TRAIN, "label", Task.CLASSIFICATION, List.of("a", "b"), impute);
    }

    /** Unknown categories refused. */
    private static TabularEncoding strict(boolean impute) {
        return TabularEncoding.fit(
                TRAIN, "label", Task.CLASSIFICATION, List.of("a", "b"), impute, List.of(), UnknownCategories.ERROR);
    }

    @Test
    void standardisesWithTrainingStatisticsAndOneHotsTheTrainingVocabulary() {
        TabularEncoding encoding = fitted(false);
        // mean 2.5, population std √1.25
        double std = Math.sqrt(1.25);
        assertThat(encoding.features().get(0).mean()).isEqualTo(2.5);
        assertThat(encoding.features().get(0).std()).isCloseTo(std, within(1e-12));
        assertThat(encoding.features().get(1).categories()).containsExactly("blue", "green", "red");
        assertThat(encoding.width()).isEqualTo(4);

        float[] x = encoding.encode(TRAIN);
        assertThat(x[0]).isCloseTo((float) ((1 - 2.5) / std), within(1e-6f));
        assertThat(java.util.Arrays.copyOfRange(x, 1, 4)).containsExactly(0f, 0f, 1f);
        assertThat(java.util.Arrays.copyOfRange(x, 5, 8)).containsExactly(1f, 0f, 0f);
        assertThat(encoding.targets(TRAIN)).containsExactly(0f, 1f, 0f, 1f);
    }

    @Test
    void jsonRowsEncodeExactlyLikeTableRowsAfterAJsonRoundTrip() {
        JsonMapper json = JsonMapper.builder().build();
        TabularEncoding encoding = json.readValue(json.writeValueAsString(fitted(false)), TabularEncoding.class);
        float[] fromJson = encoding.encodeRows(List.of(
                        Map.of("x", 3, "colour", "red"), Map.of("x", 4.0, "colour", "green", "label", "ignored")))
                .values();
        float[] fromTable = fitted(false).encode(TRAIN);
        assertThat(fromJson).containsExactly(java.util.Arrays.copyOfRange(fromTable, 8, 16));
    }

    @Test
    void reportsEveryBadCellByRowAndColumn() {
        Map<String, Object> nullColour = new HashMap<>();
        nullColour.put("x", 1);
        nullColour.put("colour", null);
        assertThatThrownBy(() -> strict(false)
                        .encodeRows(List.of(
                                Map.of("colour", "red"),
                                Map.of("x", "three", "colour", "red"),
                                Map.of("x", 1, "colour", "purple"),
                                nullColour)))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e)
                        .errors().stream().map(FieldProblem::field).toList())
                .isEqualTo(List.of("rows[0].x", "rows[1].x", "rows[2].colour", "rows[3].colour"));
    }

    @Test
    void imputesNullsWithTrainingMeanAndMostFrequentCategoryWhenTrainedThatWay() {
        Map<String, Object> row = new HashMap<>();
        row.put("x", null);
        row.put("colour", null);
        float[] x = fitted(true).encodeRows(List.of(row)).values();
        assertThat(x).containsExactly(0f, 0f, 0f, 1f);
    }

    @Test
    void regressionTargetsAreStandardisedAndDecodeBack() {
        Table table = new Table(List.of(
                new NumericColumn("x", new double[] {0, 1, 2}), new NumericColumn("y", new double[] {10, 20, 30})));
        TabularEncoding encoding = TabularEncoding.fit(table, "y", Task.REGRESSION, List.of(), false);
        float[] y = encoding.targets(table);
        assertThat(y[1]).isEqualTo(0f);
        assertThat(encoding.decodeTarget(y[2])).isCloseTo(30.0, within(1e-5));
    }
}
