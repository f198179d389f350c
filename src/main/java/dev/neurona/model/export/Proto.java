package dev.neurona.model.export;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One protocol-buffers message written field by field (the wire format: varints, length-delimited bytes). ONNX is
 * a handful of messages, so a few lines here spare a generated-code dependency.
 */
final class Proto {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
        tag(field, VARINT);
        raw(value);
        return this;
    }

    /** A float field (wire type 5: four bytes, little-endian). */
    Proto fixed32(int field, float value) {
        tag(field, FIXED32);
        out.writeBytes(littleEndian(new float[] {value}));
        return this;
    }

    Proto string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    Proto message(int field, Proto message) {
        return bytes(field, message.toByteArray());
    }

    /** A repeated integer field, packed (one length-delimited run of varints). */
    Proto packed(int field, long[] values) {
        Proto run = new Proto();
        for (long v : values) {
            run.raw(v);
        }
        return bytes(field, run.toByteArray());
    }

    /** A repeated float field, packed (little-endian IEEE 754, as the wire format has it). */
    Proto packed(int field, float[] values) {
        return bytes(field, littleEndian(values));
    }

    static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        raw(((long) field << 3) | wireType);
    }

    private void raw(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
