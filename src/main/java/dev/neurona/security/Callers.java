package dev.neurona.security;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling, for features that record it (e.g. which key submitted a job) without knowing about keys. */
public final class Callers {

    private Callers() {}

    /** The id of the API key that authenticated this request; empty without one (or with security disabled). */
    public static Optional<UUID> keyId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof KeyPrincipal key
                ? Optional.of(key.keyId())
                : Optional.empty();
    }

    /** The principal of a request authenticated by an API key; its name is the key's name, as before. */
    record KeyPrincipal(UUID keyId, String name) implements Principal {

        @Override
        public String getName() {
            return name;
        }
    }
}
