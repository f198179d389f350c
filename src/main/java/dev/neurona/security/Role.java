package dev.neurona.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a key may do. Each role includes the ones below it: admin ⊃ trainer ⊃ predictor. */
public enum Role {
    /** manage keys, delete anything, the actuator */
    ADMIN,
    /** upload datasets, import from the catalog, submit and cancel jobs */
    TRAINER,
    /** read models and predict */
    PREDICTOR;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return r;
            }
        }
        return null;
    }
}
