package dev.neurona.security;

import dev.neurona.platform.NeuronaProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * First start with no keys: an admin key is created and printed once, like a notebook server's token. Only its
 * hash is kept, so a lost key means creating another with an admin key (or starting on an empty key table).
 */
@Component
class AdminKeyBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final ApiKeyService keys;
    private final NeuronaProperties.Security settings;

    AdminKeyBootstrap(ApiKeyService keys, NeuronaProperties properties) {
        this.keys = keys;
        this.settings = properties.security();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.enabled() || keys.count() > 0) {
            return;
        }
        String given = settings.bootstrapAdminKey();
        if (!given.isBlank()) {
            if (given.length() < 32) {
                throw new IllegalStateException("neurona.security.bootstrap-admin-key must have at least 32 "
                        + "characters");
            }
            keys.store("bootstrap admin", Role.ADMIN, given, null);
            log.info("Admin API key taken from neurona.security.bootstrap-admin-key");
            return;
        }
        ApiKey admin = keys.create(new NewApiKey("first admin", "admin", null));
        log.warn("""

                ==========================================================================================
                  No API keys yet: created an admin key. It is shown only now; store it somewhere safe.

                      {}

                  Use it as header X-API-Key (or Authorization: Bearer ...); create more keys with
                  POST /api/v1/keys.
                ==========================================================================================""",
                admin.key());
    }
}
