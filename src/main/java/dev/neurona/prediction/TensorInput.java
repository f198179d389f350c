package dev.neurona.prediction;

import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.platform.problem.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;

/**
 * Images sent as raw bytes ({@code application/octet-stream}): N images of the model's C×H×W, back to back, as uint8
 * pixels or float32 little-endian pixel values 0–255. The shape comes from the model, N from the length, so a client
 * pays no JSON parsing of thousands of numbers. The same checks as JSON pixels apply, by image and pixel.
 */
final class TensorInput {

    enum Format {
        UINT8(1),
        FLOAT32(4);

        final int bytes;

        Format(int bytes) {
            this.bytes = bytes;
        }

        static Format parse(String value) {
            String v = value == null ? "uint8" : value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("uint8")) {
                return UINT8;
            }
            if (v.equals("float32")) {
                return FLOAT32;
            }
            throw new InvalidInputException("format", "must be uint8 or float32, was '" + value + "'");
        }
    }

    private TensorInput() {}

    /** How many whole images {@code length} bytes hold for this model, or a 400 naming why not. */
    static int count(int length, ImageEncoding encoding, Format format, int maxImages) {
        List<Integer> shape = encoding.inputShape();
        int size = shape.get(0) * shape.get(1) * shape.get(2) * format.bytes;
        String what = shape.get(0) + "×" + shape.get(1) + "×" + shape.get(2) + " "
                + format.name().toLowerCase(Locale.ROOT);
        if (length == 0) {
            throw new InvalidInputException("body", "empty: send N " + what + " images back to back");
        }
        if (length % size != 0) {
            throw new InvalidInputException(
                    "body",
                    length + " bytes are not a whole number of " + what + " images (" + size
                            + " bytes each, this model's input shape)");
        }
        int count = length / size;
        if (count > maxImages) {
            throw new InvalidInputException("body", count + " images; at most " + maxImages + " per request");
        }
        return count;
    }

    /** The uint8 pixels of {@code count} images; float32 values checked like JSON pixels and rounded. */
    static byte[] pixels(byte[] body, int count, Format format) {
        int size = body.length / format.bytes / count;
        byte[] out = format == Format.UINT8 ? body : new byte[body.length / 4];
        float[] max = new float[count];
        if (format == Format.FLOAT32) {
            ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < out.length; i++) {
                float v = in.getFloat();
                if (!(v >= 0 && v <= 255)) {
                    throw new InvalidInputException(
                            "body", "image " + i / size + ", pixel " + i % size + " must be from 0 to 255, was " + v);
                }
                max[i / size] = Math.max(max[i / size], v);
                out[i] = (byte) Math.round(v);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                max[i / size] = Math.max(max[i / size], out[i] & 0xff);
            }
        }
        for (int image = 0; image < count; image++) {
            if (max[image] > 0 && max[image] <= 1) {
                // 0–1 values pass as an almost black image and would be predicted as one, silently
                throw new InvalidInputException(
                        "body",
                        "image " + image + ": every pixel value is between 0 and 1 (the largest is " + max[image]
                                + "): the image looks scaled to 0–1, but the model takes 0–255 (white ink 255 on"
                                + " black 0)");
            }
        }
        return out;
    }
}
