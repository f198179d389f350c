package dev.neurona.dataset;

import dev.neurona.dataset.format.MissingPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The catalog's sample tables. Some ship inside the service, unpacked at build time from a Maven Central artifact
 * (its coordinates in {@code catalog/pom.properties}, see the pom's unpack-catalog execution); each is converted here
 * to the CSV the importer reads, with the column and class names a person would expect (and that a mirror's copy of
 * the same table has). The others come only from a mirror folder, whose {@code tabular/<name>.csv} is read as it is
 * and takes the place of a bundled copy.
 */
final class CatalogTables {

    /**
     * One sample table.
     *
     * @param file    the bundled file under {@code catalog/tabular/}, or null for a table only a mirror has
     * @param convert turns the bundled file into the importer's CSV (not applied to a mirror's copy)
     */
    record SampleTable(
            String name,
            String label,
            Task task,
            MissingPolicy missing,
            String description,
            String file,
            UnaryOperator<String> convert) {

        boolean bundled() {
            return file != null;
        }
    }

    private static final String BUNDLED_DIR = "catalog/tabular/";

    static final List<SampleTable> ALL = List.of(
            new SampleTable(
                    "iris",
                    "species",
                    Task.CLASSIFICATION,
                    MissingPolicy.ERROR,
                    "Fisher's iris flowers: 150 rows, 4 measurements in cm, 3 species",
                    "iris-r.csv",
                    // R's copy: the same 150 rows as scikit-learn's, named as scikit-learn names them
                    csv -> renameHeader(
                            csv,
                            "sepal-length,sepal-width,petal-length,petal-width,class",
                            "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),species")),
            new SampleTable(
                    "sonar",
                    "Class",
                    Task.CLASSIFICATION,
                    MissingPolicy.ERROR,
                    "Gorman and Sejnowski's sonar returns (UCI): 208 rows, 60 band energies, Rock or Mine",
                    "sonar.arff",
                    CatalogTables::arffToCsv),
            new SampleTable(
                    "mushrooms",
                    "class",
                    Task.CLASSIFICATION,
                    // stalk-root is '?' (missing) in 2,480 rows
                    MissingPolicy.IMPUTE,
                    "UCI mushrooms: 8,124 rows, 22 categorical features as one-letter codes, edible or "
                            + "poisonous; missing stalk-root values are imputed",
                    "mushrooms.csv",
                    csv -> recode(csv, "classes", "class", Map.of("e", "edible", "p", "poisonous"))),
            new SampleTable(
                    "housing",
                    "MEDV",
                    Task.REGRESSION,
                    MissingPolicy.ERROR,
                    "Boston housing (UCI, StatLib): 506 rows, 13 features, MEDV the median home value in $1000s",
                    "housing.csv",
                    UnaryOperator.identity()),
            new SampleTable(
                    "spambase",
                    "class",
                    Task.CLASSIFICATION,
                    MissingPolicy.ERROR,
                    "UCI Spambase: 4,601 e-mails, 57 word and character statistics, spam or not spam",
                    "spam-base.csv",
                    csv -> recode(csv, "spam", "class", Map.of("1", "spam", "0", "not spam"))),
            new SampleTable(
                    "saheart",
                    "chd",
                    Task.CLASSIFICATION,
                    MissingPolicy.ERROR,
                    "South African heart disease (The Elements of Statistical Learning): 462 men, 9 risk factors, "
                            + "coronary heart disease present or absent",
                    "SAheart.csv",
                    csv -> recode(dropColumn(csv, "row.names"), "chd", "chd", Map.of("1", "present", "0", "absent"))),
            mirrorOnly("wine", "cultivar"),
            mirrorOnly("breast_cancer", "diagnosis"),
            mirrorOnly("penguins", "species", MissingPolicy.IMPUTE),
            mirrorOnly("pima_diabetes", "class"),
            mirrorOnly("diabetes_regression", "progression"),
            mirrorOnly("cpu_regression", "class"));

    /** A table computed here rather than read: the seed's advection problem on its evaluation grid. */
    static final String ADVECTION = "advection";

    static final String ADVECTION_DESCRIPTION = "φ(x, t) = sin(2π(x − t)), the exact solution of the advection "
            + "equation φ_t + φ_x = 0 (periodic in x, φ(x, 0) = sin 2πx) on a 100 × 100 grid over [0, 1]² (both ends "
            + "included): 10,000 rows x, t, phi, generated; the evaluation grid of spec.physics (docs/physics.md)";

    private static final int GRID = 100;

    private CatalogTables() {}

    /**
     * x and t are linspace(0, 1, 100), t the outer loop; phi the exact solution, to full double precision (the
     * shortest decimal that reads back as the same double).
     */
    static byte[] advectionCsv() {
        StringBuilder csv = new StringBuilder("x,t,phi\n");
        for (int j = 0; j < GRID; j++) {
            double t = j / (GRID - 1.0);
            for (int i = 0; i < GRID; i++) {
                double x = i / (GRID - 1.0);
                csv.append(x)
                        .append(',')
                        .append(t)
                        .append(',')
                        .append(Math.sin(2 * Math.PI * (x - t)))
                        .append('\n');
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static SampleTable find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** A bundled table's file, converted to the importer's CSV. */
    static byte[] bundledCsv(SampleTable table) {
        try (InputStream in = CatalogTables.class.getClassLoader().getResourceAsStream(BUNDLED_DIR + table.file())) {
            if (in == null) {
                throw new IllegalStateException("the build did not bundle " + BUNDLED_DIR + table.file());
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return table.convert().apply(text).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "groupId:artifactId:version" of the artifact the bundled files were unpacked from. */
    static String bundledArtifact() {
        Properties coordinates = new Properties();
        try (InputStream in = CatalogTables.class.getClassLoader().getResourceAsStream("catalog/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the build did not bundle catalog/pom.properties");
            }
            coordinates.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return coordinates.getProperty("groupId") + ":" + coordinates.getProperty("artifactId") + ":"
                + coordinates.getProperty("version");
    }

    private static SampleTable mirrorOnly(String name, String label) {
        return mirrorOnly(name, label, MissingPolicy.ERROR);
    }

    private static SampleTable mirrorOnly(String name, String label, MissingPolicy missing) {
        return new SampleTable(name, label, null, missing, "sample table, label column '" + label + "'", null, null);
    }

    // The conversions below run on files the build bundled, so a surprise is a broken build: IllegalStateException.

    static String renameHeader(String csv, String expected, String header) {
        int end = csv.indexOf('\n');
        String first = csv.substring(0, end).strip();
        if (!first.equals(expected)) {
            throw new IllegalStateException("unexpected header in a bundled table: " + first);
        }
        return header + csv.substring(end);
    }

    /** Renames a column and replaces its values through {@code values}; a value not in the map is an error. */
    static String recode(String csv, String column, String newName, Map<String, String> values) {
        List<List<String>> rows = parse(csv);
        int index = rows.get(0).indexOf(column);
        if (index < 0) {
            throw new IllegalStateException("a bundled table has no column " + column);
        }
        rows.get(0).set(index, newName);
        for (List<String> row : rows.subList(1, rows.size())) {
            String value = values.get(row.get(index).strip());
            if (value == null) {
                throw new IllegalStateException(
                        "unexpected " + column + " value in a bundled table: " + row.get(index));
            }
            row.set(index, value);
        }
        return print(rows);
    }

    static String dropColumn(String csv, String column) {
        List<List<String>> rows = parse(csv);
        int index = rows.get(0).indexOf(column);
        if (index < 0) {
            throw new IllegalStateException("a bundled table has no column " + column);
        }
        rows.forEach(row -> row.remove(index));
        return print(rows);
    }

    /**
     * Dense ARFF (as Weka writes it: {@code @attribute} lines, then comma-separated {@code @data}) to a CSV with the
     * attribute names as its header. Enough for the bundled files; sparse rows and quoted values are refused.
     */
    static String arffToCsv(String arff) {
        List<String> header = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        boolean data = false;
        for (String raw : arff.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("%")) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (data) {
                if (line.startsWith("{") || line.contains("'") || line.contains("\"")) {
                    throw new IllegalStateException("a bundled ARFF file has a row this reader does not take: " + line);
                }
                if (line.split(",", -1).length != header.size()) {
                    throw new IllegalStateException("a bundled ARFF row has the wrong number of values: " + line);
                }
                out.append(line).append('\n');
            } else if (lower.startsWith("@attribute")) {
                header.add(attributeName(line.substring("@attribute".length()).strip()));
            } else if (lower.startsWith("@data")) {
                data = true;
                out.append(String.join(",", header)).append('\n');
            }
        }
        if (!data) {
            throw new IllegalStateException("a bundled ARFF file has no @data section");
        }
        return out.toString();
    }

    private static String attributeName(String rest) {
        if (rest.startsWith("'") || rest.startsWith("\"")) {
            int close = rest.indexOf(rest.charAt(0), 1);
            return rest.substring(1, close);
        }
        return rest.split("\\s+", 2)[0];
    }

    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        try {
            for (CSVRecord record : CSVFormat.DEFAULT.parse(new StringReader(csv))) {
                rows.add(new ArrayList<>(Arrays.asList(record.values())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static String print(List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
