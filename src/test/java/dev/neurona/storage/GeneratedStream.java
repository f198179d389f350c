package dev.neurona.storage;

import java.io.InputStream;

/**
 * Pseudo-random bytes made as they are read, so a big upload is a stream, not an array in disguise. Each byte
 * depends on its position only, so the bytes are the same however the stream is read.
 */
final class GeneratedStream extends InputStream {

    private final long seed;
    private final long length;
    private long position;

    GeneratedStream(long length, long seed) {
        this.length = length;
        this.seed = seed;
    }

    @Override
    public int read() {
        return position < length ? at(position++) : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position == length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) at(position++);
        }
        return n;
    }

    private int at(long i) {
        long x = (i + seed) * 0x9E3779B97F4A7C15L;
        return (int) ((x ^ (x >>> 29)) >>> 56);
    }
}
