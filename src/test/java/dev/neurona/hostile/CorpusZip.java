package dev.neurona.hostile;

import static dev.neurona.hostile.HostileFiles.cut;
import static dev.neurona.hostile.HostileFiles.png;
import static dev.neurona.hostile.HostileFiles.utf8;

import dev.neurona.support.Form;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hostile ZIPs of class folders: escaping paths, bombs, nesting, damaged archives and damaged pictures. */
final class CorpusZip {

    private CorpusZip() {}

    static void add(HostileCase.Cases cases, Random random) {
        byte[] a = png(40, 30, true);
        byte[] b = png(40, 30, false);
        byte[] valid = HostileFiles.imageZip();

        cases.category("zip-paths");
        zip(cases, "zip slip ../../", entries("../../evil/1.png", a, "b/1.png", b));
        zip(cases, "zip slip inside a class folder", entries("a/../../../etc/1.png", a, "b/1.png", b));
        zip(cases, "absolute path", entries("/etc/a/1.png", a, "b/1.png", b));
        zip(cases, "Windows drive path", entries("C:\\a\\1.png", a, "b/1.png", b));
        zip(cases, "backslash traversal", entries("..\\..\\a\\1.png", a, "b/1.png", b));
        zip(
                cases,
                "Latin-1 entry names",
                named(StandardCharsets.ISO_8859_1, "caf\u00e9/1.png", a, "th\u00e9/1.png", b));

        cases.category("zip-content");
        zip(cases, "zip bomb: 40 MB of zeros as an image", entries("a/1.png", new byte[40 << 20], "b/1.png", b));
        zip(cases, "nested zips", entries("a/inner.zip", valid, "b/inner.zip", valid));
        zip(cases, "a zip of zips at the root", entries("x.zip", valid, "y.zip", valid));
        zip(
                cases,
                "20000x20000 PNG header",
                entries("a/1.png", HostileFiles.pngClaiming(20_000, 20_000), "b/1.png", b));
        zip(
                cases,
                "8192x8192 PNG header (over the pixel limit)",
                entries("a/1.png", HostileFiles.pngClaiming(8192, 8192), "b/1.png", b));
        zip(cases, "0x0 PNG header", entries("a/1.png", HostileFiles.pngClaiming(0, 0), "b/1.png", b));
        zip(cases, "negative PNG size", entries("a/1.png", HostileFiles.pngClaiming(-1, -1), "b/1.png", b));
        zip(cases, "truncated PNG", entries("a/1.png", cut(a, a.length / 2), "b/1.png", b));
        zip(cases, "truncated JPEG", entries("a/1.jpg", cut(HostileFiles.jpeg(64, 64), 200), "b/1.png", b));
        zip(
                cases,
                "PNG signature then garbage",
                entries("a/1.png", HostileFiles.insert(cut(a, 8), 8, new byte[100]), "b/1.png", b));
        zip(cases, "a GIF", entries("a/1.gif", HostileFiles.encode(image(), "gif"), "b/1.png", b));
        zip(cases, "a BMP", entries("a/1.bmp", HostileFiles.encode(image(), "bmp"), "b/1.png", b));
        zip(cases, "a text file in a class folder", entries("a/readme.txt", utf8("hello"), "b/1.png", b));
        zip(cases, "an empty file in a class folder", entries("a/1.png", new byte[0], "b/1.png", b));
        zip(cases, "one class folder only", entries("a/1.png", a, "a/2.png", b));
        zip(cases, "images at the root", entries("1.png", a, "2.png", b));
        zip(cases, "an empty class folder", entries("a/1.png", a, "b/1.png", b, "c/", new byte[0]));
        zip(cases, "only macOS junk", entries("__MACOSX/a/1.png", a, ".DS_Store", new byte[10]));
        zip(cases, "only directories", entries("a/", new byte[0], "b/", new byte[0]));
        zip(cases, "an encrypted entry", encrypted(valid));
        zip(cases, "unknown compression method", patchShort(valid, 8, 99));
        zip(
                cases,
                "local header signature then garbage",
                HostileFiles.insert(utf8("PK\u0003\u0004"), 4, HostileFiles.random(random, 300)));
        zip(cases, "local header cut after the signature", utf8("PK\u0003\u0004"));

        cases.category("zip-parameters");
        zip(cases, "size 0", valid, "size", "0");
        zip(cases, "size 7", valid, "size", "7");
        zip(cases, "size 100000", valid, "size", "100000");
        zip(cases, "size -28", valid, "size", "-28");
        zip(cases, "size 28.5", valid, "size", "28.5");
        zip(cases, "rgb yes please", valid, "rgb", "yes please");

        cases.category("zip-mutation");
        // cut anywhere inside the first entry (its header or its data), the archive cannot be read to its end
        int firstEntryEnd = 30 + "a/1.png".length() + compressedSize(valid);
        for (int made = 0; made < 10; ) {
            int length = 4 + random.nextInt(firstEntryEnd - 4);
            if (!cases.has("cut at byte " + length)) {
                zip(cases, "cut at byte " + length, cut(valid, length));
                made++;
            }
        }

        cases.category("zip-integrity");
        // streaming the local entries would accept each of these with whatever came before the damage
        byte[] twelve = twelve(a, b);
        int end = endRecord(twelve);
        zip(cases, "twelve pictures cut after two thirds", cut(twelve, twelve.length * 2 / 3));
        zip(cases, "twelve pictures without the last byte", cut(twelve, twelve.length - 1));
        zip(cases, "end record signature damaged", HostileFiles.flip(twelve, end + 3, 1));
        zip(cases, "central directory offset damaged", HostileFiles.flip(twelve, end + 17, 0));
        zip(cases, "end record counts 7 of 12 entries", patchShort(patchShort(twelve, end + 8, 7), end + 10, 7));
        zip(
                cases,
                "an entry's data damaged (CRC mismatch)",
                HostileFiles.flip(twelve, 30 + "a/0.png".length() + 20, 3));

        cases.category("zip-class-names");
        zip(cases, "a class folder with a right-to-left override", entries("a/1.png", a, "gnp\u202Eb/1.png", b));
        zip(cases, "a class folder with a line break", entries("a/1.png", a, "b\nc/1.png", b));
        zip(cases, "a class folder with a zero-width space", entries("a/1.png", a, "\u200Ba/1.png", b));
        zip(cases, "a class folder of 201 characters", entries("a/1.png", a, "b".repeat(201) + "/1.png", b));
    }

    private static void zip(HostileCase.Cases cases, String name, byte[] zip, String... fields) {
        cases.add(name, t -> {
            Form form = new Form();
            for (int i = 0; i < fields.length; i += 2) {
                form.field(fields[i], fields[i + 1]);
            }
            return form.file("file", "images.zip", "application/zip", zip).post(t.admin(), CorpusTables.DATASETS);
        });
    }

    /** Twelve pictures in two class folders. */
    private static byte[] twelve(byte[] a, byte[] b) {
        Object[] entries = new Object[24];
        for (int i = 0; i < 12; i++) {
            entries[2 * i] = (i < 6 ? "a/" : "b/") + i + ".png";
            entries[2 * i + 1] = i < 6 ? a : b;
        }
        return entries(entries);
    }

    /** Where the end-of-central-directory record starts. */
    private static int endRecord(byte[] zip) {
        for (int i = zip.length - 22; i >= 0; i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6) {
                return i;
            }
        }
        throw new IllegalStateException("no end record");
    }

    private static byte[] entries(Object... nameThenBytes) {
        return named(StandardCharsets.UTF_8, nameThenBytes);
    }

    private static byte[] named(Charset names, Object... nameThenBytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            entries.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, names)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static java.awt.image.BufferedImage image() {
        return new java.awt.image.BufferedImage(20, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
    }

    /** The general-purpose flag of the first local header with bit 0 (encrypted) set. */
    private static byte[] encrypted(byte[] zip) {
        byte[] copy = zip.clone();
        copy[6] |= 1;
        return copy;
    }

    private static byte[] patchShort(byte[] zip, int at, int value) {
        byte[] copy = zip.clone();
        copy[at] = (byte) value;
        copy[at + 1] = (byte) (value >> 8);
        return copy;
    }

    /**
     * The first entry's compressed size. ZipOutputStream streams deflated entries, so the local header holds 0 and
     * the size follows in the data descriptor; the central directory has it.
     */
    private static int compressedSize(byte[] zip) {
        for (int i = 0; i + 24 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                return (zip[i + 20] & 0xFF)
                        | (zip[i + 21] & 0xFF) << 8
                        | (zip[i + 22] & 0xFF) << 16
                        | (zip[i + 23] & 0xFF) << 24;
            }
        }
        throw new IllegalStateException("no central directory");
    }
}
