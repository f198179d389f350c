package dev.neurona.hostile;

import static dev.neurona.hostile.HostileFiles.cut;
import static dev.neurona.hostile.HostileFiles.utf8;

import dev.neurona.support.Form;
import java.util.Random;

/**
 * Hostile prediction requests: rows that do not fit the table model, pixels and strokes that do not fit the image
 * model, each model sent the other's input, batches beyond the limit, and broken pictures.
 */
public final class CorpusPredictions {

    /** A valid row for the blobs model. */
    static final String ROW = "{\"rows\":[{\"x1\":1.0,\"x2\":-1.0,\"color\":\"red\"}]}";

    private CorpusPredictions() {}

    public static String path(String modelId) {
        return "/api/v1/models/" + modelId + "/predictions";
    }

    static void add(HostileCase.Cases cases, Random random) {
        cases.category("prediction-rows");
        table(cases, "no rows", "{}");
        table(cases, "rows empty", "{\"rows\":[]}");
        table(cases, "rows an object", "{\"rows\":{\"x1\":1}}");
        table(cases, "rows a string", "{\"rows\":\"x1=1\"}");
        table(cases, "rows of numbers", "{\"rows\":[1,2]}");
        table(cases, "a null row", "{\"rows\":[null]}");
        table(cases, "a row without x2", "{\"rows\":[{\"x1\":1.0,\"color\":\"red\"}]}");
        table(cases, "an empty row", "{\"rows\":[{}]}");
        table(cases, "column names in capitals", "{\"rows\":[{\"X1\":1.0,\"X2\":-1.0,\"COLOR\":\"red\"}]}");
        for (String v : new String[] {
            "\"abc\"",
            "true",
            "null",
            "[1]",
            "{\"v\":1}",
            "1e400",
            "-1e400",
            "\"NaN\"",
            "\"Infinity\"",
            "NaN",
            "1e99999"
        }) {
            table(cases, "x1 = " + v, ROW.replace("\"x1\":1.0", "\"x1\":" + v));
        }
        for (String v : new String[] {"\"\"", "null", "[\"red\"]", "{}"}) {
            table(cases, "color = " + CorpusJobs.shorten(v), ROW.replace("\"red\"", v));
        }
        table(
                cases,
                "10,001 rows",
                "{\"rows\":[" + (ROW.substring(9, ROW.length() - 2) + ",").repeat(10_000)
                        + ROW.substring(9, ROW.length() - 2) + "]}");
        table(
                cases,
                "one bad row among 500",
                "{\"rows\":[" + (ROW.substring(9, ROW.length() - 2) + ",").repeat(499)
                        + "{\"x1\":\"oops\",\"x2\":1,\"color\":\"red\"}]}");
        table(cases, "images sent to a table model", "{\"images\":[[0,0,0]]}");
        table(cases, "drawings sent to a table model", "{\"drawings\":[[[[0,1],[0,1]]]]}");
        table(cases, "unknown property", "{\"rows\":[{\"x1\":1.0,\"x2\":-1.0,\"color\":\"red\"}],\"row\":[]}");
        table(cases, "topK as text", ROW.replace("]}", "],\"topK\":\"three\"}"));
        table(cases, "a row as an array of 2", "{\"rows\":[[1.0,-1.0]]}");
        table(cases, "a row as an array of 5", "{\"rows\":[[1.0,-1.0,\"red\",\"a\",7]]}");
        table(cases, "a row as an empty array", "{\"rows\":[[]]}");
        table(cases, "a row as a nested array", "{\"rows\":[[[1.0,-1.0,\"red\"]]]}");
        table(cases, "an array row with an array cell", "{\"rows\":[[[1.0],-1.0,\"red\"]]}");
        table(cases, "an array row with an object cell", "{\"rows\":[[1.0,-1.0,{\"c\":\"red\"}]]}");
        table(cases, "an array row of 100,000 values", "{\"rows\":[[" + "1,".repeat(99_999) + "1]]}");
        table(cases, "objects and arrays mixed", "{\"rows\":[[1.0,-1.0,\"red\"],{\"x1\":1}]}");
        table(cases, "x1 = \"NA\"", ROW.replace("\"x1\":1.0", "\"x1\":\"NA\""));
        table(cases, "color = \"?\"", ROW.replace("\"red\"", "\"?\""));
        table(cases, "images beside rows", ROW.replace("]}", "],\"images\":[[0,0,0]]}"));
        table(cases, "drawings beside rows", ROW.replace("]}", "],\"drawings\":[[[[0,1],[0,1]]]]}"));
        table(cases, "topK -1 on rows", ROW.replace("]}", "],\"topK\":-1}"));
        table(cases, "topK 0 on rows", ROW.replace("]}", "],\"topK\":0}"));
        table(cases, "topK 2 on rows", ROW.replace("]}", "],\"topK\":2}"));
        table(cases, "topK 2^31-1 on rows", ROW.replace("]}", "],\"topK\":2147483647}"));
        table(cases, "includeInput on rows", ROW.replace("]}", "],\"includeInput\":true}"));

        cases.category("prediction-images");
        String blank = "0,".repeat(783) + "0";
        image(cases, "no images", "{\"images\":[]}");
        image(cases, "3 pixels", "{\"images\":[[1,2,3]]}");
        image(cases, "785 pixels", "{\"images\":[[" + blank + ",0]]}");
        image(cases, "783 pixels", "{\"images\":[[" + "0,".repeat(782) + "0]]}");
        image(cases, "a pixel of -1", "{\"images\":[[-1," + "0,".repeat(782) + "0]]}");
        image(cases, "a pixel of 256", "{\"images\":[[256," + "0,".repeat(782) + "0]]}");
        image(cases, "a pixel of 1e400", "{\"images\":[[1e400," + "0,".repeat(782) + "0]]}");
        image(cases, "a pixel as text", "{\"images\":[[\"white\"," + "0,".repeat(782) + "0]]}");
        image(cases, "a null pixel", "{\"images\":[[null," + "0,".repeat(782) + "0]]}");
        image(cases, "a null image", "{\"images\":[null]}");
        image(cases, "images a string", "{\"images\":\"iVBORw0KGgo=\"}");
        image(cases, "an image as a string", "{\"images\":[\"iVBORw0KGgo=\"]}");
        image(
                cases,
                "28 rows of 29",
                "{\"images\":[[" + ("[" + "0,".repeat(28) + "0],").repeat(27) + "[" + "0,".repeat(28) + "0]]]}");
        image(cases, "pixels nested 6 deep", "{\"images\":[[[[[[[0]]]]]]]}");
        image(cases, "1,000,001 pixel values", "{\"images\":[[" + "0,".repeat(1_000_000) + "0]]}");
        image(cases, "10,001 images", "{\"images\":[" + "[0],".repeat(10_000) + "[0]]}");
        image(cases, "topK 0", "{\"images\":[[" + blank + "]],\"topK\":0}");
        image(cases, "topK -1", "{\"images\":[[" + blank + "]],\"topK\":-1}");
        image(cases, "topK 2^31", "{\"images\":[[" + blank + "]],\"topK\":2147483648}");
        image(cases, "includeInput maybe", "{\"images\":[[" + blank + "]],\"includeInput\":\"maybe\"}");
        image(cases, "rows sent to an image model", ROW);
        image(cases, "topK 2^31-1", "{\"images\":[[" + blank + "]],\"topK\":2147483647}");
        image(cases, "topK 3 of 2 classes", "{\"images\":[[" + blank + "]],\"topK\":3}");
        image(cases, "rows beside images", "{\"images\":[[" + blank + "]],\"rows\":[[1,2,3]]}");
        image(cases, "pixels scaled to 0–1", "{\"images\":[[" + "0.5,".repeat(783) + "1.0]]}");
        image(cases, "a mask of 0 and 1", "{\"images\":[[" + "0,1,".repeat(391) + "1,1]]}");
        image(cases, "normalised pixels", "{\"images\":[[" + "-0.4242,".repeat(783) + "2.8215]]}");
        image(cases, "pixels 0–1 in the second image", "{\"images\":[[" + blank + "],[" + "0.25,".repeat(783) + "0]]}");

        cases.category("prediction-strokes");
        image(cases, "no drawings", "{\"drawings\":[]}");
        image(cases, "an empty drawing", "{\"drawings\":[[]]}");
        image(cases, "a null drawing", "{\"drawings\":[null]}");
        image(cases, "a null stroke", "{\"drawings\":[[null]]}");
        image(cases, "a stroke with one axis", "{\"drawings\":[[[[1,2,3]]]]}");
        image(cases, "a stroke with four axes", "{\"drawings\":[[[[1,2],[1,2],[1,2],[1,2]]]]}");
        image(cases, "xs and ys of different lengths", "{\"drawings\":[[[[1,2,3],[1,2]]]]}");
        image(cases, "strokes without points", "{\"drawings\":[[[[],[]],[[],[]]]]}");
        image(cases, "x = 1e400", "{\"drawings\":[[[[0,1e400],[0,1]]]]}");
        image(cases, "y = -1e400", "{\"drawings\":[[[[0,1],[0,-1e400]]]]}");
        image(cases, "coordinates as text", "{\"drawings\":[[[[\"a\",\"b\"],[\"c\",\"d\"]]]]}");
        image(cases, "a null coordinate", "{\"drawings\":[[[[0,null],[0,1]]]]}");
        image(cases, "strokes as objects", "{\"drawings\":[[{\"x\":[0,1],\"y\":[0,1]}]]}");
        image(cases, "1,001 strokes", "{\"drawings\":[[" + "[[0,1],[0,1]],".repeat(1_000) + "[[0,1],[0,1]]]]}");
        image(
                cases,
                "100,001 points",
                "{\"drawings\":[[[[" + "1,".repeat(100_000) + "1],[" + "1,".repeat(100_000) + "1]]]]}");
        image(cases, "a drawing nested one level too deep", "{\"drawings\":[[[[[0,1],[0,1]]]]]}");

        cases.category("prediction-pictures");
        byte[] png = HostileFiles.png(300, 200, false);
        picture(cases, "random bytes", HostileFiles.random(random, 1000));
        picture(cases, "an empty file", new byte[0]);
        picture(cases, "20000x20000 PNG header", HostileFiles.pngClaiming(20_000, 20_000));
        picture(cases, "8192x8192 PNG header", HostileFiles.pngClaiming(8192, 8192));
        picture(cases, "0x0 PNG header", HostileFiles.pngClaiming(0, 0));
        picture(cases, "a blank page", blankPng());
        picture(
                cases,
                "a GIF",
                HostileFiles.encode(
                        new java.awt.image.BufferedImage(30, 30, java.awt.image.BufferedImage.TYPE_INT_RGB), "gif"));
        picture(
                cases,
                "an SVG",
                utf8("<svg xmlns=\"http://www.w3.org/2000/svg\"><line x1=\"0\" y1=\"0\" x2=\"9\""
                        + " y2=\"9\" stroke=\"black\"/></svg>"));
        picture(cases, "a truncated JPEG", cut(HostileFiles.jpeg(120, 120), 300));
        picture(cases, "a PNG signature only", cut(png, 8));
        for (int made = 0; made < 8; ) {
            // cut before the end of the first IDAT chunk: the pixel data is incomplete
            int length = 8 + random.nextInt(png.length / 2);
            if (!cases.has("PNG cut at byte " + length)) {
                picture(cases, "PNG cut at byte " + length, cut(png, length));
                made++;
            }
        }
        cases.add(
                "picture for a table model",
                t -> new Form().file("files", "bar.png", "image/png", png).post(t.admin(), path(t.csvModel())));
        cases.add(
                "picture part named file",
                t -> new Form().file("file", "bar.png", "image/png", png).post(t.admin(), path(t.imageModel())));
        cases.add("picture with topK 0", t -> new Form()
                .file("files", "bar.png", "image/png", png)
                .post(t.admin(), path(t.imageModel()) + "?topK=0"));
        cases.add("picture with topK abc", t -> new Form()
                .file("files", "bar.png", "image/png", png)
                .post(t.admin(), path(t.imageModel()) + "?topK=abc"));
        cases.add("picture with includeInput 2", t -> new Form()
                .file("files", "bar.png", "image/png", png)
                .post(t.admin(), path(t.imageModel()) + "?includeInput=2"));
        cases.add("a good picture and a bad one", t -> new Form()
                .file("files", "bar.png", "image/png", png)
                .file("files", "bad.png", "image/png", cut(png, 40))
                .post(t.admin(), path(t.imageModel())));
        byte[] claims6000 = HostileFiles.pngClaiming(6000, 6000);
        pictures(cases, "30 PNG headers claiming 6000x6000", claims6000, 30);
        pictures(
                cases,
                "3 PNG headers claiming 5774x5774 (just over max-pixels)",
                HostileFiles.pngClaiming(5774, 5774),
                3);
        pictures(cases, "30 real PNGs of 6000x6000", greyPage(6000), 30);
        picture(cases, "8192x4883 PNG header (just over 40 megapixels)", HostileFiles.pngClaiming(8192, 4883));
        picture(cases, "8193x1 PNG header", HostileFiles.pngClaiming(8193, 1));
        byte[] jpeg = HostileFiles.jpeg(120, 120);
        // a damaged EXIF block alone is ignored like a viewer ignores it (ExifOrientationTest): these are cut off too
        picture(cases, "JPEG with an APP1 length past the end", cut(withExif(jpeg, 8, 1, 6), 30));
        picture(cases, "JPEG with EXIF IFD offset past the end, cut", cut(withExif(jpeg, 0x7fffffff, 1, 6), 300));
        picture(cases, "JPEG with EXIF claiming 65535 entries, cut", cut(withExif(jpeg, 8, 0xffff, 6), 300));
    }

    private static void table(HostileCase.Cases cases, String name, String body) {
        cases.add(name, t -> t.admin().postJson(path(t.csvModel()), body));
    }

    private static void image(HostileCase.Cases cases, String name, String body) {
        cases.add(name, t -> t.admin().postJson(path(t.imageModel()), body));
    }

    private static void picture(HostileCase.Cases cases, String name, byte[] bytes) {
        cases.add(
                name,
                t -> new Form().file("files", "picture.png", "image/png", bytes).post(t.admin(), path(t.imageModel())));
    }

    private static void pictures(HostileCase.Cases cases, String name, byte[] bytes, int count) {
        cases.add(name, t -> {
            Form form = new Form();
            for (int i = 0; i < count; i++) {
                form.file("files", i + ".png", "image/png", bytes);
            }
            return form.post(t.admin(), path(t.imageModel()));
        });
    }

    /** A white grey-scale page with a dark bar: a few KB of PNG, {@code side}² pixels once decoded. */
    private static byte[] greyPage(int side) {
        java.awt.image.BufferedImage page =
                new java.awt.image.BufferedImage(side, side, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = page.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(side / 5, side / 2, 3 * side / 5, side / 20);
        g.dispose();
        return HostileFiles.encode(page, "png");
    }

    /**
     * The JPEG with an EXIF APP1 segment after SOI: a big-endian TIFF header pointing at IFD0 ({@code ifd}), which
     * declares {@code entries} entries but holds one, the orientation.
     */
    private static byte[] withExif(byte[] jpeg, int ifd, int entries, int orientation) {
        java.nio.ByteBuffer app1 = java.nio.ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4);
        app1.put((byte) 0xff).put((byte) 0xe1).putShort((short) (app1.capacity() - 2));
        app1.put(new byte[] {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42}).putInt(ifd);
        app1.putShort((short) entries)
                .putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1);
        app1.putShort((short) orientation).putShort((short) 0).putInt(0);
        byte[] out = new byte[jpeg.length + app1.capacity()];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app1.array(), 0, out, 2, app1.capacity());
        System.arraycopy(jpeg, 2, out, 2 + app1.capacity(), jpeg.length - 2);
        return out;
    }

    private static byte[] blankPng() {
        java.awt.image.BufferedImage page =
                new java.awt.image.BufferedImage(60, 60, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = page.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 60, 60);
        g.dispose();
        return HostileFiles.encode(page, "png");
    }
}
