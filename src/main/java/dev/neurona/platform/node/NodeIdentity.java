package dev.neurona.platform.node;

import dev.neurona.platform.NeuronaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Which node this is, for whoever looks at several: {@code neurona.role} and the node's name in /actuator/info, and
 * the name as the common tag {@code node} on every metric, so one Prometheus query can tell the nodes apart. The
 * name was resolved (setting or host name) by {@link NodeEnvironment} before the context started.
 */
@Component
class NodeIdentity implements InfoContributor, MeterRegistryCustomizer<MeterRegistry> {

    private final NodeRole role;
    private final String node;

    NodeIdentity(NeuronaProperties properties) {
        this.role = properties.role();
        this.node = properties.node();
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("neurona", Map.of("role", role.name().toLowerCase(Locale.ROOT), "node", node));
    }

    @Override
    public void customize(MeterRegistry registry) {
        registry.config().commonTags("node", node);
    }
}
