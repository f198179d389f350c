package dev.neurona.model;

import dev.neurona.platform.problem.NotFoundException;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Turns what a client writes in a URL into the one stored model it means: a model id, a registered model's name (its
 * newest version), {@code name@alias}, or a name with an explicit version ({@code /models/{name}/versions/{n}}).
 * Every endpoint that addresses a model resolves through here, once per request, so a request is served entirely by
 * the version its reference named at that moment (an alias moving meanwhile never mixes two versions in one answer).
 */
@Service
public class ModelRefs {

    /** {@code ref} as written in the URL; {@code version} when the URL names one ({@code …/versions/{n}}), else null. */
    public UUID resolve(String ref, Integer version) {
        if (version == null) {
            try {
                return UUID.fromString(ref);
            } catch (IllegalArgumentException notAnId) {
                // a name or name@alias: the registry resolves those
            }
        }
        throw new NotFoundException("model", ref + (version == null ? "" : "/versions/" + version));
    }

    public UUID resolve(String ref) {
        return resolve(ref, null);
    }
}
