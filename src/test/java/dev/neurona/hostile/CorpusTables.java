package dev.neurona.hostile;

import static dev.neurona.hostile.HostileFiles.utf8;

import dev.neurona.support.Form;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hostile CSV uploads: encodings, shapes, parameters, and valid tables damaged at random places. */
public final class CorpusTables {

    public static final String DATASETS = "/api/v1/datasets";

    private CorpusTables() {}

    static void add(HostileCase.Cases cases, Random random) {
        cases.category("csv-structure");
        csv(cases, "empty file", new byte[0]);
        csv(cases, "only whitespace", utf8("   \n\t\n  \r\n"));
        csv(cases, "only a header", utf8("x1,x2,cls\n"));
        csv(cases, "header and blank lines", utf8("x1,x2,cls\n\n\n   \n"));
        csv(cases, "short row", utf8("a,b,c\n1,2,x\n3,4\n5,6,y\n"));
        csv(cases, "long row", utf8("a,b,c\n1,2,x\n3,4,y,9\n5,6,y\n"));
        csv(cases, "duplicate header names", utf8("a,a,c\n1,2,x\n3,4,y\n"));
        csv(cases, "duplicate header names after trimming", utf8("a , a,c\n1,2,x\n3,4,y\n"));
        csv(cases, "empty header name", utf8("a,,c\n1,2,x\n3,4,y\n"));
        csv(cases, "single column", utf8("only\n1\n2\n3\n"));
        csv(cases, "unterminated quote", utf8("a,b,c\n1,\"2,x\n3,4,y\n"));
        csv(cases, "text after a closing quote", utf8("a,b,c\n1,\"2\"x,x\n3,4,y\n"));
        csv(cases, "one class only", utf8("a,b,c\n1,2,x\n3,4,x\n"));
        csv(cases, "missing values refused by default", utf8("a,b,c\n1,,x\n3,4,y\n5,NA,x\n"));
        csv(cases, "every row has a missing value, dropped", utf8("a,b,c\n1,,x\n,4,y\n"), "missingValues", "drop");
        csv(cases, "labels all missing", utf8("a,b,c\n1,2,\n3,4,NA\n"));
        csv(cases, "10^6 columns", million(), "name", "wide");
        csv(cases, "10,001 columns", columns(10_001));
        csv(cases, "NUL bytes instead of separators", utf8("a\0b\0c\n1\u00002\u0000x\n"));
        csv(cases, "just separators", utf8(",,,\n,,,\n,,,\n"));
        csv(cases, "header of quotes", utf8("\"\",\"\",\"\"\n1,2,3\n"));
        csv(cases, "CR-only lines, ragged", utf8("a,b,c\r1,2,x\r3,4\r"));
        csv(cases, "a ZIP signature then text", utf8("PK\u0003\u0004 this is not a zip"));

        cases.category("csv-encoding");
        csv(cases, "Latin-1 accents", "a,b\n1,caf\u00e9\n2,th\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        csv(cases, "Windows-1252 quotes", new byte[] {
            'a', ',', 'b', '\n', '1', ',', (byte) 0x93, 'x', (byte) 0x94, '\n', '2', ',', 'y', '\n'
        });
        csv(
                cases,
                "UTF-16LE with BOM",
                withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, "a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_16LE)));
        csv(
                cases,
                "UTF-16BE with BOM",
                withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, "a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_16BE)));
        csv(cases, "UTF-16LE without BOM", "a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_16LE));
        csv(cases, "UTF-32", "a,b\n1,x\n2,y\n".getBytes(java.nio.charset.Charset.forName("UTF-32")));
        csv(cases, "overlong UTF-8 slash", new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xC0, (byte) 0xAF, '\n'});
        csv(cases, "UTF-8 encoded surrogate", new byte[] {
            'a', ',', 'b', '\n', '1', ',', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n', '2', ',', 'y', '\n'
        });
        csv(cases, "lone continuation byte", new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0x80, '\n'});
        csv(cases, "truncated multi-byte sequence at the end", new byte[] {
            'a', ',', 'b', '\n', '1', ',', 'x', '\n', '2', ',', (byte) 0xE2, (byte) 0x82
        });
        csv(cases, "bytes above F4", new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xF8, (byte) 0x88, '\n'});
        csv(cases, "EBCDIC", "a,b\n1,x\n2,y\n".getBytes(java.nio.charset.Charset.forName("IBM037")));
        for (int i = 0; i < 8; i++) {
            byte[] bytes = HostileFiles.random(random, 64 + random.nextInt(4096));
            csv(cases, "random bytes #" + i + " (" + bytes.length + " B)", bytes);
        }

        cases.category("csv-parameters");
        byte[] valid = HostileFiles.csv();
        csv(cases, "labelColumn that does not exist", valid, "labelColumn", "nope");
        csv(cases, "labelColumn of 10,000 characters", valid, "labelColumn", "x".repeat(10_000));
        csv(cases, "task clustering", valid, "task", "clustering");
        csv(cases, "task regression on a text label", valid, "task", "regression");
        csv(cases, "task classification on a constant label", utf8("a,b\n1,2\n3,2\n"), "task", "classification");
        csv(cases, "separator x", valid, "separator", "x");
        csv(cases, "separator of two characters", valid, "separator", ",;");
        csv(cases, "separator newline", valid, "separator", "\n");
        csv(cases, "separator quote", valid, "separator", "\"");
        csv(cases, "missingValues sometimes", valid, "missingValues", "sometimes");
        csv(cases, "missingValues none", valid, "missingValues", "none");
        csv(cases, "name of 201 characters", valid, "name", "n".repeat(201));
        csv(cases, "size not a number", valid, "size", "big");
        csv(cases, "size beyond int", valid, "size", "99999999999");
        csv(cases, "rgb maybe", valid, "rgb", "maybe");
        csv(cases, "capPerClass 1e9", valid, "capPerClass", "1e9");
        csv(cases, "semicolon separator forced on a comma file", valid, "separator", ";");
        csv(cases, "ignoreColumns naming no column", valid, "ignoreColumns", "x1,nope");
        csv(cases, "ignoreColumns naming the label", valid, "ignoreColumns", "cls");
        csv(cases, "ignoreColumns naming every feature", valid, "ignoreColumns", "x1,x2,color");
        csv(cases, "ignoreColumns of commas only", valid, "ignoreColumns", ",,,");
        csv(cases, "ignoreColumns of 10,000 characters", valid, "ignoreColumns", "x".repeat(10_000));
        csv(cases, "ignoreColumns of 5,000 names", valid, "ignoreColumns", "x1,".repeat(5_000));
        csv(cases, "unknownCategories bogus", valid, "unknownCategories", "bogus");

        cases.category("csv-mutation");
        // each mutation breaks the file for certain: no byte sequence with 0xFF is UTF-8, and a removed or doubled
        // separator makes that row's field count differ from the header's (the table has no quoted fields)
        for (int made = 0; made < 10; ) {
            int at = random.nextInt(valid.length);
            if (!cases.has("0xFF inserted at byte " + at)) {
                csv(cases, "0xFF inserted at byte " + at, HostileFiles.insert(valid, at, new byte[] {(byte) 0xFF}));
                made++;
            }
        }
        List<Integer> commas = new ArrayList<>();
        int headerEnd = indexOf(valid, (byte) '\n');
        for (int i = headerEnd; i < valid.length; i++) {
            if (valid[i] == ',') {
                commas.add(i);
            }
        }
        for (int made = 0; made < 12; ) {
            int at = commas.get(random.nextInt(commas.size()));
            boolean remove = made % 2 == 0;
            String name = "separator " + (remove ? "removed" : "doubled") + " at byte " + at;
            if (cases.has(name)) {
                continue;
            }
            byte[] damaged = remove ? new byte[valid.length - 1] : HostileFiles.insert(valid, at, utf8(","));
            if (remove) {
                System.arraycopy(valid, 0, damaged, 0, at);
                System.arraycopy(valid, at + 1, damaged, at, valid.length - at - 1);
            }
            csv(cases, name, damaged);
            made++;
        }

        cases.category("csv-stored-limits");
        // each is a record the read path could not read back, or a name that shows something else than it stores
        csv(
                cases,
                "a categorical cell of 50,001 characters",
                utf8("x,color,y\n1," + "a".repeat(50_001) + ",a\n2,b,b\n"));
        csv(cases, "a categorical cell of 1,001 characters", utf8("x,color,y\n1," + "a".repeat(1001) + ",a\n2,b,b\n"));
        csv(cases, "a column name of 50,001 characters", utf8("x," + "c".repeat(50_001) + ",y\n1,2,a\n2,3,b\n"));
        csv(cases, "a column name of 201 characters", utf8("x," + "c".repeat(201) + ",y\n1,2,a\n2,3,b\n"));
        csv(cases, "a column name with a right-to-left override", utf8("x,evil\u202Egnp.exe,y\n1,2,a\n2,3,b\n"));
        csv(cases, "a label value with a right-to-left override", utf8("x,y\n1,cat\n2,dog\u202Etac\n"));
        csv(cases, "a label value with a zero-width space", utf8("x,y\n1,cat\n2,c\u200Bat\n"));
        csv(cases, "a label value of 201 characters", utf8("x,y\n1,cat\n2," + "d".repeat(201) + "\n"));
        csv(
                cases,
                "1,001 columns",
                utf8(new String(columns(1001), StandardCharsets.UTF_8) + "0,".repeat(1000) + "1\n"));
        StringBuilder classes = new StringBuilder("x,y\n");
        for (int i = 0; i < 1001; i++) {
            classes.append(i).append(",class").append(i).append('\n');
        }
        csv(cases, "1,001 classes", utf8(classes.toString()), "task", "classification");
    }

    private static void csv(HostileCase.Cases cases, String name, byte[] bytes, String... fields) {
        cases.add(name, t -> {
            Form form = new Form();
            for (int i = 0; i < fields.length; i += 2) {
                form.field(fields[i], fields[i + 1]);
            }
            return form.file("file", "data.csv", "text/csv", bytes).post(t.admin(), DATASETS);
        });
    }

    /** A header of 1,000,000 columns and one row: about 7 MB. */
    private static byte[] million() {
        return columns(1_000_000);
    }

    private static byte[] columns(int n) {
        StringBuilder header = new StringBuilder(n * 8);
        StringBuilder row = new StringBuilder(n * 2);
        for (int c = 0; c < n; c++) {
            header.append(c == 0 ? "" : ",").append('c').append(c);
            row.append(c == 0 ? "" : ",").append(c % 2);
        }
        return utf8(header + "\n" + row + "\n" + row + "\n");
    }

    private static byte[] withBom(byte[] bom, byte[] text) {
        return HostileFiles.insert(text, 0, bom);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
