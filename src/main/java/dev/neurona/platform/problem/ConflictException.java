package dev.neurona.platform.problem;

/** The request is fine but the state of what it names does not allow it (a dataset in use, a corrupted model). */
public final class ConflictException extends DomainException {

    public ConflictException(String detail) {
        this("conflict", "Conflict", detail);
    }

    public ConflictException(String kind, String title, String detail) {
        super(kind, title, detail);
    }
}
