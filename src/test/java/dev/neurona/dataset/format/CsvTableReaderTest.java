package dev.neurona.dataset.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neurona.dataset.CategoricalColumn;
import dev.neurona.dataset.Column;
import dev.neurona.dataset.NumericColumn;
import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CsvTableReaderTest {

    private static final CsvOptions STRICT = CsvOptions.defaults();

    private static CsvResult read(String csv) {
        return read(csv, STRICT);
    }

    private static CsvResult read(String csv, CsvOptions options) {
        return CsvTableReader.read(csv.getBytes(StandardCharsets.UTF_8), options);
    }

    private static CsvOptions label(String column, MissingPolicy missing) {
        return new CsvOptions(null, column, null, missing);
    }

    /** The single field problem of a rejected upload. */
    private static FieldProblem problem(ThrowingCallable call) {
        DomainException e = catchThrowableOfType(DomainException.class, call);
        assertThat(e).as("expected an DomainException").isNotNull();
        assertThat(e).isInstanceOf(InvalidInputException.class);
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }

    private static String[] text(Table t, String column) {
        return ((CategoricalColumn) t.column(column)).values();
    }

    private static double[] numbers(Table t, String column) {
        return ((NumericColumn) t.column(column)).values();
    }

    @Test
    void quotedFieldsKeepSeparatorsEscapedQuotesAndNewlines() {
        CsvResult r = read("name,note,y\n" + "\"Smith, Jo\",\"said \"\"hi\"\"\",a\n" + "Lee,\"two\nlines\",b\n");
        assertThat(text(r.table(), "name")).containsExactly("Smith, Jo", "Lee");
        assertThat(text(r.table(), "note")).containsExactly("said \"hi\"", "two\nlines");
        assertThat(r.table().rowCount()).isEqualTo(2);
    }

    @Test
    void detectsSemicolonFromHeader() {
        CsvResult r = read("a;b;label\n1,5;2;x\n3;4;y\n");
        assertThat(r.separator()).isEqualTo(';');
        // a decimal comma is not a number: the column stays text rather than being misread
        assertThat(r.table().column("a")).isInstanceOf(CategoricalColumn.class);
        assertThat(numbers(r.table(), "b")).containsExactly(2, 4);
    }

    @Test
    void detectsTabAndIgnoresSeparatorsInsideQuotedHeaderNames() {
        CsvResult r = read("\"a,b,c\"\tx\ty\n1\t2\tp\n3\t4\tq\n");
        assertThat(r.separator()).isEqualTo('\t');
        assertThat(r.table().columns()).extracting(Column::name).containsExactly("a,b,c", "x", "y");
    }

    @Test
    void tiedSeparatorCountsFallBackToComma() {
        CsvResult r = read("a;b,c\n1;2,3\n4;5,6\n");
        assertThat(r.separator()).isEqualTo(',');
        assertThat(r.table().columns()).extracting(Column::name).containsExactly("a;b", "c");
    }

    @Test
    void explicitSeparatorWinsOverDetection() {
        CsvResult r = read("a,1|b,2|y\nx|3|p\nz|4|q\n", new CsvOptions('|', null, null, MissingPolicy.ERROR));
        assertThat(r.separator()).isEqualTo('|');
        assertThat(r.table().columns()).extracting(Column::name).containsExactly("a,1", "b,2", "y");
    }

    @Test
    void rejectsUnsupportedSeparator() {
        FieldProblem p = problem(() -> read("a:b\n1:2\n", new CsvOptions(':', null, null, MissingPolicy.ERROR)));
        assertThat(p.field()).isEqualTo("separator");
        assertThat(p.message()).contains("':'");
    }

    @Test
    void stripsByteOrderMark() {
        CsvResult r = read("\uFEFFx,y\n1,a\n2,b\n");
        assertThat(r.table().columns().get(0).name()).isEqualTo("x");
    }

    @Test
    void rejectsInvalidUtf8WithOffset() {
        byte[] bytes = "x,y\ncaf\u00e9,a\n".getBytes(StandardCharsets.ISO_8859_1);
        FieldProblem p = problem(() -> CsvTableReader.read(bytes, STRICT));
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).startsWith("not valid UTF-8 text (first bad byte at offset 7)");
    }

    @Test
    void rejectsUtf16AndUtf32WithoutByteOrderMark() {
        // NUL bytes are valid UTF-8; trimmed as whitespace, this UTF-32 file used to read as a valid table
        for (java.nio.charset.Charset charset :
                List.of(StandardCharsets.UTF_16LE, java.nio.charset.Charset.forName("UTF-32"))) {
            byte[] bytes = "a,b\n1,x\n2,y\n".getBytes(charset);
            FieldProblem p = problem(() -> CsvTableReader.read(bytes, STRICT));
            assertThat(p.field()).isEqualTo("file");
            assertThat(p.message()).as("%s", charset).contains("NUL bytes");
        }
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRejected() {
        assertThat(problem(() -> read("")).message()).isEqualTo("the file is empty");
        assertThat(problem(() -> read("\uFEFF \n\n")).message()).isEqualTo("the file is empty");
        assertThat(problem(() -> read("a,b\n\n")).message()).contains("no data rows");
    }

    @Test
    void raggedRowReportsPhysicalLine() {
        // a quoted newline and a blank line put the 3rd data record on line 6: users look for lines, not records
        String csv = "a,b,c,d,e\n1,2,3,4,x\n1,\"multi\nline\",3,4,x\n\n1,2,3,x\n1,2,3,4,x\n";
        FieldProblem p = problem(() -> read(csv));
        assertThat(p).isEqualTo(new FieldProblem("file", "line 6 has 4 fields but the header has 5"));
    }

    @Test
    void raggedRowLineNumberWithCrLf() {
        FieldProblem p = problem(() -> read("a,b\r\n1,x\r\n2,y\r\n3\r\n"));
        assertThat(p.message()).isEqualTo("line 4 has 1 field but the header has 2");
    }

    @Test
    void unclosedQuoteIsAClientError() {
        FieldProblem p = problem(() -> read("a,b\n1,x\n2,\"oops\n3,z\n"));
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).contains("never closed").contains("line 3");
    }

    @Test
    void textAfterClosingQuoteIsAClientError() {
        FieldProblem p = problem(() -> read("a,b\n1,x\n2,\"ab\"c\n"));
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).contains("line 3").contains("closing");
    }

    @Test
    void blankAndDuplicateHeaderNames() {
        assertThat(problem(() -> read("a,b, ,d\n1,2,3,4\n")).message()).isEqualTo("column 3 has no name");
        assertThat(problem(() -> read("x,y,x\n1,2,3\n")).message()).isEqualTo("column name 'x' appears twice");
    }

    @Test
    void needsTwoColumns() {
        FieldProblem p = problem(() -> read("only\n1\n2\n"));
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).contains("only 1 column");
    }

    @Test
    void rejectsTooManyColumns() {
        StringBuilder header = new StringBuilder("c0");
        for (int i = 1; i <= CsvText.MAX_COLUMNS; i++) {
            header.append(",c").append(i);
        }
        FieldProblem p = problem(() -> read(header + "\n"));
        assertThat(p.message()).isEqualTo("the header has 10001 columns; at most 10000 are supported");
    }

    @Test
    void unknownLabelColumnListsTheColumns() {
        FieldProblem p = problem(() -> read("a,b,c\n1,2,x\n3,4,y\n", label("foo", MissingPolicy.ERROR)));
        assertThat(p).isEqualTo(new FieldProblem("labelColumn", "no column 'foo'; columns are: a, b, c"));
    }

    @Test
    void missingTokensAreRecognisedAndCellsTrimmed() {
        CsvResult r = read("n,t,y\n NA ,  ,a\nn/a,NULL,b\nnan,?,a\n 2.5 , hi ,b\n", label(null, MissingPolicy.IMPUTE));
        assertThat(numbers(r.table(), "n")).containsExactly(Double.NaN, Double.NaN, Double.NaN, 2.5);
        assertThat(text(r.table(), "t")).containsExactly(null, null, null, "hi");
        assertThat(r.droppedRows()).isZero();
    }

    @Test
    void infinityAndHexAreTextNotNumbers() {
        CsvResult r = read("a,b,y\nInfinity,0x10,p\n1,2,q\n");
        assertThat(r.table().column("a")).isInstanceOf(CategoricalColumn.class);
        assertThat(r.table().column("b")).isInstanceOf(CategoricalColumn.class);
    }

    @Test
    void errorPolicyCountsMissingRowsPerColumn() {
        String csv = "age,sex,y\n1,m,a\nNA,,b\n3,?,a\n4,f,b\n";
        DomainException e = catchThrowableOfType(DomainException.class, () -> read(csv));
        assertThat(e.title()).isEqualTo("Missing values");
        assertThat(e.errors())
                .containsExactly(
                        new FieldProblem(
                                "file",
                                "column 'age': 1 row has missing values (first at line 3);"
                                        + " upload with missingValues=drop or missingValues=impute"),
                        new FieldProblem(
                                "file",
                                "column 'sex': 2 rows have missing values (first at line 3);"
                                        + " upload with missingValues=drop or missingValues=impute"));
    }

    @Test
    void errorPolicyRejectsMissingLabels() {
        DomainException e = catchThrowableOfType(DomainException.class, () -> read("x,y\n1,a\n2,\n3,b\n"));
        assertThat(e.errors())
                .singleElement()
                .extracting(FieldProblem::message)
                .asString()
                .startsWith("column 'y' (the label): 1 row has missing values (first at line 3)");
    }

    @Test
    void dropPolicyRemovesIncompleteRowsAndCountsThem() {
        CsvResult r = read("x,c,y\n1,m,a\nNA,m,b\n3,,a\n4,f,\n5,f,b\n", label(null, MissingPolicy.DROP));
        assertThat(r.droppedRows()).isEqualTo(3);
        assertThat(numbers(r.table(), "x")).containsExactly(1, 5);
        assertThat(text(r.table(), "y")).containsExactly("a", "b");
    }

    @Test
    void dropPolicyNeedsTwoRowsLeft() {
        FieldProblem p = problem(() -> read("x,y\n1,a\nNA,b\n", label(null, MissingPolicy.DROP)));
        assertThat(p.message()).contains("only 1 row remain").contains("dropping 1");
    }

    @Test
    void imputePolicyKeepsMissingFeaturesButDropsMissingLabels() {
        CsvResult r = read("x,c,y\n1,m,a\nNA,m,b\n3,,a\n4,f,\n5,f,b\n", label(null, MissingPolicy.IMPUTE));
        assertThat(r.droppedRows()).isEqualTo(1);
        assertThat(numbers(r.table(), "x")).containsExactly(1, Double.NaN, 3, 5);
        assertThat(text(r.table(), "c")).containsExactly("m", "m", null, "f");
        assertThat(text(r.table(), "y")).containsExactly("a", "b", "a", "b");
    }

    @Test
    void labelDefaultsToLastColumnAndKeepsPosition() {
        CsvResult r = read("species,len,year\nA,1.5,2007\nB,2.5,2008\n");
        assertThat(r.labelColumn()).isEqualTo("year");
        assertThat(r.table().columns()).extracting(Column::name).containsExactly("species", "len", "year");
    }

    @Test
    void namedLabelInFirstColumnLikePenguins() {
        String csv = "species,island,bill_length_mm,sex,year\n"
                + "Adelie,Torgersen,39.1,male,2007\n"
                + "Adelie,Torgersen,NA,NA,2007\n"
                + "Gentoo,Biscoe,46.1,female,2008\n"
                + "Chinstrap,Dream,46.5,female,2009\n";
        CsvResult r = read(csv, label("species", MissingPolicy.DROP));
        assertThat(r.labelColumn()).isEqualTo("species");
        assertThat(r.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(r.classes()).containsExactly("Adelie", "Chinstrap", "Gentoo");
        assertThat(r.droppedRows()).isEqualTo(1);
        assertThat(r.table().columns().get(0)).isInstanceOf(CategoricalColumn.class);
        assertThat(r.table().column("bill_length_mm")).isInstanceOf(NumericColumn.class);
        assertThat(r.table().column("year")).isInstanceOf(NumericColumn.class);
    }

    @Test
    void smallIntegerLabelIsClassification() {
        CsvResult r = read("x,y\n0.5,1\n1.5,0\n2.5,1\n");
        assertThat(r.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(r.classes()).containsExactly("0", "1");
        assertThat(text(r.table(), "y")).containsExactly("1", "0", "1");
    }

    @Test
    void manyValuedOrFractionalNumericLabelIsRegression() {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 21; i++) {
            csv.append(i).append(',').append(i * 10).append('\n');
        }
        CsvResult r = read(csv.toString());
        assertThat(r.task()).isEqualTo(Task.REGRESSION);
        assertThat(r.classes()).isEmpty();
        assertThat(numbers(r.table(), "y")).hasSize(21).contains(200);

        assertThat(read("x,y\n1,0.5\n2,1\n").task()).isEqualTo(Task.REGRESSION);
        // exactly 20 distinct integers is still a set of class codes
        assertThat(read(csv.substring(0, csv.lastIndexOf("20,200"))).task()).isEqualTo(Task.CLASSIFICATION);
    }

    @Test
    void regressionWithTextLabelIsRejected() {
        FieldProblem p = problem(() -> read(
                "x,species\n1,setosa\n2,virginica\n",
                new CsvOptions(null, null, Task.REGRESSION, MissingPolicy.ERROR)));
        assertThat(p)
                .isEqualTo(new FieldProblem(
                        "task", "regression needs a numeric label column; 'species' holds text such as 'setosa'"));
    }

    @Test
    void numericClassLabelsAreNormalisedAndSortedNumerically() {
        CsvResult r = read(
                "x,y\n1,1\n2,1.0\n3,10\n4,2\n5,-1\n",
                new CsvOptions(null, null, Task.CLASSIFICATION, MissingPolicy.ERROR));
        assertThat(r.classes()).containsExactly("-1", "1", "2", "10");
        assertThat(text(r.table(), "y")).containsExactly("1", "1", "10", "2", "-1");
    }

    @Test
    void explicitClassificationOfDecimalLabels() {
        CsvResult r = read(
                "x,y\n1,0.50\n2,.5\n3,1.25\n", new CsvOptions(null, null, Task.CLASSIFICATION, MissingPolicy.ERROR));
        assertThat(r.classes()).containsExactly("0.5", "1.25");
    }

    @Test
    void classificationNeedsTwoClasses() {
        FieldProblem p = problem(() -> read("x,y\n1,a\n2,a\n"));
        assertThat(p.field()).isEqualTo("labelColumn");
        assertThat(p.message()).contains("at least 2 classes").contains("'a'");
        // "1" and "1.0" are one class, so this is also a single class
        assertThat(problem(() -> read("x,y\n1,1\n2,1.0\n")).field()).isEqualTo("labelColumn");
    }

    @Test
    void realPenguins() throws IOException {
        Path path = Path.of("..", "shared", "data", "tabular", "penguins.csv");
        Assumptions.assumeTrue(Files.exists(path), "../shared is absent: skipping the real-data check");
        CsvResult r = CsvTableReader.read(Files.readAllBytes(path), label("species", MissingPolicy.DROP));
        assertThat(r.table().rowCount() + r.droppedRows()).isEqualTo(344);
        assertThat(r.table().rowCount()).isEqualTo(333);
        assertThat(r.droppedRows()).isEqualTo(11);
        assertThat(r.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(r.classes()).containsExactly("Adelie", "Chinstrap", "Gentoo");
        assertThat(r.table().column("island")).isInstanceOf(CategoricalColumn.class);
        assertThat(r.table().column("sex")).isInstanceOf(CategoricalColumn.class);
        assertThat(r.table().column("body_mass_g")).isInstanceOf(NumericColumn.class);
        assertThat(r.table().columns().get(0).name()).isEqualTo("species");

        // strict reading names the affected columns; sex has the most gaps
        DomainException e = catchThrowableOfType(
                DomainException.class,
                () -> CsvTableReader.read(Files.readAllBytes(path), label("species", MissingPolicy.ERROR)));
        assertThat(e.errors())
                .extracting(FieldProblem::message)
                .anyMatch(m -> m.startsWith("column 'sex': 11 rows have missing values (first at line 5)"));

        CsvResult imputed = CsvTableReader.read(Files.readAllBytes(path), label("species", MissingPolicy.IMPUTE));
        assertThat(imputed.table().rowCount()).isEqualTo(344);
        assertThat(imputed.droppedRows()).isZero();
    }

    @Test
    void realIris() throws IOException {
        Path path = Path.of("..", "shared", "data", "tabular", "iris.csv");
        Assumptions.assumeTrue(Files.exists(path), "../shared is absent: skipping the real-data check");
        CsvResult r = CsvTableReader.read(Files.readAllBytes(path), STRICT);
        assertThat(r.table().rowCount()).isEqualTo(150);
        assertThat(r.labelColumn()).isEqualTo("species");
        assertThat(r.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(r.classes()).hasSize(3);
        List<Column> features = r.table().columns().subList(0, 4);
        assertThat(features).allMatch(c -> c instanceof NumericColumn);
        assertThat(r.table().columns()).hasSize(5);
    }
}
