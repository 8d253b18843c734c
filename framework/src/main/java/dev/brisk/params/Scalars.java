package dev.brisk.params;

import dev.brisk.validation.Issue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Converters from text (path, query, header, cookie, form) and from JSON values to Brisk's scalar types,
 * with pydantic v2's lax-mode rules and error types. A conversion returns {@link Parsed}: the value or
 * the {@link Issue}, no exception on a well-formed request.
 */
final class Scalars {
    private Scalars() {}

    /** One scalar type's conversions. */
    abstract static class Scalar {
        /** The value, or why {@code s} is not one. */
        abstract Parsed parse(String s);

        /** The value from a JSON value, or why it is not one; by default only JSON strings are parsed. */
        Parsed fromJson(JsonNode n) {
            return n.isString() ? parse(n.stringValue()) : Parsed.invalid(typeIssue());
        }

        abstract Issue typeIssue();
    }

    /** A scalar for an app's own type, through its {@link Converter}. */
    static Scalar of(Class<?> type, java.util.Map<Class<?>, Converter<?>> converters) {
        Scalar builtIn = of(type);
        if (builtIn != null) return builtIn;
        Converter<?> c = converters.get(type);
        return c == null ? null : new Converted(c);
    }

    private static final class Converted extends Scalar {
        private final Converter<?> converter;

        Converted(Converter<?> converter) {
            this.converter = converter;
        }

        @Override
        Parsed parse(String s) {
            try {
                Object v = converter.convert(s);
                return v != null ? Parsed.ok(v) : Parsed.invalid(Issue.of("value_error", "Value error, no value"));
            } catch (Exception e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return Parsed.invalid(new Issue("value_error", "Value error, " + why, java.util.Map.of("error", why)));
            }
        }

        @Override
        Issue typeIssue() {
            return STRING_TYPE;
        }
    }

    static final Issue INT_PARSING = Issue.of("int_parsing", "Input should be a valid integer, unable to parse string as an integer");
    static final Issue INT_SIZE = Issue.of("int_parsing_size", "Unable to parse input string as an integer, exceeded maximum size");
    static final Issue INT_TYPE = Issue.of("int_type", "Input should be a valid integer");
    static final Issue INT_FROM_FLOAT = Issue.of("int_from_float", "Input should be a valid integer, got a number with a fractional part");
    static final Issue FLOAT_PARSING = Issue.of("float_parsing", "Input should be a valid number, unable to parse string as a number");
    static final Issue FLOAT_TYPE = Issue.of("float_type", "Input should be a valid number");
    static final Issue BOOL_PARSING = Issue.of("bool_parsing", "Input should be a valid boolean, unable to interpret input");
    static final Issue BOOL_TYPE = Issue.of("bool_type", "Input should be a valid boolean");
    static final Issue STRING_TYPE = Issue.of("string_type", "Input should be a valid string");
    static final Issue DECIMAL_PARSING = Issue.of("decimal_parsing", "Input should be a valid decimal");
    static final Issue DECIMAL_TYPE = Issue.of("decimal_type", "Decimal input should be an integer, float, string or Decimal object");
    static final Issue UUID_TYPE = Issue.of("uuid_type", "UUID input should be a string, bytes or UUID object");
    static final Issue DATE_TYPE = Issue.of("date_type", "Input should be a valid date");
    static final Issue DATETIME_TYPE = Issue.of("datetime_type", "Input should be a valid datetime");
    static final Issue TIME_TYPE = Issue.of("time_type", "Input should be a valid time");
    static final Issue DURATION_TYPE = Issue.of("time_delta_type", "Input should be a valid timedelta");

    private static final Map<Class<?>, Scalar> BY_CLASS = Map.ofEntries(
            Map.entry(String.class, new Text()),
            Map.entry(int.class, new Integral(Integer.MIN_VALUE, Integer.MAX_VALUE, 'i')),
            Map.entry(Integer.class, new Integral(Integer.MIN_VALUE, Integer.MAX_VALUE, 'i')),
            Map.entry(long.class, new Integral(Long.MIN_VALUE, Long.MAX_VALUE, 'l')),
            Map.entry(Long.class, new Integral(Long.MIN_VALUE, Long.MAX_VALUE, 'l')),
            Map.entry(short.class, new Integral(Short.MIN_VALUE, Short.MAX_VALUE, 's')),
            Map.entry(Short.class, new Integral(Short.MIN_VALUE, Short.MAX_VALUE, 's')),
            Map.entry(byte.class, new Integral(Byte.MIN_VALUE, Byte.MAX_VALUE, 'b')),
            Map.entry(Byte.class, new Integral(Byte.MIN_VALUE, Byte.MAX_VALUE, 'b')),
            Map.entry(double.class, new Floating(false)),
            Map.entry(Double.class, new Floating(false)),
            Map.entry(float.class, new Floating(true)),
            Map.entry(Float.class, new Floating(true)),
            Map.entry(boolean.class, new Bool()),
            Map.entry(Boolean.class, new Bool()),
            Map.entry(BigDecimal.class, new Decimal(false)),
            Map.entry(BigInteger.class, new Decimal(true)),
            Map.entry(UUID.class, new Uuid()),
            Map.entry(LocalDate.class, Times.LOCAL_DATE),
            Map.entry(LocalDateTime.class, Times.LOCAL_DATE_TIME),
            Map.entry(LocalTime.class, Times.LOCAL_TIME),
            Map.entry(Instant.class, Times.INSTANT),
            Map.entry(OffsetDateTime.class, Times.OFFSET_DATE_TIME),
            Map.entry(ZonedDateTime.class, Times.ZONED_DATE_TIME),
            Map.entry(Duration.class, Times.DURATION));

    static boolean isScalar(Class<?> c) {
        return BY_CLASS.containsKey(c) || c.isEnum();
    }

    /** The converter for {@code c}, or {@code null} if {@code c} is not a scalar type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Scalar of(Class<?> c) {
        if (c.isEnum()) return new EnumScalar((Class) c);
        return BY_CLASS.get(c);
    }

    private static final class Text extends Scalar {
        @Override Parsed parse(String s) { return Parsed.ok(s); }
        @Override Issue typeIssue() { return STRING_TYPE; }
    }

    private static final class Integral extends Scalar {
        private final long min;
        private final long max;
        private final char kind;

        Integral(long min, long max, char kind) {
            this.min = min;
            this.max = max;
            this.kind = kind;
        }

        @Override
        Parsed parse(String s) {
            int start = 0;
            int end = s.length();
            while (start < end && Character.isWhitespace(s.charAt(start))) start++;
            while (end > start && Character.isWhitespace(s.charAt(end - 1))) end--;
            if (start == end) return Parsed.invalid(INT_PARSING);
            boolean neg = false;
            char c0 = s.charAt(start);
            if (c0 == '-' || c0 == '+') {
                neg = c0 == '-';
                if (++start == end) return Parsed.invalid(INT_PARSING);
            }
            long v = 0;
            boolean overflow = false;
            for (int i = start; i < end; i++) {
                char c = s.charAt(i);
                if (c == '_' && i > start && i < end - 1) continue; // pydantic accepts 1_000
                if (c < '0' || c > '9') return fractionZero(s, i, end) ? box(neg ? -v : v, overflow) : Parsed.invalid(INT_PARSING);
                if (v > (Long.MAX_VALUE - (c - '0')) / 10) overflow = true;
                else v = v * 10 + (c - '0');
            }
            return box(neg ? -v : v, overflow);
        }

        /** "3.0" and "3.00" are integers for pydantic; "3.5" is not. */
        private static boolean fractionZero(String s, int dot, int end) {
            if (s.charAt(dot) != '.' || dot == end - 1) return false;
            for (int i = dot + 1; i < end; i++) if (s.charAt(i) != '0') return false;
            return true;
        }

        private Parsed box(long v, boolean overflow) {
            if (overflow || v < min || v > max) return Parsed.invalid(INT_SIZE);
            return Parsed.ok(switch (kind) {
                case 'i' -> Integer.valueOf((int) v);
                case 's' -> Short.valueOf((short) v);
                case 'b' -> Byte.valueOf((byte) v);
                default -> Long.valueOf(v);
            });
        }

        @Override
        Parsed fromJson(JsonNode n) {
            if (n.isIntegralNumber()) {
                if (!n.canConvertToLong()) return Parsed.invalid(INT_SIZE);
                return box(n.longValue(), false);
            }
            if (n.isFloatingPointNumber()) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) return Parsed.invalid(INT_SIZE);
                if (d != Math.rint(d)) return Parsed.invalid(INT_FROM_FLOAT);
                if (Math.abs(d) >= 0x1p63) return Parsed.invalid(INT_SIZE);
                return box((long) d, false);
            }
            if (n.isBoolean()) return box(n.booleanValue() ? 1 : 0, false);
            if (n.isString()) return parse(n.stringValue());
            return Parsed.invalid(INT_TYPE);
        }

        @Override Issue typeIssue() { return INT_TYPE; }
    }

    private static final class Floating extends Scalar {
        private final boolean single;

        Floating(boolean single) {
            this.single = single;
        }

        @Override
        Parsed parse(String s) {
            String t = s.strip();
            if (t.isEmpty() || !looksNumeric(t)) return Parsed.invalid(FLOAT_PARSING);
            try {
                double d = Double.parseDouble(t);
                return Parsed.ok(single ? Float.valueOf((float) d) : Double.valueOf(d));
            } catch (NumberFormatException e) {
                return Parsed.invalid(FLOAT_PARSING);
            }
        }

        /** Rejects what Java parses but pydantic does not ("1d", "0x1p3"); keeps inf/nan, which pydantic accepts. */
        private static boolean looksNumeric(String t) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
                    String l = t.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
                    return l.equals("inf") || l.equals("infinity") || l.equals("nan");
                }
            }
            return true;
        }

        @Override
        Parsed fromJson(JsonNode n) {
            if (n.isNumber()) return Parsed.ok(single ? Float.valueOf(n.floatValue()) : Double.valueOf(n.doubleValue()));
            if (n.isBoolean()) return Parsed.ok(single ? Float.valueOf(n.booleanValue() ? 1 : 0) : Double.valueOf(n.booleanValue() ? 1 : 0));
            if (n.isString()) {
                String t = n.stringValue().strip().toLowerCase(java.util.Locale.ROOT);
                if (t.contains("inf") || t.contains("nan")) return Parsed.invalid(FLOAT_PARSING);
                return parse(n.stringValue());
            }
            return Parsed.invalid(FLOAT_TYPE);
        }

        @Override Issue typeIssue() { return FLOAT_TYPE; }
    }

    private static final class Bool extends Scalar {
        @Override
        Parsed parse(String s) {
            switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "1", "on", "t", "true", "y", "yes": return Parsed.ok(Boolean.TRUE);
                case "0", "off", "f", "false", "n", "no": return Parsed.ok(Boolean.FALSE);
                default: return Parsed.invalid(BOOL_PARSING);
            }
        }

        @Override
        Parsed fromJson(JsonNode n) {
            if (n.isBoolean()) return Parsed.ok(n.booleanValue());
            if (n.isIntegralNumber() && n.canConvertToInt() && (n.intValue() == 0 || n.intValue() == 1)) return Parsed.ok(n.intValue() == 1);
            if (n.isNumber()) return Parsed.invalid(BOOL_PARSING);
            if (n.isString()) return parse(n.stringValue());
            return Parsed.invalid(BOOL_TYPE);
        }

        @Override Issue typeIssue() { return BOOL_TYPE; }
    }

    private static final class Decimal extends Scalar {
        private final boolean integer;

        Decimal(boolean integer) {
            this.integer = integer;
        }

        @Override
        Parsed parse(String s) {
            try {
                BigDecimal d = new BigDecimal(s.strip());
                return integer ? toInteger(d) : Parsed.ok(d);
            } catch (NumberFormatException e) {
                return Parsed.invalid(integer ? INT_PARSING : DECIMAL_PARSING);
            }
        }

        private static Parsed toInteger(BigDecimal d) {
            try {
                return Parsed.ok(d.toBigIntegerExact());
            } catch (ArithmeticException e) {
                return Parsed.invalid(INT_FROM_FLOAT);
            }
        }

        @Override
        Parsed fromJson(JsonNode n) {
            if (n.isNumber()) return integer ? toInteger(n.decimalValue()) : Parsed.ok(n.decimalValue());
            if (n.isString()) return parse(n.stringValue());
            return Parsed.invalid(typeIssue());
        }

        @Override Issue typeIssue() { return integer ? INT_TYPE : DECIMAL_TYPE; }
    }

    private static final class Uuid extends Scalar {
        @Override
        Parsed parse(String s) {
            String why = UuidText.problem(s);
            if (why != null) return Parsed.invalid(new Issue("uuid_parsing", "Input should be a valid UUID, " + why, Map.of("error", why)));
            return Parsed.ok(UuidText.parse(s));
        }

        @Override Issue typeIssue() { return UUID_TYPE; }
    }

    private static final class EnumScalar<E extends Enum<E>> extends Scalar {
        private final Map<String, E> byName;
        private final Issue issue;

        EnumScalar(Class<E> type) {
            E[] values = type.getEnumConstants();
            java.util.HashMap<String, E> m = new java.util.HashMap<>();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                m.put(values[i].name(), values[i]);
                if (i > 0) expected.append(i == values.length - 1 ? " or " : ", ");
                expected.append('\'').append(values[i].name()).append('\'');
            }
            this.byName = Map.copyOf(m);
            this.issue = new Issue("enum", "Input should be " + expected, Map.of("expected", expected.toString()));
        }

        @Override
        Parsed parse(String s) {
            E e = byName.get(s);
            return e != null ? Parsed.ok(e) : Parsed.invalid(issue);
        }

        @Override
        Parsed fromJson(JsonNode n) {
            return n.isString() ? parse(n.stringValue()) : Parsed.invalid(issue);
        }

        @Override Issue typeIssue() { return issue; }
    }
}
