package dev.brisk.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code @Min}, {@code @Max}, {@code @DecimalMin/Max}, {@code @Positive}..., as pydantic's ge/gt/le/lt. */
final class Bound implements Check {
    private final String kind;
    private final BigDecimal bound;
    private final boolean integral;
    private final long longBound;
    private final double doubleBound;
    private final Issue issue;

    private Bound(String kind, BigDecimal bound) {
        this.kind = kind;
        this.bound = bound;
        this.integral = bound.stripTrailingZeros().scale() <= 0 && bound.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0;
        this.longBound = integral ? bound.longValue() : 0;
        this.doubleBound = bound.doubleValue();
        Object shown = Checks.jsonNumber(bound);
        String text = shown.toString();
        this.issue = switch (kind) {
            case "ge" -> new Issue("greater_than_equal", "Input should be greater than or equal to " + text, Map.of("ge", shown));
            case "gt" -> new Issue("greater_than", "Input should be greater than " + text, Map.of("gt", shown));
            case "le" -> new Issue("less_than_equal", "Input should be less than or equal to " + text, Map.of("le", shown));
            default -> new Issue("less_than", "Input should be less than " + text, Map.of("lt", shown));
        };
    }

    static Bound of(String kind, BigDecimal bound) {
        return new Bound(kind, bound);
    }

    @Override
    public Issue test(Object value) {
        int cmp;
        if (integral && (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
            cmp = Long.compare(((Number) value).longValue(), longBound);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) return issue;
            cmp = Double.compare(d, doubleBound);
        } else if (value instanceof BigDecimal d) {
            cmp = d.compareTo(bound);
        } else if (value instanceof BigInteger i) {
            cmp = new BigDecimal(i).compareTo(bound);
        } else if (value instanceof Number n) {
            cmp = BigDecimal.valueOf(n.doubleValue()).compareTo(bound);
        } else {
            return null; // not a number: the binder already reported the type
        }
        boolean ok = switch (kind) {
            case "ge" -> cmp >= 0;
            case "gt" -> cmp > 0;
            case "le" -> cmp <= 0;
            default -> cmp < 0;
        };
        return ok ? null : issue;
    }

    @Override
    public List<Constraint> constraints() {
        String keyword = switch (kind) {
            case "ge" -> "minimum";
            case "gt" -> "exclusiveMinimum";
            case "le" -> "maximum";
            default -> "exclusiveMaximum";
        };
        return List.of(new Constraint(keyword, bound));
    }
}

/** {@code @Digits(integer, fraction)}: pydantic's {@code decimal_whole_digits} / {@code decimal_max_places}. */
final class DigitsCheck implements Check {
    private final int integer;
    private final int fraction;

    DigitsCheck(int integer, int fraction) {
        this.integer = integer;
        this.fraction = fraction;
    }

    @Override
    public Issue test(Object value) {
        BigDecimal d;
        if (value instanceof BigDecimal b) d = b;
        else if (value instanceof BigInteger i) d = new BigDecimal(i);
        else if (value instanceof Number n) d = new BigDecimal(n.toString());
        else return null;
        BigDecimal s = d.stripTrailingZeros();
        int places = Math.max(s.scale(), 0);
        int whole = Math.max(s.precision() - s.scale(), 0);
        if (whole > integer) {
            return new Issue("decimal_whole_digits", "Decimal input should have no more than " + integer + " digit"
                    + (integer == 1 ? "" : "s") + " before the decimal point", Map.of("whole_digits", integer));
        }
        if (places > fraction) {
            return new Issue("decimal_max_places", "Decimal input should have no more than " + fraction + " decimal place"
                    + (fraction == 1 ? "" : "s"), Map.of("decimal_places", fraction));
        }
        return null;
    }

    @Override
    public List<Constraint> constraints() {
        List<Constraint> out = new ArrayList<>(2);
        out.add(new Constraint("wholeDigits", integer));
        out.add(new Constraint("decimalPlaces", fraction));
        return out;
    }
}
