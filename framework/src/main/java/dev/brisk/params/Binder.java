package dev.brisk.params;

/** Produces one handler argument from a request; compiled once per parameter. */
interface Binder {
    /** The argument; on a validation error, reports it to {@code b.errors} and returns anything (the handler will not run). */
    Object bind(Bound b);

    /** The read-only description, or {@code null} for arguments the client does not supply ({@code Request}). */
    ParamSpec spec();
}
