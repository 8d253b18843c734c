package dev.brisk.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/** {@code @Past}, {@code @Future} (and {@code OrPresent}): pydantic's {@code PastDate}, {@code FutureDatetime}... */
record Temporal(boolean future, boolean orPresent) implements Check {
    @Override
    public Issue test(Object value) {
        int cmp;
        boolean date = false;
        if (value instanceof LocalDate d) { cmp = d.compareTo(LocalDate.now()); date = true; }
        else if (value instanceof LocalDateTime d) cmp = d.compareTo(LocalDateTime.now());
        else if (value instanceof Instant d) cmp = d.compareTo(Instant.now());
        else if (value instanceof OffsetDateTime d) cmp = d.toInstant().compareTo(Instant.now());
        else if (value instanceof ZonedDateTime d) cmp = d.toInstant().compareTo(Instant.now());
        else if (value instanceof LocalTime d) cmp = d.compareTo(LocalTime.now());
        else return null;
        boolean ok = future ? (cmp > 0 || (orPresent && cmp == 0)) : (cmp < 0 || (orPresent && cmp == 0));
        if (ok) return null;
        String when = future ? "future" : "past";
        return date ? Issue.of("date_" + when, "Date should be in the " + when)
                : Issue.of("datetime_" + when, "Input should be in the " + when);
    }

    @Override
    public List<Constraint> constraints() {
        return List.of(new Constraint(future ? (orPresent ? "futureOrPresent" : "future") : (orPresent ? "pastOrPresent" : "past"), true));
    }
}
