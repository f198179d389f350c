package dev.neurona.prediction;

import dev.neurona.imaging.ImageDecoder;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.FieldPath;
import dev.neurona.platform.problem.LimitReachedException;
import dev.neurona.platform.problem.TooLargeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What uploaded pictures may cost. A few KB of PNG can claim 36 megapixels, and a decoded pixel takes about 16 bytes
 * of heap until its picture is prepared (the decoded image, an opaque copy, luminance), so bytes say nothing about
 * memory or time. A request's pictures are therefore weighed by their headers before any is decoded
 * ({@code neurona.prediction.max-pixels}), and the node decodes at most {@code neurona.prediction.max-decoding-pixels}
 * at a time across all requests: a burst of large pictures waits its turn instead of multiplying the heap it takes.
 */
@Component
class PictureBudget {

    /** How long a picture waits for its turn before the request is turned away with a 503. */
    static final long WAIT_SECONDS = 30;

    private final long maxPixels;
    private final int decodingPixels;
    private final long waitSeconds;
    private final Semaphore decoding;

    @Autowired
    PictureBudget(NeuronaProperties properties) {
        this(properties.prediction().maxPixels(), properties.prediction().maxDecodingPixels(), WAIT_SECONDS);
    }

    PictureBudget(long maxPixels, long decodingPixels, long waitSeconds) {
        this.maxPixels = maxPixels;
        this.decodingPixels = (int) Math.max(1, Math.min(Integer.MAX_VALUE, decodingPixels));
        this.waitSeconds = waitSeconds;
        this.decoding = new Semaphore(this.decodingPixels, true);
    }

    /** The pictures as inputs {@code files[i]}; a 413 when their headers add up to more than max-pixels. */
    List<ImageInputs.Input> inputs(List<byte[]> pictures) {
        long[] pixels = new long[pictures.size()];
        long total = 0;
        for (int i = 0; i < pixels.length; i++) {
            // one over the per-image limits is refused here, naming it; one whose header cannot be read weighs
            // nothing here, and decoding it says what is wrong
            byte[] picture = pictures.get(i);
            pixels[i] = FieldPath.under("files[" + i + "]", () -> ImageDecoder.pixels(picture));
            total += pixels[i];
        }
        if (total > maxPixels) {
            throw new TooLargeException(
                    "files",
                    String.format(
                            Locale.ROOT,
                            "the %d pictures add up to %,d pixels (width × height of each); at most %,d per request"
                                    + " (neurona.prediction.max-pixels): send fewer or smaller pictures",
                            pictures.size(),
                            total,
                            maxPixels));
        }
        List<ImageInputs.Input> inputs = new ArrayList<>(pictures.size());
        for (int i = 0; i < pixels.length; i++) {
            ImageInputs.Input picture = ImageInputs.picture(pictures.get(i), "files[" + i + "]");
            int permits = (int) Math.max(1, Math.min(decodingPixels, pixels[i]));
            inputs.add(encoding -> {
                acquire(permits);
                try {
                    return picture.prepare(encoding);
                } finally {
                    release(permits);
                }
            });
        }
        return inputs;
    }

    void release(int permits) {
        decoding.release(permits);
    }

    /** Waits for {@code permits} pixels of the node's decoding budget; a 503 when they do not come in time. */
    void acquire(int permits) {
        try {
            if (decoding.tryAcquire(permits, waitSeconds, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new LimitReachedException(
                LimitReachedException.Scope.NODE,
                "decoding-busy",
                "Too many pictures being decoded",
                String.format(
                        Locale.ROOT,
                        "this node is decoding other pictures and may decode at most %,d pixels at a time"
                                + " (neurona.prediction.max-decoding-pixels); this one (%,d pixels) waited %d s."
                                + " Try again later.",
                        decodingPixels,
                        permits,
                        waitSeconds),
                "neurona.prediction.max-decoding-pixels",
                decodingPixels,
                decodingPixels - decoding.availablePermits(),
                5);
    }
}
