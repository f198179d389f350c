package dev.neurona.platform.web;

import java.util.List;

/**
 * One page of a list endpoint's answer. Every list takes the same {@code offset} (at least 0, default 0) and
 * {@code limit} (1–{@value #MAX_LIMIT}) query parameters, validated by the controllers' {@code @Min}/{@code @Max}.
 */
public final class Paging {

    /** The most items one page may ask for. */
    public static final int MAX_LIMIT = 1000;

    /** The page size of the lists that had none (datasets, models, keys, the catalog). */
    public static final String DEFAULT_LIMIT = "100";

    private Paging() {}

    /** Items {@code offset} to {@code offset + limit} of an already ordered list; empty past its end. */
    public static <T> List<T> page(List<T> all, int offset, int limit) {
        if (offset >= all.size()) {
            return List.of();
        }
        return List.copyOf(all.subList(offset, (int) Math.min(all.size(), (long) offset + limit)));
    }
}
