package dev.neurona.dataset.format;

import dev.neurona.dataset.CategoricalColumn;
import dev.neurona.dataset.Column;
import dev.neurona.dataset.NumericColumn;
import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.ApiException;
import dev.neurona.platform.problem.FieldProblem;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Turns an uploaded CSV into a typed {@link Table}. Every problem with the upload becomes an
 * {@link ApiException} worded for a student, naming the physical line of the file where possible.
 */
public final class CsvTableReader {

    static final int MAX_COLUMNS = 10_000;
    /** Integer-valued numeric labels with at most this many values are treated as class codes. */
    static final int MAX_INFERRED_CLASSES = 20;

    private static final Set<String> MISSING_TOKENS = Set.of("", "na", "n/a", "nan", "null", "?");
    // Double.parseDouble also takes "1d", "0x1p3" and "Infinity"; such cells are codes or text, not numbers.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final String ALLOWED_SEPARATORS = ",;\t|";
    // commons-csv formats line numbers with %,d in the default locale, so grouping characters vary.
    private static final Pattern CSV_ERROR_LINE = Pattern.compile("(?:startline |at line: )(.+?)(?:\\)|, position)");

    private CsvTableReader() {}

    public static CsvResult read(byte[] bytes, CsvOptions options) {
        String text = decode(bytes);
        if (text.isBlank()) {
            throw ApiException.invalid("file", "the file is empty");
        }
        char separator = options.separator() != null ? checkSeparator(options.separator()) : detectSeparator(text);
        Parsed parsed = parse(text, separator);
        String[] header = parsed.header();
        int labelIndex = labelIndex(header, options.labelColumn());
        int[] kept = keptRows(parsed, labelIndex, options.missing());
        int dropped = parsed.rows().size() - kept.length;

        List<Column> columns = new ArrayList<>(header.length);
        Task task = null;
        List<String> classes = List.of();
        for (int c = 0; c < header.length; c++) {
            String[] cells = new String[kept.length];
            for (int i = 0; i < kept.length; i++) {
                cells[i] = parsed.rows().get(kept[i])[c];
            }
            if (c != labelIndex) {
                columns.add(isNumeric(cells) ? numeric(header[c], cells) : new CategoricalColumn(header[c], cells));
                continue;
            }
            task = options.task() != null ? options.task() : inferTask(cells);
            if (task == Task.REGRESSION) {
                columns.add(regressionLabel(header[c], cells));
            } else {
                CategoricalColumn label = classificationLabel(header[c], cells);
                classes = sortedClasses(label.values(), isNumeric(cells));
                if (classes.size() < 2) {
                    throw ApiException.invalid(
                            "labelColumn",
                            "classification needs at least 2 classes, but column '" + header[c] + "' only holds "
                                    + (classes.isEmpty() ? "no values" : "'" + classes.get(0) + "'"));
                }
                columns.add(label);
            }
        }
        return new CsvResult(new Table(columns), separator, header[labelIndex], task, dropped, classes);
    }

    /** The header row, the data rows (trimmed, missing cells as null) and the physical line each row starts on. */
    private record Parsed(String[] header, List<String[]> rows, List<Integer> lines) {}

    private static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never yields more chars than bytes, so one pass cannot overflow
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw ApiException.invalid(
                    "file",
                    "not valid UTF-8 text (first bad byte at offset " + in.position()
                            + "); save the file as 'CSV UTF-8' and upload it again");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        // valid UTF-8, but UTF-16/32 text without a BOM would pass as CSV with its NULs trimmed away as whitespace
        if (text.indexOf('\0') >= 0) {
            throw ApiException.invalid(
                    "file",
                    "not UTF-8 text: it holds NUL bytes, as UTF-16 and UTF-32 text and"
                            + " binary files do; save the file as 'CSV UTF-8' and upload it again");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static char checkSeparator(char separator) {
        if (ALLOWED_SEPARATORS.indexOf(separator) < 0) {
            throw ApiException.invalid(
                    "separator", "the separator must be one of ',' ';' '|' or a tab, not '" + separator + "'");
        }
        return separator;
    }

    /** The most frequent of , ; tab outside quotes on the header line; ties and none go to the comma. */
    private static char detectSeparator(String text) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted && ch == ',') {
                commas++;
            } else if (!quoted && ch == ';') {
                semicolons++;
            } else if (!quoted && ch == '\t') {
                tabs++;
            }
        }
        int most = Math.max(commas, Math.max(semicolons, tabs));
        if (commas == most || (semicolons == most && tabs == most)) {
            return ',';
        }
        return semicolons == most ? ';' : '\t';
    }

    private static Parsed parse(String text, char separator) {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(separator)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
        int[] lineStarts = lineStarts(text);
        String[] header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                int line = lineOf(text, lineStarts, record.getCharacterPosition());
                if (header == null) {
                    header = header(record);
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue; // a line of spaces is as empty as an empty line
                }
                if (record.size() != header.length) {
                    throw ApiException.invalid(
                            "file",
                            "line " + line + " has " + record.size() + " field" + (record.size() == 1 ? "" : "s")
                                    + " but the header has " + header.length);
                }
                String[] cells = new String[header.length];
                for (int c = 0; c < cells.length; c++) {
                    String cell = record.get(c).trim();
                    cells[c] = MISSING_TOKENS.contains(cell.toLowerCase(Locale.ROOT)) ? null : cell;
                }
                rows.add(cells);
                lines.add(line);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw malformed(e);
        }
        if (header == null) {
            throw ApiException.invalid("file", "the file is empty");
        }
        if (rows.isEmpty()) {
            throw ApiException.invalid("file", "the file has a header row but no data rows");
        }
        return new Parsed(header, rows, lines);
    }

    private static String[] header(CSVRecord record) {
        if (record.size() > MAX_COLUMNS) {
            throw ApiException.invalid(
                    "file", "the header has " + record.size() + " columns; at most " + MAX_COLUMNS + " are supported");
        }
        String[] names = new String[record.size()];
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names.length; c++) {
            names[c] = record.get(c).trim();
            if (names[c].isEmpty()) {
                throw ApiException.invalid("file", "column " + (c + 1) + " has no name");
            }
            if (!seen.add(names[c])) {
                throw ApiException.invalid("file", "column name '" + names[c] + "' appears twice");
            }
        }
        if (names.length < 2) {
            throw ApiException.invalid(
                    "file",
                    "the file has only 1 column, but a dataset needs at least one feature"
                            + " and a label; if its columns are separated by something else, pass the separator");
        }
        return names;
    }

    /** Unclosed quotes and stray text after a closing quote surface as unchecked exceptions from commons-csv. */
    private static ApiException malformed(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        String where = "";
        Matcher m = CSV_ERROR_LINE.matcher(message);
        if (m.find()) {
            String digits = m.group(1).replaceAll("\\D", "");
            if (!digits.isEmpty()) {
                where = " on line " + digits;
            }
        }
        if (message.contains("EOF reached before encapsulated token finished")) {
            return ApiException.invalid(
                    "file",
                    "a quoted field starting" + where + " is never closed: every opening \" needs a closing \"");
        }
        return ApiException.invalid(
                "file",
                "the file is not well-formed CSV" + where
                        + ": a quoted field must end right after its closing \" (write \"\" for a quote inside a field)");
    }

    /** Offsets where physical lines begin; \n, \r\n and a lone \r each end a line. */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean lineEnd = ch == '\n' || (ch == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (lineEnd) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** 1-based line of the first character of a record; the parser's position may sit before skipped empty lines. */
    private static int lineOf(String text, int[] lineStarts, long position) {
        int pos = (int) position;
        while (pos < text.length() && (text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
            pos++;
        }
        int found = Arrays.binarySearch(lineStarts, pos);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private static int labelIndex(String[] header, String labelColumn) {
        if (labelColumn == null || labelColumn.isBlank()) {
            return header.length - 1;
        }
        String wanted = labelColumn.trim();
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals(wanted)) {
                return c;
            }
        }
        List<String> names = Arrays.asList(header);
        String listed = names.size() <= 30
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 30)) + ", … (" + (names.size() - 30) + " more)";
        throw ApiException.invalid("labelColumn", "no column '" + wanted + "'; columns are: " + listed);
    }

    /** Indexes of the rows that survive the missing-value policy; rows without a label never survive. */
    private static int[] keptRows(Parsed parsed, int labelIndex, MissingPolicy policy) {
        String[] header = parsed.header();
        int[] missing = new int[header.length];
        int[] firstLine = new int[header.length];
        int[] kept = new int[parsed.rows().size()];
        int keptCount = 0;
        for (int r = 0; r < parsed.rows().size(); r++) {
            String[] cells = parsed.rows().get(r);
            boolean complete = true;
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] == null) {
                    complete = false;
                    if (missing[c]++ == 0) {
                        firstLine[c] = parsed.lines().get(r);
                    }
                }
            }
            boolean keep = policy == MissingPolicy.IMPUTE ? cells[labelIndex] != null : complete;
            if (keep) {
                kept[keptCount++] = r;
            }
        }
        if (policy == MissingPolicy.ERROR && keptCount < kept.length) {
            List<FieldProblem> problems = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                if (missing[c] > 0) {
                    problems.add(new FieldProblem(
                            "file",
                            "column '" + header[c] + "'"
                                    + (c == labelIndex ? " (the label)" : "") + ": " + missing[c]
                                    + (missing[c] == 1 ? " row has" : " rows have") + " missing values (first at line "
                                    + firstLine[c] + "); upload with missingValues=drop or missingValues=impute"
                                    + (c == labelIndex ? " (rows without a label are dropped, never imputed)" : "")));
                }
            }
            throw ApiException.invalid("Missing values", problems);
        }
        if (keptCount < 2) {
            int dropped = kept.length - keptCount;
            throw ApiException.invalid(
                    "file",
                    dropped == 0
                            ? "the file has only 1 data row; at least 2 are needed"
                            : "only " + keptCount + " row" + (keptCount == 1 ? "" : "s") + " remain after dropping "
                                    + dropped + " with missing values; at least 2 are needed");
        }
        return Arrays.copyOf(kept, keptCount);
    }

    private static boolean isNumber(String cell) {
        return DECIMAL.matcher(cell).matches() && Double.isFinite(Double.parseDouble(cell));
    }

    /** Numeric when every present cell is a finite decimal number; an all-missing column counts as numeric. */
    private static boolean isNumeric(String[] cells) {
        for (String cell : cells) {
            if (cell != null && !isNumber(cell)) {
                return false;
            }
        }
        return true;
    }

    private static NumericColumn numeric(String name, String[] cells) {
        double[] values = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = cells[i] == null ? Double.NaN : Double.parseDouble(cells[i]);
        }
        return new NumericColumn(name, values);
    }

    private static Task inferTask(String[] labels) {
        if (!isNumeric(labels)) {
            return Task.CLASSIFICATION;
        }
        Set<Double> distinct = new HashSet<>();
        for (String cell : labels) {
            double v = Double.parseDouble(cell);
            if (v != Math.rint(v) || (distinct.add(v + 0.0) && distinct.size() > MAX_INFERRED_CLASSES)) {
                return Task.REGRESSION;
            }
        }
        return Task.CLASSIFICATION;
    }

    private static NumericColumn regressionLabel(String name, String[] labels) {
        for (String cell : labels) {
            if (!isNumber(cell)) {
                throw ApiException.invalid(
                        "task",
                        "regression needs a numeric label column; '" + name + "' holds text such as '" + cell + "'");
            }
        }
        return numeric(name, labels);
    }

    /** Numeric class codes are rewritten canonically so "1", "1.0" and "1e0" name the same class. */
    private static CategoricalColumn classificationLabel(String name, String[] labels) {
        if (!isNumeric(labels)) {
            return new CategoricalColumn(name, labels);
        }
        Map<String, String> canonical = new HashMap<>();
        String[] out = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = canonical.computeIfAbsent(labels[i], CsvTableReader::canonicalNumber);
        }
        return new CategoricalColumn(name, out);
    }

    private static String canonicalNumber(String cell) {
        double v = Double.parseDouble(cell);
        return BigDecimal.valueOf(v == 0 ? 0.0 : v).stripTrailingZeros().toPlainString();
    }

    private static List<String> sortedClasses(String[] labels, boolean numeric) {
        Comparator<String> order =
                numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        Set<String> classes = new TreeSet<>(order);
        classes.addAll(Arrays.asList(labels));
        return List.copyOf(classes);
    }
}
