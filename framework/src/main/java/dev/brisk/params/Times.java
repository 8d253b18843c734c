package dev.brisk.params;

import dev.brisk.validation.Issue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * {@code java.time} conversions: ISO-8601 text (a space may separate date and time, as pydantic allows),
 * epoch seconds for instants and date-times, seconds or ISO-8601 for durations. Error types and
 * messages follow pydantic's ({@code date_parsing}, {@code datetime_parsing}, ...), with speedate's
 * wording for the common date mistakes.
 */
final class Times {
    private Times() {}

    static final Scalars.Scalar LOCAL_DATE = new Temporal("date_parsing", "Input should be a valid date in the format YYYY-MM-DD, ",
            Scalars.DATE_TYPE, false, LocalDate::parse);
    static final Scalars.Scalar LOCAL_DATE_TIME = new Temporal("datetime_parsing", "Input should be a valid datetime, ",
            Scalars.DATETIME_TYPE, true, t -> t.length() == 10 ? LocalDate.parse(t).atStartOfDay()
                    : LocalDateTime.parse(t, DateTimeFormatter.ISO_DATE_TIME));
    static final Scalars.Scalar OFFSET_DATE_TIME = new Temporal("datetime_parsing", "Input should be a valid datetime, ",
            Scalars.DATETIME_TYPE, true, OffsetDateTime::parse);
    static final Scalars.Scalar ZONED_DATE_TIME = new Temporal("datetime_parsing", "Input should be a valid datetime, ",
            Scalars.DATETIME_TYPE, true, ZonedDateTime::parse);
    static final Scalars.Scalar INSTANT = new Temporal("datetime_parsing", "Input should be a valid datetime, ",
            Scalars.DATETIME_TYPE, true, t -> epoch(t) != null ? epoch(t) : OffsetDateTime.parse(t).toInstant());
    static final Scalars.Scalar LOCAL_TIME = new Temporal("time_parsing", "Input should be in a valid time format, ",
            Scalars.TIME_TYPE, false, LocalTime::parse);
    static final Scalars.Scalar DURATION = new Temporal("time_delta_parsing", "Input should be a valid timedelta, ",
            Scalars.DURATION_TYPE, false, Times::duration);

    private static Instant epoch(String t) {
        if (t.isEmpty() || !t.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == '-')) return null;
        BigDecimal s = new BigDecimal(t);
        return Instant.ofEpochSecond(s.longValue(), s.remainder(BigDecimal.ONE).movePointRight(9).intValue());
    }

    private static Duration duration(String t) {
        if (t.startsWith("P") || t.startsWith("-P") || t.startsWith("p")) return Duration.parse(t);
        String[] hms = t.split(":");
        if (hms.length == 3) {
            BigDecimal secs = new BigDecimal(hms[2]);
            return Duration.ofHours(Long.parseLong(hms[0])).plusMinutes(Long.parseLong(hms[1]))
                    .plusNanos(secs.movePointRight(9).longValueExact());
        }
        return Duration.ofNanos(new BigDecimal(t).movePointRight(9).longValueExact());
    }

    /** Why {@code t} is not a {@code YYYY-MM-DD} date (speedate's wording), or {@code null}. */
    static String dateProblem(String t, boolean dateTime) {
        if (t.length() < 10) return "input is too short";
        for (int i = 0; i < 10; i++) {
            char c = t.charAt(i);
            if (i == 4 || i == 7) {
                if (c != '-') return "invalid date separator, expected `-`";
            } else if (c < '0' || c > '9') {
                return "invalid character in " + (i < 4 ? "year" : i < 7 ? "month" : "day");
            }
        }
        int month = Integer.parseInt(t, 5, 7, 10);
        if (month < 1 || month > 12) return "month value is outside expected range of 1-12";
        int day = Integer.parseInt(t, 8, 10, 10);
        int year = Integer.parseInt(t, 0, 4, 10);
        if (day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) return "day value is outside expected range";
        if (t.length() > 10) {
            if (!dateTime) return "unexpected extra characters at the end of the input";
            char sep = t.charAt(10);
            if (sep != 'T' && sep != 't' && sep != ' ' && sep != '_') return "invalid datetime separator, expected `T`, `t`, `_` or space";
        }
        return null;
    }

    private static final class Temporal extends Scalars.Scalar {
        private final String type;
        private final String prefix;
        private final Issue typeIssue;
        private final boolean dateTime;
        private final Function<String, Object> parser;

        Temporal(String type, String prefix, Issue typeIssue, boolean dateTime, Function<String, Object> parser) {
            this.type = type;
            this.prefix = prefix;
            this.typeIssue = typeIssue;
            this.dateTime = dateTime;
            this.parser = parser;
        }

        @Override
        Parsed parse(String s) {
            String t = s.strip();
            if (dateTime && t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == '_' || t.charAt(10) == 't')) {
                t = t.substring(0, 10) + 'T' + t.substring(11);
            }
            boolean datePart = type.startsWith("date") && !(dateTime && t.chars().allMatch(c -> c >= '0' && c <= '9'));
            if (datePart) {
                String why = dateProblem(t, dateTime);
                if (why != null) return Parsed.invalid(issue(why));
            }
            try {
                return Parsed.ok(parser.apply(t));
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                return Parsed.invalid(issue(datePart || type.startsWith("time_parsing") ? "invalid character in time" : "invalid duration format"));
            }
        }

        private Issue issue(String why) {
            return new Issue(type, prefix + why, Map.of("error", why));
        }

        @Override
        Parsed fromJson(JsonNode n) {
            if (n.isString()) return parse(n.stringValue());
            if (n.isNumber() && (this == INSTANT || this == DURATION)) return parse(n.decimalValue().toPlainString());
            if (n.isNumber() && (this == OFFSET_DATE_TIME || this == LOCAL_DATE_TIME)) {
                Instant i = epoch(n.decimalValue().toPlainString());
                if (i != null) return Parsed.ok(this == OFFSET_DATE_TIME ? i.atOffset(ZoneOffset.UTC) : LocalDateTime.ofInstant(i, ZoneOffset.UTC));
            }
            return Parsed.invalid(typeIssue);
        }

        @Override
        Issue typeIssue() {
            return typeIssue;
        }
    }
}
