package dev.neurona.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.platform.problem.ForbiddenException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who may cancel what: the submitting key, an admin, and with security disabled anyone. */
class CallersTest {

    private static final UUID OWNER = UUID.randomUUID();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static void as(UUID keyId, Role role) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        new Callers.KeyPrincipal(keyId, role.name().toLowerCase() + " key"),
                        null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + role.name()))));
    }

    @Test
    void theOwnerAndAnAdminMayAnotherTrainerMayNot() {
        as(OWNER, Role.TRAINER);
        assertThatCode(() -> Callers.requireOwnerOrAdmin(OWNER.toString(), "job 1"))
                .doesNotThrowAnyException();
        as(UUID.randomUUID(), Role.ADMIN);
        assertThatCode(() -> Callers.requireOwnerOrAdmin(OWNER.toString(), "job 1"))
                .doesNotThrowAnyException();
        as(UUID.randomUUID(), Role.TRAINER);
        assertThatThrownBy(() -> Callers.requireOwnerOrAdmin(OWNER.toString(), "job 1"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("job 1")
                .hasMessageContaining("trainer key");
    }

    @Test
    void aJobSubmittedWithoutAKeyIsForAdminsOnly() {
        as(UUID.randomUUID(), Role.TRAINER);
        assertThatThrownBy(() -> Callers.requireOwnerOrAdmin(null, "job 2")).isInstanceOf(ForbiddenException.class);
        as(UUID.randomUUID(), Role.ADMIN);
        assertThatCode(() -> Callers.requireOwnerOrAdmin(null, "job 2")).doesNotThrowAnyException();
    }

    @Test
    void withSecurityDisabledEveryoneMay() {
        // no authentication at all, or Spring Security's anonymous one: what a request has with security disabled
        assertThatCode(() -> Callers.requireOwnerOrAdmin(OWNER.toString(), "job 3"))
                .doesNotThrowAnyException();
        SecurityContextHolder.getContext()
                .setAuthentication(new AnonymousAuthenticationToken(
                        "key", "anonymousUser", List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
        assertThatCode(() -> Callers.requireOwnerOrAdmin(OWNER.toString(), "job 3"))
                .doesNotThrowAnyException();
    }
}
