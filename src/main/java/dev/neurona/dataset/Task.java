package dev.neurona.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a model predicts: a class out of a fixed set, or a number. Written in lower case in the API. */
public enum Task {
    CLASSIFICATION,
    REGRESSION;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive; null for an unknown name so callers can report it against their own field. */
    @JsonCreator
    public static Task parse(String text) {
        for (Task t : values()) {
            if (t.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        return null;
    }
}
