package dev.neurona.security;

import dev.neurona.platform.problem.ForbiddenException;
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

    /**
     * Refuses to change what another API key created (cancel its job), unless the caller is an admin. A request
     * without a key passes: with security enabled every route that changes something needs a key before a controller
     * runs, so no key here means security is disabled, and then everything is allowed.
     *
     * @param ownerKeyId the id of the key that created it; null when it was created without a key (only admins may)
     * @param what       what it is, for the message: "job 0a1b…"
     */
    public static void requireOwnerOrAdmin(String ownerKeyId, String what) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof KeyPrincipal key)) {
            return;
        }
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(granted -> ("ROLE_" + Role.ADMIN.name()).equals(granted.getAuthority()));
        if (admin || key.keyId().toString().equals(ownerKeyId)) {
            return;
        }
        throw new ForbiddenException("Only the API key that submitted " + what + ", or an admin key, may change it;"
                + " this request's key ('" + key.name() + "') did not submit it.");
    }

    /** The principal of a request authenticated by an API key; its name is the key's name, as before. */
    record KeyPrincipal(UUID keyId, String name) implements Principal {

        @Override
        public String getName() {
            return name;
        }
    }
}
