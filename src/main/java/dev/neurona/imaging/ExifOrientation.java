package dev.neurona.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * A camera stores a photo the way its sensor saw it and writes how to turn it upright into the EXIF Orientation tag
 * (0x0112 of IFD0, in the JPEG's APP1 segment); ImageIO ignores that tag, so a phone photo taken upright would reach
 * the model lying on its side. Only the marker segments before the image data and IFD0's entries are read, each
 * bounds-checked: an APP1 segment is at most 64 KB and no offset in it is followed beyond IFD0.
 */
final class ExifOrientation {

    static final int UPRIGHT = 1;

    private static final int APP1 = 0xE1;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {}

    /**
     * The orientation (1–8) that a JPEG's EXIF names, or 1 when it has none or names none that exists. Walks the
     * marker segments from SOI up to the image data (SOS); each segment's length is checked against the file.
     */
    static int ofJpeg(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xff) != 0xff) {
                return UPRIGHT;
            }
            int marker = jpeg[at + 1] & 0xff;
            if (marker == 0xff) {
                at++; // fill byte
                continue;
            }
            if (marker == SOS || marker == EOI) {
                return UPRIGHT;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                at += 2; // no length
                continue;
            }
            int length = (jpeg[at + 2] & 0xff) << 8 | jpeg[at + 3] & 0xff;
            if (length < 2 || at + 2 + length > jpeg.length) {
                return UPRIGHT;
            }
            if (marker == APP1) {
                int orientation = fromApp1(Arrays.copyOfRange(jpeg, at + 4, at + 2 + length));
                if (orientation != 0) {
                    return orientation;
                }
            }
            at += 2 + length;
        }
        return UPRIGHT;
    }

    /** Tag 0x0112 from an APP1 payload ({@code Exif\0\0} + TIFF header + IFD0); 0 when absent or malformed. */
    static int fromApp1(byte[] d) {
        int tiff = 6;
        if (d.length < tiff + 8 || d[0] != 'E' || d[1] != 'x' || d[2] != 'i' || d[3] != 'f' || d[4] != 0 || d[5] != 0) {
            return 0;
        }
        boolean little;
        if (d[tiff] == 'I' && d[tiff + 1] == 'I') {
            little = true;
        } else if (d[tiff] == 'M' && d[tiff + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        if (u16(d, tiff + 2, little) != 42) {
            return 0;
        }
        long ifd = u32(d, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > d.length) {
            return 0;
        }
        int at = tiff + (int) ifd;
        int entries = u16(d, at, little);
        for (int i = 0; i < entries; i++) {
            int entry = at + 2 + 12 * i;
            if (entry + 12 > d.length) {
                return 0;
            }
            // type 3 = SHORT, one value, stored in the first two bytes of the value field
            if (u16(d, entry, little) == ORIENTATION_TAG && u16(d, entry + 2, little) == 3) {
                int value = u16(d, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    /**
     * The image turned upright: orientation 6 (the camera was turned clockwise) is rotated 90° clockwise, 8
     * counter-clockwise, 3 by 180°; 2, 4, 5 and 7 are the mirrored variants. {@code src} is opaque RGB.
     */
    static BufferedImage upright(BufferedImage src, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        BufferedImage out = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            src.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> {
                        tx = w - 1 - x;
                        ty = y;
                    }
                    case 3 -> {
                        tx = w - 1 - x;
                        ty = h - 1 - y;
                    }
                    case 4 -> {
                        tx = x;
                        ty = h - 1 - y;
                    }
                    case 5 -> {
                        tx = y;
                        ty = x;
                    }
                    case 6 -> {
                        tx = h - 1 - y;
                        ty = x;
                    }
                    case 7 -> {
                        tx = h - 1 - y;
                        ty = w - 1 - x;
                    }
                    default -> {
                        tx = y;
                        ty = w - 1 - x;
                    }
                }
                dst[ty * dw + tx] = row[x];
            }
        }
        return out;
    }

    private static int u16(byte[] d, int at, boolean little) {
        int a = d[at] & 0xff;
        int b = d[at + 1] & 0xff;
        return little ? b << 8 | a : a << 8 | b;
    }

    private static long u32(byte[] d, int at, boolean little) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int b = d[little ? at + 3 - i : at + i] & 0xff;
            v = v << 8 | b;
        }
        return v;
    }
}
