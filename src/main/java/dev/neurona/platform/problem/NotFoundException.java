package dev.neurona.platform.problem;

/** Nothing of that kind with that id (or name) exists, or the caller may not see it. */
public final class NotFoundException extends DomainException {

    public NotFoundException(String what, Object id) {
        this("No " + what + " with id " + id + ".");
    }

    public NotFoundException(String detail) {
        super("not-found", "Not found", detail);
    }
}
