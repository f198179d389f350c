package dev.neurona.platform.problem;

/** The caller is known and its role may do this kind of thing, but not to this one (another key's job). */
public final class ForbiddenException extends DomainException {

    public ForbiddenException(String detail) {
        super("forbidden", "Forbidden", detail);
    }
}
