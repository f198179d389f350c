package dev.neurona.platform.problem;

import java.util.function.Supplier;

/**
 * Field paths relative to a part of a request. Code that reads one piece of input (a drawing, a picture) names what
 * is wrong relative to that piece — {@code [2]} for its third stroke, the empty path for the whole — and the caller
 * that knows where the piece sits in the request puts its own field in front, once, with {@link #under}.
 */
public final class FieldPath {

    private FieldPath() {}

    /**
     * {@code prefix} followed by {@code path}: {@code drawings[0]} and {@code [2]} make {@code drawings[0][2]},
     * {@code spec} and {@code layers[1]} make {@code spec.layers[1]}, and an empty path is the prefix itself.
     */
    public static String join(String prefix, String path) {
        if (prefix == null || prefix.isEmpty()) {
            return path;
        }
        if (path == null || path.isEmpty()) {
            return prefix;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    /** Runs {@code work}; a problem it reports names its fields under {@code prefix}. */
    public static <T> T under(String prefix, Supplier<T> work) {
        try {
            return work.get();
        } catch (InvalidInputException e) {
            throw e.under(prefix);
        }
    }
}
