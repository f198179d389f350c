package dev.neurona.dataset.format;

import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The text layer of a CSV upload: bytes to UTF-8 text, the separator, and records with their header, missing
 * cells as null and the physical line each row starts on, so every later complaint can name a line of the file.
 */
final class CsvText {

    static final int MAX_COLUMNS = 10_000;
    static final Set<String> MISSING_TOKENS = MissingCells.TOKENS;
    private static final String ALLOWED_SEPARATORS = ",;\t|";
    // commons-csv formats line numbers with %,d in the default locale, so grouping characters vary.
    private static final Pattern CSV_ERROR_LINE = Pattern.compile("(?:startline |at line: )(.+?)(?:\\)|, position)");

    private CsvText() {}

    /** The header row, the data rows (trimmed, missing cells as null) and the physical line each row starts on. */
    record Parsed(String[] header, List<String[]> rows, List<Integer> lines) {}

    static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never yields more chars than bytes, so one pass cannot overflow
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidInputException(
                    "file",
                    "not valid UTF-8 text (first bad byte at offset " + in.position()
                            + "); save the file as 'CSV UTF-8' and upload it again");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        // valid UTF-8, but UTF-16/32 text without a BOM would pass as CSV with its NULs trimmed away as whitespace
        if (text.indexOf('\0') >= 0) {
            throw new InvalidInputException(
                    "file",
                    "not UTF-8 text: it holds NUL bytes, as UTF-16 and UTF-32 text and"
                            + " binary files do; save the file as 'CSV UTF-8' and upload it again");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static char checkSeparator(char separator) {
        if (ALLOWED_SEPARATORS.indexOf(separator) < 0) {
            throw new InvalidInputException(
                    "separator", "the separator must be one of ',' ';' '|' or a tab, not '" + separator + "'");
        }
        return separator;
    }

    /** The most frequent of , ; tab outside quotes on the header line; ties and none go to the comma. */
    static char detectSeparator(String text) {
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

    static Parsed parse(String text, char separator) {
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
                    throw new InvalidInputException(
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
            throw new InvalidInputException("file", "the file is empty");
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException("file", "the file has a header row but no data rows");
        }
        return new Parsed(header, rows, lines);
    }

    private static String[] header(CSVRecord record) {
        if (record.size() > MAX_COLUMNS) {
            throw new InvalidInputException(
                    "file", "the header has " + record.size() + " columns; at most " + MAX_COLUMNS + " are supported");
        }
        String[] names = new String[record.size()];
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names.length; c++) {
            names[c] = record.get(c).trim();
            if (names[c].isEmpty()) {
                throw new InvalidInputException("file", "column " + (c + 1) + " has no name");
            }
            if (!seen.add(names[c])) {
                throw new InvalidInputException("file", "column name '" + names[c] + "' appears twice");
            }
        }
        if (names.length < 2) {
            throw new InvalidInputException(
                    "file",
                    "the file has only 1 column, but a dataset needs at least one feature"
                            + " and a label; if its columns are separated by something else, pass the separator");
        }
        return names;
    }

    /** Unclosed quotes and stray text after a closing quote surface as unchecked exceptions from commons-csv. */
    private static DomainException malformed(Exception e) {
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
            return new InvalidInputException(
                    "file",
                    "a quoted field starting" + where + " is never closed: every opening \" needs a closing \"");
        }
        return new InvalidInputException(
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
}
