package dev.neurona.hostile;

import static dev.neurona.hostile.HostileFiles.cut;
import static dev.neurona.hostile.HostileFiles.gzip;
import static dev.neurona.hostile.HostileFiles.idxHeader;
import static dev.neurona.hostile.HostileFiles.idxImages;
import static dev.neurona.hostile.HostileFiles.idxLabels;

import dev.neurona.support.Form;
import java.nio.ByteBuffer;
import java.util.Random;

/** Hostile IDX (MNIST-format) uploads: headers that lie, files that do not belong together, damaged gzip. */
final class CorpusIdx {

    static final int IMAGES = 0x00000803;
    static final int LABELS = 0x00000801;

    private CorpusIdx() {}

    static void add(HostileCase.Cases cases, Random random) {
        byte[] images = idxImages(20);
        byte[] labels = idxLabels(20);

        cases.category("idx-pairing");
        cases.add(
                "images without labels",
                t -> new Form().file("images", "i.idx", images).post(t.admin(), CorpusTables.DATASETS));
        cases.add(
                "labels without images",
                t -> new Form().file("labels", "l.idx", labels).post(t.admin(), CorpusTables.DATASETS));
        idx(cases, "image and label counts differ (20 vs 19)", images, idxLabels(19));
        idx(cases, "image and label counts differ (1 vs 20)", idxImages(1), labels);
        idx(cases, "image and label files swapped", labels, images);
        idx(cases, "labels are an image file", images, images);
        idx(cases, "images are a label file", labels, labels);
        cases.add("testImages without testLabels", t -> new Form()
                .file("images", "i", images)
                .file("labels", "l", labels)
                .file("testImages", "ti", idxImages(4))
                .post(t.admin(), CorpusTables.DATASETS));
        cases.add("testLabels without testImages", t -> new Form()
                .file("images", "i", images)
                .file("labels", "l", labels)
                .file("testLabels", "tl", idxLabels(4))
                .post(t.admin(), CorpusTables.DATASETS));
        cases.add("test images of another size", t -> new Form()
                .file("images", "i", images)
                .file("labels", "l", labels)
                .file("testImages", "ti", idxImages(4, 14, 14))
                .file("testLabels", "tl", idxLabels(4))
                .post(t.admin(), CorpusTables.DATASETS));
        cases.add("test counts differ", t -> new Form()
                .file("images", "i", images)
                .file("labels", "l", labels)
                .file("testImages", "ti", idxImages(4))
                .file("testLabels", "tl", idxLabels(5))
                .post(t.admin(), CorpusTables.DATASETS));
        cases.add("test split truncated", t -> new Form()
                .file("images", "i", images)
                .file("labels", "l", labels)
                .file("testImages", "ti", cut(idxImages(4), 100))
                .file("testLabels", "tl", idxLabels(4))
                .post(t.admin(), CorpusTables.DATASETS));
        idx(
                cases,
                "single class",
                images,
                ByteBuffer.allocate(28).putInt(LABELS).putInt(20).array());
        idx(cases, "empty images part", new byte[0], labels);
        idx(cases, "empty labels part", images, new byte[0]);

        cases.category("idx-header");
        idx(cases, "wrong image magic 0xDEADBEEF", patchInt(images, 0, 0xDEADBEEF), labels);
        idx(cases, "wrong label magic 0", images, patchInt(labels, 0, 0));
        idx(cases, "image magic of a float tensor (0x0D03)", patchInt(images, 0, 0x00000D03), labels);
        idx(cases, "label magic little-endian", images, patchInt(labels, 0, 0x01080000));
        idx(cases, "three bytes only", new byte[] {0, 0, 8}, labels);
        idx(cases, "header cut at 10 bytes", cut(images, 10), labels);
        idx(cases, "label header cut at 6 bytes", images, cut(labels, 6));
        idx(cases, "count 0", idxHeader(IMAGES, 0, 28, 28), idxLabels(0));
        idx(cases, "negative count", idxHeader(IMAGES, -1, 28, 28), labels);
        idx(cases, "count 2^31-1", idxHeader(IMAGES, Integer.MAX_VALUE, 28, 28), labels);
        idx(cases, "negative rows", idxHeader(IMAGES, 20, -28, 28), labels);
        idx(cases, "negative columns", idxHeader(IMAGES, 20, 28, -1), labels);
        idx(cases, "zero rows", idxHeader(IMAGES, 20, 0, 28), labels);
        idx(cases, "images of 100000x100000", idxHeader(IMAGES, 20, 100_000, 100_000), labels);
        idx(cases, "images of 512x512, 2,000,000 of them", idxHeader(IMAGES, 2_000_000, 512, 512), labels);
        idx(
                cases,
                "labels count -5",
                images,
                ByteBuffer.allocate(8).putInt(LABELS).putInt(-5).array());
        idx(
                cases,
                "labels count 2^31-1",
                images,
                ByteBuffer.allocate(8).putInt(LABELS).putInt(Integer.MAX_VALUE).array());
        idx(
                cases,
                "trailing garbage after the images",
                HostileFiles.insert(images, images.length, new byte[64]),
                labels);
        idx(
                cases,
                "trailing garbage after the labels",
                images,
                HostileFiles.insert(labels, labels.length, new byte[100]));
        idx(cases, "declares 28x28, holds 14x14", patchInt(idxImages(20, 14, 14), 8, 28), labels);

        cases.category("idx-gzip");
        byte[] gzImages = gzip(images);
        idx(cases, "gzip truncated to half", cut(gzImages, gzImages.length / 2), labels);
        idx(cases, "gzip truncated to its header", cut(gzImages, 12), labels);
        idx(cases, "gzip magic then garbage", new byte[] {0x1F, (byte) 0x8B, 1, 2, 3, 4, 5, 6, 7, 8}, labels);
        idx(cases, "gzip with a corrupt deflate stream", corruptDeflate(gzImages), labels);
        idx(cases, "gzip bomb declaring 20 images", gzip(withZeros(idxHeader(IMAGES, 20, 28, 28), 64 << 20)), labels);
        idx(cases, "gzipped labels truncated", images, cut(gzip(labels), 15));
        idx(cases, "gzip of a label file as images", gzip(labels), labels);
        idx(cases, "gzip inside gzip", gzip(gzImages), labels);

        cases.category("idx-mutation");
        // any one flipped bit in the first 16 bytes changes the magic, the count (so it no longer matches the
        // labels or the length) or a side (so the length no longer matches): each variant must be refused
        for (int made = 0; made < 16; ) {
            int at = random.nextInt(16);
            int bit = random.nextInt(8);
            String name = "image header bit " + bit + " of byte " + at + " flipped";
            if (!cases.has(name)) {
                idx(cases, name, HostileFiles.flip(images, at, bit), labels);
                made++;
            }
        }
        for (int made = 0; made < 6; ) {
            int at = random.nextInt(8);
            int bit = random.nextInt(8);
            String name = "label header bit " + bit + " of byte " + at + " flipped";
            if (!cases.has(name)) {
                idx(cases, name, images, HostileFiles.flip(labels, at, bit));
                made++;
            }
        }
        for (int made = 0; made < 10; ) {
            int length = random.nextInt(images.length - 1);
            if (!cases.has("images cut at byte " + length)) {
                idx(cases, "images cut at byte " + length, cut(images, length), labels);
                made++;
            }
        }
        for (int made = 0; made < 4; ) {
            int length = random.nextInt(labels.length - 1);
            if (!cases.has("labels cut at byte " + length)) {
                idx(cases, "labels cut at byte " + length, images, cut(labels, length));
                made++;
            }
        }

        cases.category("idx-image-limits");
        // the attack: 1,360,000 images of 28×28 in a 1 MB gzip; here only its header and a few bytes, since the
        // header alone must be refused (neurona.uploads.max-images), before a byte is inflated
        idx(
                cases,
                "gzip declaring 1,360,000 images of 28x28",
                gzip(withZeros(idxHeader(IMAGES, 1_360_000, 28, 28), 1000)),
                HostileFiles.idxLabels(1_360_000));
        idx(cases, "raw header declaring 600,000 images", withZeros(idxHeader(IMAGES, 600_000, 28, 28), 1000), labels);
        idx(
                cases,
                "gzip declaring 2,000 images of 512x512 (over max-image-bytes)",
                gzip(withZeros(idxHeader(IMAGES, 2000, 512, 512), 1000)),
                labels);
    }

    private static void idx(HostileCase.Cases cases, String name, byte[] images, byte[] labels) {
        cases.add(name, t -> new Form()
                .file("images", "train-images-idx3-ubyte", images)
                .file("labels", "train-labels-idx1-ubyte", labels)
                .post(t.admin(), CorpusTables.DATASETS));
    }

    static byte[] patchInt(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(at, value);
        return copy;
    }

    /** The header followed by {@code zeros} zero bytes: compresses about 1000:1. */
    static byte[] withZeros(byte[] header, int zeros) {
        byte[] out = new byte[header.length + zeros];
        System.arraycopy(header, 0, out, 0, header.length);
        return out;
    }

    /** Overwrites the middle of the deflate stream, keeping the gzip header intact. */
    private static byte[] corruptDeflate(byte[] gz) {
        byte[] copy = gz.clone();
        for (int i = 12; i < Math.min(copy.length - 8, 40); i++) {
            copy[i] = (byte) 0xFF;
        }
        return copy;
    }
}
