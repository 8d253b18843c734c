package dev.brisk.params;

import dev.brisk.validation.Issue;

/**
 * What a scalar conversion gives: the value, or the pydantic-shaped reason the input is not one. A
 * sealed pair, so a caller must handle both (no {@code Object} that may secretly be an {@link Issue}).
 */
sealed interface Parsed {
    /** The converted value (never {@code null}). */
    record Ok(Object value) implements Parsed {}

    /** The input is not a value of the type; {@code issue} says why, as pydantic would. */
    record Invalid(Issue issue) implements Parsed {}

    static Parsed ok(Object value) {
        return new Ok(value);
    }

    static Parsed invalid(Issue issue) {
        return new Invalid(issue);
    }
}
