package dev.neurona.platform.events;

/**
 * One server-sent event: its name, its data (written as JSON) and an optional id that a reconnecting client sends
 * back as {@code Last-Event-ID}.
 */
public interface StreamEvent {

    String name();

    Object data();

    /** Null for an event without {@code id:}. */
    String id();

    static StreamEvent of(String name, Object data) {
        return new Named(name, data);
    }

    /** An event without an id. */
    record Named(String name, Object data) implements StreamEvent {

        @Override
        public String id() {
            return null;
        }
    }
}
