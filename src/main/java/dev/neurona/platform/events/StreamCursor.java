package dev.neurona.platform.events;

import java.util.List;

/**
 * What one subscriber has been sent, and the events that bring it up to date with a new snapshot of what it follows.
 * The fan-out asks it once per poll; after {@link #finished()} turns true the stream completes. Each feature writes
 * its own: it is the only code a feature keeps for its event stream.
 *
 * @param <S> the snapshot a poll reads
 */
public interface StreamCursor<S> {

    /** The events this subscriber lacks, in order; empty when nothing changed for it. */
    List<? extends StreamEvent> next(S snapshot);

    /** True once the final event has been handed out. */
    boolean finished();
}
