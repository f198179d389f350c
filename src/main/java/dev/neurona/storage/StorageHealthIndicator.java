package dev.neurona.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Shows as {@code storage} in /actuator/health: the artifact store can take writes (filesystem: its directory is
 * writable; S3: HeadBucket answers within a few seconds). Cheap enough for a load balancer's every probe.
 */
@Component
class StorageHealthIndicator implements HealthIndicator {

    private final ArtifactStore store;

    StorageHealthIndicator(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        if (store instanceof StorageCheck check) {
            try {
                check.check();
            } catch (Exception e) {
                health = Health.down().withDetail("error", String.valueOf(e.getMessage() == null ? e : e.getMessage()));
            }
        }
        return health.withDetail("store", store.describe()).build();
    }
}
