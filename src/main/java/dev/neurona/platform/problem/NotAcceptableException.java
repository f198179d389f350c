package dev.neurona.platform.problem;

/** What was asked for exists, but not in the representation asked for (a PNG of table rows). */
public final class NotAcceptableException extends DomainException {

    public NotAcceptableException(String detail) {
        super("not-acceptable", "Not acceptable", detail);
    }
}
