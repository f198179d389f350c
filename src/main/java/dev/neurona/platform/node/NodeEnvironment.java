package dev.neurona.platform.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code neurona.role} into JobRunr's switch for its background job server, and names the node. JobRunr's
 * auto-configuration reads {@code jobrunr.background-job-server.enabled} when it creates its beans, so the mapping has
 * to be in the environment before any bean exists; an {@code EnvironmentPostProcessor} (registered in
 * META-INF/spring.factories) is the one place that runs after the configuration files are read and before that.
 *
 * <p>An explicit {@code jobrunr.background-job-server.enabled} that contradicts the role stops the start: a node
 * that says {@code api} but trains anyway (or the reverse) is a deployment mistake best seen at once, not a
 * precedence rule to remember. A value that agrees with the role is accepted.
 */
public class NodeEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String ROLE = "neurona.role";
    public static final String NODE_NAME = "neurona.node-name";
    public static final String JOB_SERVER = "jobrunr.background-job-server.enabled";
    public static final String JOB_SERVER_NAME = "jobrunr.background-job-server.name";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        NodeRole role = binder.bind(ROLE, NodeRole.class).orElse(NodeRole.ALL);
        Boolean explicit = binder.bind(JOB_SERVER, Boolean.class).orElse(null);
        if (explicit != null && explicit != role.runsJobs()) {
            throw new IllegalStateException(JOB_SERVER + "=" + explicit + " contradicts " + ROLE + "="
                    + role.name().toLowerCase(Locale.ROOT) + ". The role decides whether this node trains: remove the "
                    + "jobrunr setting and use " + ROLE + "=api (never trains), worker (trains) or all (both).");
        }
        String node = binder.bind(NODE_NAME, String.class).map(String::trim).orElse("");
        if (node.isEmpty()) {
            node = hostname();
        }
        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put(JOB_SERVER, role.runsJobs());
        derived.put(NODE_NAME, node);
        if (!binder.bind(JOB_SERVER_NAME, String.class).isBound()) {
            // JobRunr's dashboard and its server table then list the node under the name /actuator/info reports
            derived.put(JOB_SERVER_NAME, node);
        }
        // first: every value here either agrees with an explicit one (checked above) or fills a blank
        environment.getPropertySources().addFirst(new MapPropertySource("neuronaNode", derived));
    }

    /** After the configuration files have been read (ConfigDataEnvironmentPostProcessor runs near the highest). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The host's name (a container's is its id unless compose sets {@code hostname}); "localhost" if unknown. */
    public static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
