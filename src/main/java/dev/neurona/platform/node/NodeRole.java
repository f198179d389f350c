package dev.neurona.platform.node;

/**
 * What a node does when several share one database ({@code neurona.role}). Every role serves HTTP: predictions and
 * reads can be answered by any node, so a load balancer may spread them over all of them.
 */
public enum NodeRole {

    /** The API and training: a single node, or a small cluster of equals. */
    ALL,

    /** The API only: accepts jobs but never trains; creates the first admin key. */
    API,

    /** Trains queued jobs; still serves predictions, reads and the actuator. */
    WORKER;

    public boolean runsJobs() {
        return this != API;
    }

    /** Only nodes that front users create the first admin key, so workers starting together cannot add more. */
    public boolean bootstrapsKeys() {
        return this != WORKER;
    }
}
