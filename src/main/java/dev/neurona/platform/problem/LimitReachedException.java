package dev.neurona.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configured limit is reached: the body names the {@code setting} to raise, its {@code limit} and the
 * {@code current} count, and the answer says when to try again.
 */
public final class LimitReachedException extends DomainException {

    /** Whose limit: the caller's own share (try less) or this node's capacity (try later, or elsewhere). */
    public enum Scope {
        CALLER,
        NODE
    }

    private final Scope scope;
    private final Map<String, Object> properties;
    private final long retryAfterSeconds;

    public LimitReachedException(
            Scope scope,
            String kind,
            String title,
            String detail,
            String setting,
            long limit,
            long current,
            long retryAfterSeconds) {
        super(kind, title, detail);
        this.scope = scope;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("setting", setting);
        p.put("limit", limit);
        p.put("current", current);
        this.properties = Map.copyOf(p);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Scope scope() {
        return scope;
    }

    @Override
    public Map<String, Object> properties() {
        return properties;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
