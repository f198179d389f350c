package dev.neurona.dataset.encoding;

import java.util.Locale;

/**
 * What a table model does with a category it never saw in training: {@code ignore} encodes it as all zeros (as
 * scikit-learn's {@code OneHotEncoder(handle_unknown='ignore')}) and notes it in the answer; {@code error} refuses
 * the row.
 */
public final class UnknownCategories {

    public static final String IGNORE = "ignore";
    public static final String ERROR = "error";

    private UnknownCategories() {}

    /** The policy named by {@code text} (any case, trimmed), or null when it names none. */
    public static String parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return IGNORE.equals(t) || ERROR.equals(t) ? t : null;
    }
}
