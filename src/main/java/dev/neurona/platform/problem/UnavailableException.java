package dev.neurona.platform.problem;

/** Something this node cannot provide: not here at all, or a source it depends on failed. */
public final class UnavailableException extends DomainException {

    private final boolean upstream;

    private UnavailableException(String kind, String title, String detail, boolean upstream) {
        super(kind, title, detail);
        this.upstream = upstream;
    }

    /** Not available on this node (not bundled, not configured). */
    public static UnavailableException here(String kind, String title, String detail) {
        return new UnavailableException(kind, title, detail, false);
    }

    /** A source this request depends on failed (a download). */
    public static UnavailableException upstream(String kind, String title, String detail) {
        return new UnavailableException(kind, title, detail, true);
    }

    public boolean upstream() {
        return upstream;
    }
}
