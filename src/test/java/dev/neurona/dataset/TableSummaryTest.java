package dev.neurona.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.dataset.format.CsvOptions;
import dev.neurona.dataset.format.CsvResult;
import dev.neurona.dataset.format.CsvTableReader;
import dev.neurona.dataset.format.MissingPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableSummaryTest {

    private static final double NaN = Double.NaN;

    /** 5 rows: x = 1, 2, NaN, 4, 8 -> mean 15/4 = 3.75, population variance (7.5625+3.0625+0.0625+18.0625)/4. */
    private static Table tiny() {
        return new Table(List.of(
                new NumericColumn("x", new double[] {1, 2, NaN, 4, 8}),
                new CategoricalColumn("colour", new String[] {"red", "blue", "red", null, "green"}),
                new NumericColumn("empty", new double[] {NaN, NaN, NaN, NaN, NaN}),
                new CategoricalColumn("y", new String[] {"b", "a", "b", "b", "a"})));
    }

    @Test
    void numericStatisticsIgnoreMissingCells() {
        ColumnSummary x = TableSummary.summarize(tiny(), "y").get(0);
        assertThat(x.name()).isEqualTo("x");
        assertThat(x.type()).isEqualTo("numeric");
        assertThat(x.role()).isEqualTo("feature");
        assertThat(x.missing()).isEqualTo(1);
        assertThat(x.min()).isEqualTo(1.0);
        assertThat(x.max()).isEqualTo(8.0);
        assertThat(x.mean()).isEqualTo(3.75);
        assertThat(x.std()).isCloseTo(Math.sqrt(28.75 / 4), within(1e-12));
        assertThat(x.distinct()).isEqualTo(4);
        assertThat(x.topCategories()).isNull();
    }

    @Test
    void allMissingNumericColumnHasNullStatisticsNotNaN() {
        ColumnSummary empty = TableSummary.summarize(tiny(), "y").get(2);
        assertThat(empty.missing()).isEqualTo(5);
        assertThat(empty.min()).isNull();
        assertThat(empty.max()).isNull();
        assertThat(empty.mean()).isNull();
        assertThat(empty.std()).isNull();
        assertThat(empty.distinct()).isZero();
    }

    @Test
    void categoricalSummaryCountsMostFrequentFirst() {
        List<ColumnSummary> all = TableSummary.summarize(tiny(), "y");
        ColumnSummary colour = all.get(1);
        assertThat(colour.type()).isEqualTo("categorical");
        assertThat(colour.missing()).isEqualTo(1);
        assertThat(colour.distinct()).isEqualTo(3);
        assertThat(colour.min()).isNull();
        assertThat(colour.std()).isNull();
        // equal counts are ordered by name so the summary is reproducible
        assertThat(colour.topCategories())
                .containsExactly(Map.entry("red", 2), Map.entry("blue", 1), Map.entry("green", 1));

        ColumnSummary y = all.get(3);
        assertThat(y.role()).isEqualTo("label");
        assertThat(y.topCategories()).containsExactly(Map.entry("b", 3), Map.entry("a", 2));
    }

    @Test
    void topCategoriesStopAtTwenty() {
        String[] values = new String[30 + 29];
        int i = 0;
        for (int k = 0; k < 30; k++) {
            values[i++] = "c" + k;
        }
        for (int k = 0; k < 29; k++) {
            values[i++] = "c29"; // c29 is the most frequent
        }
        Table t = new Table(
                List.of(new CategoricalColumn("c", values), new NumericColumn("y", new double[values.length])));
        ColumnSummary c = TableSummary.summarize(t, "y").get(0);
        assertThat(c.distinct()).isEqualTo(30);
        assertThat(c.topCategories()).hasSize(20);
        assertThat(c.topCategories().entrySet().iterator().next()).isEqualTo(Map.entry("c29", 30));
    }

    @Test
    void encodedWidthCountsOneHotColumnsAndSkipsTheLabel() {
        // x: 1, colour: 3 categories, empty: 1; the label y is not an input
        assertThat(TableSummary.encodedWidth(tiny(), "y")).isEqualTo(5);
        // with colour as label, y's two classes become inputs instead
        assertThat(TableSummary.encodedWidth(tiny(), "colour")).isEqualTo(4);
    }

    @Test
    void classBalanceFollowsClassOrderAndCountsAbsentClassesAsZero() {
        Map<String, Integer> balance = TableSummary.classBalance(tiny(), "y", List.of("a", "b", "c"));
        assertThat(balance).containsExactly(Map.entry("a", 2), Map.entry("b", 3), Map.entry("c", 0));
    }

    @Test
    void classBalanceIsEmptyForNumericLabel() {
        assertThat(TableSummary.classBalance(tiny(), "x", List.of())).isEmpty();
    }

    @Test
    void summaryOfParsedCsvMatchesTheFile() {
        CsvResult r = CsvTableReader.read(
                "h,island,species\n1,Dream,A\n3,Biscoe,B\nNA,Dream,A\n".getBytes(StandardCharsets.UTF_8),
                new CsvOptions(null, null, null, MissingPolicy.IMPUTE));
        List<String> roles = new ArrayList<>();
        TableSummary.summarize(r.table(), r.labelColumn()).forEach(s -> roles.add(s.name() + ":" + s.role()));
        assertThat(roles).containsExactly("h:feature", "island:feature", "species:label");
        assertThat(TableSummary.summarize(r.table(), r.labelColumn()).get(0).mean())
                .isEqualTo(2.0);
        assertThat(TableSummary.classBalance(r.table(), r.labelColumn(), r.classes()))
                .containsExactly(Map.entry("A", 2), Map.entry("B", 1));
    }
}
