package dev.neurona.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.dataset.format.CsvOptions;
import dev.neurona.dataset.format.CsvResult;
import dev.neurona.dataset.format.CsvTableReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The tables the build bundles, read the way an import reads them: label, task, class names and counts as their
 * sources document them (UCI's descriptions, The Elements of Statistical Learning), and iris the same table as the
 * copy in ../shared.
 */
class CatalogTablesTest {

    @Test
    void irisIsScikitLearnsIrisUnderScikitLearnsNames() throws IOException {
        CsvResult iris = read("iris");
        assertThat(iris.labelColumn()).isEqualTo("species");
        assertThat(iris.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(iris.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(balance(iris))
                .containsExactly(Map.entry("setosa", 50), Map.entry("versicolor", 50), Map.entry("virginica", 50));
        assertThat(iris.table().columns().stream().map(Column::name))
                .containsExactly(
                        "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)", "species");

        Path shared = Path.of("../shared/data/tabular/iris.csv");
        Assumptions.assumeTrue(Files.exists(shared), "../shared is absent: no copy to compare with");
        CsvResult copy = CsvTableReader.read(
                Files.readAllBytes(shared),
                new CsvOptions(null, "species", Task.CLASSIFICATION, dev.neurona.dataset.format.MissingPolicy.ERROR));
        for (int c = 0; c < 4; c++) {
            assertThat(((NumericColumn) iris.table().columns().get(c)).values())
                    .containsExactly(((NumericColumn) copy.table().columns().get(c)).values());
        }
        assertThat(((CategoricalColumn) iris.table().columns().get(4)).values())
                .containsExactly(((CategoricalColumn) copy.table().columns().get(4)).values());
    }

    @Test
    void sonarIsReadFromArffWithItsSixtyBandsAndRockOrMine() {
        CsvResult sonar = read("sonar");
        assertThat(sonar.table().columns()).hasSize(61);
        assertThat(sonar.table().columns().get(0).name()).isEqualTo("attribute_1");
        assertThat(sonar.labelColumn()).isEqualTo("Class");
        // the description in the file: 111 patterns off a metal cylinder, 97 off rocks
        assertThat(balance(sonar)).containsExactly(Map.entry("Mine", 111), Map.entry("Rock", 97));
    }

    @Test
    void mushroomsAreEdibleOrPoisonousWithMissingStalkRootsImputed() {
        CsvResult mushrooms = read("mushrooms");
        assertThat(mushrooms.table().rowCount()).isEqualTo(8124);
        assertThat(mushrooms.droppedRows()).isZero();
        assertThat(mushrooms.table().columns()).hasSize(23);
        assertThat(balance(mushrooms)).containsExactly(Map.entry("edible", 4208), Map.entry("poisonous", 3916));
        Column stalkRoot = mushrooms.table().column("stalk-root");
        long missing = java.util.stream.IntStream.range(0, stalkRoot.size())
                .filter(stalkRoot::isMissing)
                .count();
        assertThat(missing).isEqualTo(2480);
    }

    @Test
    void housingPredictsTheMedianValue() {
        CsvResult housing = read("housing");
        assertThat(housing.task()).isEqualTo(Task.REGRESSION);
        assertThat(housing.labelColumn()).isEqualTo("MEDV");
        assertThat(housing.table().rowCount()).isEqualTo(506);
        assertThat(housing.table().columns()).hasSize(14);
        assertThat(housing.classes()).isEmpty();
    }

    @Test
    void spambaseNamesItsClasses() {
        CsvResult spam = read("spambase");
        assertThat(spam.table().columns()).hasSize(58);
        // UCI: 1813 spam (39.4%) of 4601
        assertThat(balance(spam)).containsExactly(Map.entry("not spam", 2788), Map.entry("spam", 1813));
    }

    @Test
    void saheartLosesItsRowNumbersAndNamesItsClasses() {
        CsvResult heart = read("saheart");
        assertThat(heart.table().columns().stream().map(Column::name))
                .doesNotContain("row.names")
                .contains("famhist")
                .hasSize(10);
        assertThat(heart.table().column("famhist")).isInstanceOf(CategoricalColumn.class);
        // ESL: 160 cases of coronary heart disease among 462 men
        assertThat(balance(heart)).containsExactly(Map.entry("absent", 302), Map.entry("present", 160));
    }

    @Test
    void everyBundledTableImportsAndTheOthersWaitForAMirror() {
        List<String> bundled = CatalogTables.ALL.stream()
                .filter(CatalogTables.SampleTable::bundled)
                .map(CatalogTables.SampleTable::name)
                .toList();
        assertThat(bundled).containsExactly("iris", "sonar", "mushrooms", "housing", "spambase", "saheart");
        bundled.forEach(CatalogTablesTest::read);
        assertThat(CatalogTables.find("wine").bundled()).isFalse();
        assertThat(CatalogTables.bundledArtifact()).isEqualTo("io.github.padreati:rapaio-datasets:8.1.0");
    }

    @Test
    void aBundledFileThatChangedShapeIsABrokenBuildNotAQuietlyWrongTable() {
        assertThatThrownBy(() -> CatalogTables.renameHeader("a,b\n1,2\n", "a,c", "x,y"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a,b");
        assertThatThrownBy(() -> CatalogTables.recode("x,y\n1,2\n", "y", "label", Map.of("1", "one")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2");
        assertThatThrownBy(() -> CatalogTables.arffToCsv("@attribute a real\n@attribute b real\n@data\n1,2,3\n"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(CatalogTables.arffToCsv(
                        "% comment\n@relation r\n@attribute 'a b' real\n@ATTRIBUTE c {x, y}\n\n@data\n1.5,x\n"))
                .isEqualTo("a b,c\n1.5,x\n");
        assertThat(CatalogTables.dropColumn("n,a\n1,\"p, q\"\n", "n")).isEqualTo("a\n\"p, q\"\n");
    }

    private static CsvResult read(String name) {
        CatalogTables.SampleTable table = CatalogTables.find(name);
        byte[] csv = CatalogTables.bundledCsv(table);
        assertThat(new String(csv, StandardCharsets.UTF_8)).doesNotContain("\r");
        CsvResult result = CsvTableReader.read(csv, new CsvOptions(null, table.label(), table.task(), table.missing()));
        assertThat(result.labelColumn()).isEqualTo(table.label());
        assertThat(result.task()).isEqualTo(table.task());
        return result;
    }

    private static Map<String, Integer> balance(CsvResult result) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String value : ((CategoricalColumn) result.table().column(result.labelColumn())).values()) {
            counts.merge(value, 1, Integer::sum);
        }
        return counts;
    }
}
