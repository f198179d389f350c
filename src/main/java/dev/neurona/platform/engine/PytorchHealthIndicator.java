package dev.neurona.platform.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Shows as {@code pytorch} in /actuator/health: the engine is loaded and can still compute. */
@Component
class PytorchHealthIndicator implements HealthIndicator {

    private final DjlEngine engine;

    PytorchHealthIndicator(DjlEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        Engine e = engine.engine();
        try (NDManager manager = e.newBaseManager()) {
            float sum = manager.create(new float[] {1f, 2f}).sum().getFloat();
            Health.Builder health = sum == 3f ? Health.up() : Health.down().withDetail("reason", "1 + 2 = " + sum);
            return health.withDetail("engine", e.getEngineName())
                    .withDetail("version", e.getVersion())
                    .withDetail("device", e.defaultDevice().toString())
                    .build();
        }
    }
}
