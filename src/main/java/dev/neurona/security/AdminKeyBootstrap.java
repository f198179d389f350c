package dev.neurona.security;

import dev.neurona.platform.NeuronaProperties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * First start with no keys: an admin key is created and printed once, like a notebook server's token. Only its
 * hash is kept, so a lost key means creating another with an admin key (or starting on an empty key table).
 *
 * <p>Several nodes may share one database. Workers never create the key (neurona.role): they have no users to show
 * it to, and a fleet of them starting at once would each add one. Two api nodes starting together could still both
 * see an empty table, so the first admin key always has the same id: the second insert breaks the primary key and
 * that node only logs that another one created the key. A lock would do too, but needs SQL that differs between H2
 * and PostgreSQL; a fixed id needs none, and the key table is empty only this once (keys are revoked, never deleted).
 */
@Component
class AdminKeyBootstrap implements ApplicationRunner {

    static final UUID FIRST_ADMIN = UUID.fromString("00000000-0000-0000-0000-00000000a001");

    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final ApiKeyService keys;
    private final NeuronaProperties.Security settings;
    private final boolean bootstraps;

    AdminKeyBootstrap(ApiKeyService keys, NeuronaProperties properties) {
        this.keys = keys;
        this.settings = properties.security();
        this.bootstraps = properties.role().bootstrapsKeys();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.enabled() || !bootstraps || keys.count() > 0) {
            return;
        }
        String given = settings.bootstrapAdminKey();
        if (!given.isBlank() && given.length() < 32) {
            throw new IllegalStateException("neurona.security.bootstrap-admin-key must have at least 32 characters");
        }
        ApiKey admin;
        try {
            admin = given.isBlank()
                    ? keys.store(FIRST_ADMIN, "first admin", Role.ADMIN, ApiKeyService.newSecret(), null)
                    : keys.store(FIRST_ADMIN, "bootstrap admin", Role.ADMIN, given, null);
        } catch (DuplicateKeyException e) {
            log.info("Another node created the first admin key while this one started; it is in that node's log "
                    + "(or it is neurona.security.bootstrap-admin-key)");
            return;
        }
        if (!given.isBlank()) {
            log.info("Admin API key taken from neurona.security.bootstrap-admin-key");
            return;
        }
        log.warn(
                """

                ==========================================================================================
                  No API keys yet: created an admin key. It is shown only now; store it somewhere safe.

                      {}

                  Use it as header X-API-Key (or Authorization: Bearer ...); create more keys with
                  POST /api/v1/keys.
                ==========================================================================================""",
                admin.key());
    }
}
