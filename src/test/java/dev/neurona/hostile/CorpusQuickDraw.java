package dev.neurona.hostile;

import static dev.neurona.hostile.HostileFiles.cut;
import static dev.neurona.hostile.HostileFiles.gzip;
import static dev.neurona.hostile.HostileFiles.npy;
import static dev.neurona.hostile.HostileFiles.npyData;
import static dev.neurona.hostile.HostileFiles.npyDict;
import static dev.neurona.hostile.HostileFiles.utf8;

import dev.neurona.support.Form;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Hostile Quick, Draw! uploads: .npy bitmaps with lying headers and .ndjson stroke files full of garbage. */
final class CorpusQuickDraw {

    private CorpusQuickDraw() {}

    static void add(HostileCase.Cases cases, Random random) {
        byte[] star = npy(6);
        byte[] data = npyData(6);

        cases.category("npy-header");
        npy2(cases, "wrong magic", patch(star, 1, (byte) 'X'));
        npy2(cases, "version 0.0", patch(star, 6, (byte) 0));
        npy2(cases, "version 9.0", patch(star, 6, (byte) 9));
        npy2(cases, "header length 65535 in a small file", patch(patch(star, 8, (byte) 0xFF), 9, (byte) 0xFF));
        npy2(cases, "v2 header length 2^32-1", v2HeaderLength(0xFFFFFFFF));
        npy2(cases, "only the magic", cut(star, 8));
        npy2(cases, "magic and version, no length", cut(star, 9));
        npy2(cases, "dtype float32", npy(npyDict("(6, 784)").replace("|u1", "<f4"), new byte[6 * 784 * 4]));
        npy2(cases, "dtype int64", npy(npyDict("(6, 784)").replace("|u1", "<i8"), new byte[6 * 784 * 8]));
        npy2(cases, "dtype big-endian uint16", npy(npyDict("(6, 784)").replace("|u1", ">u2"), new byte[6 * 784 * 2]));
        npy2(cases, "dtype object", npy(npyDict("(6, 784)").replace("'|u1'", "'|O'"), data));
        npy2(cases, "structured dtype", npy(npyDict("(6, 784)").replace("'|u1'", "[('a', '|u1')]"), data));
        npy2(cases, "dtype a number", npy(npyDict("(6, 784)").replace("'|u1'", "8"), data));
        npy2(cases, "fortran_order True", npy(npyDict("(6, 784)").replace("False", "True"), data));
        npy2(cases, "fortran_order 'yes'", npy(npyDict("(6, 784)").replace("False", "'yes'"), data));
        npy2(cases, "shape of 10^12 images", npy(npyDict("(1000000000000, 784)"), data));
        npy2(cases, "shape 2^63-1", npy(npyDict("(9223372036854775807, 784)"), data));
        npy2(cases, "shape beyond long", npy(npyDict("(99999999999999999999999, 784)"), data));
        npy2(cases, "negative shape", npy(npyDict("(-6, 784)"), data));
        npy2(cases, "negative image side", npy(npyDict("(6, -28, -28)"), data));
        npy2(cases, "783 pixels, not square", npy(npyDict("(6, 783)"), cut(data, 6 * 783)));
        npy2(cases, "images of 100000x100000", npy(npyDict("(1, 100000, 100000)"), data));
        npy2(cases, "colour images (N, 28, 28, 3)", npy(npyDict("(2, 28, 28, 3)"), cut(data, 2 * 784 * 3)));
        npy2(cases, "scalar shape ()", npy(npyDict("()"), new byte[1]));
        npy2(cases, "zero images", npy(npyDict("(0, 784)"), new byte[0]));
        npy2(cases, "shape a string", npy(npyDict("'(6, 784)'"), data));
        npy2(cases, "shape of floats", npy(npyDict("(6.0, 784.0)"), data));
        npy2(cases, "no shape", npy("{'descr': '|u1', 'fortran_order': False, }", data));
        npy2(cases, "no descr", npy("{'fortran_order': False, 'shape': (6, 784), }", data));
        npy2(cases, "header is a list", npy("['descr', '|u1']", data));
        npy2(cases, "header never closes", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (6, 784)", data));
        npy2(
                cases,
                "header of 30000 nested parentheses",
                npy(
                        "{'descr': '|u1', 'fortran_order': False, 'shape': " + "(".repeat(30_000) + ")".repeat(30_000)
                                + "}",
                        data));
        npy2(
                cases,
                "header of 30000 nested lists",
                npy("{'descr': " + "[".repeat(30_000) + "]".repeat(30_000) + "}", data));
        npy2(cases, "header with an unterminated string", npy("{'descr': '|u1, 'fortran_order': False}", data));
        npy2(cases, "header with Python code", npy("{'descr': __import__('os').system('id')}", data));
        npy2(cases, "header with non-ASCII bytes", npy(npyDict("(6, 784)").replace("descr", "d\u00e9scr"), data));
        npy2(cases, "data shorter than declared", npy(npyDict("(6, 784)"), cut(data, 5 * 784)));
        npy2(cases, "data longer than declared", npy(npyDict("(5, 784)"), data));

        cases.category("npy-files");
        cases.add(
                "one class only",
                t -> new Form().file("files", "star.npy", star).post(t.admin(), CorpusTables.DATASETS));
        files(cases, "two files naming the same class", "cat.npy", star, "cat.npy", star);
        files(cases, "Google prefix names the same class", "cat.npy", star, "full_numpy_bitmap_cat.npy", star);
        files(cases, "a file named only .npy", ".npy", star, "cat.npy", star);
        files(cases, "npy mixed with ndjson", "cat.npy", star, "dog.ndjson", HostileFiles.ndjson(3));
        files(cases, "no extension", "cat", star, "dog", star);
        files(
                cases,
                "classes of different image sizes",
                "cat.npy",
                star,
                "dog.npy",
                npy(npyDict("(2, 14, 14)"), new byte[2 * 196]));
        files(cases, "an empty file", "cat.npy", star, "dog.npy", new byte[0]);
        files(cases, "path traversal as the file name", "../../../etc/passwd", star, "dog.npy", star);
        capPerClass(cases, "capPerClass -5", "-5", star);
        capPerClass(cases, "capPerClass not a number", "lots", star);
        capPerClass(cases, "capPerClass beyond int", "3000000000", star);

        cases.category("npy-mutation");
        for (int made = 0; made < 8; ) {
            int length = random.nextInt(star.length - 1);
            if (!cases.has("cut at byte " + length)) {
                npy2(cases, "cut at byte " + length, cut(star, length));
                made++;
            }
        }
        for (int at = 0; at < 6; at++) {
            byte changed = (byte) (star[at] ^ (1 + random.nextInt(255)));
            npy2(cases, "magic byte " + at + " changed", patch(star, at, changed));
        }

        cases.category("ndjson");
        byte[] valid = HostileFiles.ndjson(4);
        ndjson(cases, "a line of garbage", join(valid, utf8("this is not json\n")));
        ndjson(cases, "a JSON array line", join(valid, utf8("[1, 2, 3]\n")));
        ndjson(cases, "a JSON string line", join(valid, utf8("\"drawing\"\n")));
        ndjson(cases, "no drawing field", utf8("{\"word\":\"cat\"}\n"));
        ndjson(cases, "drawing a string", utf8("{\"drawing\":\"[[0,1],[0,1]]\"}\n"));
        ndjson(cases, "drawing of numbers", utf8("{\"drawing\":[1,2,3]}\n"));
        ndjson(cases, "stroke with one axis", utf8("{\"drawing\":[[[0,1,2]]]}\n"));
        ndjson(cases, "xs and ys of different lengths", utf8("{\"drawing\":[[[0,1,2],[0,1]]]}\n"));
        ndjson(cases, "coordinate 300", utf8("{\"drawing\":[[[0,300],[0,10]]]}\n"));
        ndjson(cases, "coordinate -1", utf8("{\"drawing\":[[[0,-1],[0,10]]]}\n"));
        ndjson(cases, "coordinate 1e308", utf8("{\"drawing\":[[[0,1e308],[0,10]]]}\n"));
        ndjson(cases, "coordinate NaN", utf8("{\"drawing\":[[[0,NaN],[0,10]]]}\n"));
        ndjson(cases, "coordinate as text", utf8("{\"drawing\":[[[0,\"7\"],[0,10]]]}\n"));
        ndjson(cases, "empty drawing", utf8("{\"drawing\":[]}\n"));
        ndjson(cases, "1001 strokes", utf8("{\"drawing\":[" + "[[0,1],[0,1]],".repeat(1000) + "[[0,1],[0,1]]]}\n"));
        ndjson(cases, "line of 5 MB", utf8("{\"drawing\":[[[0," + "1,".repeat(2_600_000) + "1],[0,1]]]}\n"));
        ndjson(cases, "10000-deep nesting", utf8("{\"drawing\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}\n"));
        ndjson(
                cases,
                "Latin-1 word",
                join(
                        valid,
                        "{\"word\":\"caf\u00e9\",\"drawing\":[[[0,9],[0,9]]]}\n"
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        ndjson(cases, "only blank lines", utf8("\n\n   \n"));
        ndjson(cases, "empty file", new byte[0]);
        ndjson(cases, "truncated gzip", cut(gzip(valid), 20));
        ndjson(cases, "gzip bomb", gzip(new byte[64 << 20]));
        ndjson(cases, "random bytes", HostileFiles.random(random, 2048));
        ndjson(cases, "a line cut in the middle", cut(valid, valid.length / 2 + 7));

        cases.category("quickdraw-class-names");
        files(
                cases,
                "a file name with a right-to-left override",
                "cat.npy",
                HostileFiles.npy(4),
                "gnp\u202Edog.npy",
                HostileFiles.npy(4));
        files(cases, "a file name with a tab", "cat.npy", HostileFiles.npy(4), "d\tog.npy", HostileFiles.npy(4));
        files(
                cases,
                "a file name of 201 characters",
                "cat.npy",
                HostileFiles.npy(4),
                "d".repeat(201) + ".npy",
                HostileFiles.npy(4));
        npy2(
                cases,
                "a header declaring 600,000 drawings",
                HostileFiles.npy(HostileFiles.npyDict("(600000, 784)"), new byte[784]));
    }

    /** Two .npy classes: the hostile file and a valid one, so only the hostile part can be the problem. */
    private static void npy2(HostileCase.Cases cases, String name, byte[] bad) {
        files(cases, name, "cat.npy", bad, "dog.npy", HostileFiles.npy(4));
    }

    private static void ndjson(HostileCase.Cases cases, String name, byte[] bad) {
        files(cases, name, "cat.ndjson", HostileFiles.ndjson(3), "dog.ndjson", bad);
    }

    private static void files(HostileCase.Cases cases, String name, String first, byte[] a, String second, byte[] b) {
        cases.add(name, t -> new Form()
                .file("files", first, a)
                .file("files", second, b)
                .post(t.admin(), CorpusTables.DATASETS));
    }

    private static void capPerClass(HostileCase.Cases cases, String name, String cap, byte[] npy) {
        cases.add(name, t -> new Form()
                .field("capPerClass", cap)
                .file("files", "cat.npy", npy)
                .file("files", "dog.npy", npy)
                .post(t.admin(), CorpusTables.DATASETS));
    }

    private static byte[] patch(byte[] bytes, int at, byte value) {
        byte[] copy = bytes.clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] v2HeaderLength(int length) {
        return ByteBuffer.allocate(64)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0})
                .putInt(length)
                .array();
    }

    private static byte[] join(byte[] a, byte[] b) {
        return HostileFiles.insert(a, a.length, b);
    }
}
