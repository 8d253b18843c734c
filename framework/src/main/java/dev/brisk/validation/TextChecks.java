package dev.brisk.validation;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code @Size}, {@code @NotEmpty}, {@code @NotBlank}: pydantic's string and collection length errors. */
final class Length implements Check {
    private final int min;
    private final int max;
    private final boolean blank;
    private final Issue strShort;
    private final Issue strLong;

    Length(int min, int max, boolean blank) {
        this.min = min;
        this.max = max;
        this.blank = blank;
        this.strShort = new Issue("string_too_short", "String should have at least " + min + " character" + (min == 1 ? "" : "s"),
                Map.of("min_length", min));
        this.strLong = new Issue("string_too_long", "String should have at most " + max + " character" + (max == 1 ? "" : "s"),
                Map.of("max_length", max));
    }

    @Override
    public Issue test(Object value) {
        if (value instanceof CharSequence cs) {
            int n = Character.codePointCount(cs, 0, cs.length()); // pydantic counts characters, not UTF-16 units
            if (blank && n > 0 && cs.toString().isBlank()) n = 0;
            if (n < min) return strShort;
            if (n > max) return strLong;
            return null;
        }
        String kind;
        int n;
        if (value instanceof Set<?> s) { kind = "Set"; n = s.size(); }
        else if (value instanceof Collection<?> c) { kind = "List"; n = c.size(); }
        else if (value instanceof Map<?, ?> m) { kind = "Dictionary"; n = m.size(); }
        else if (value.getClass().isArray()) { kind = "List"; n = Array.getLength(value); }
        else return null;
        if (n >= min && n <= max) return null;
        boolean tooShort = n < min;
        int limit = tooShort ? min : max;
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("field_type", kind);
        ctx.put(tooShort ? "min_length" : "max_length", limit);
        ctx.put("actual_length", n);
        String msg = kind + " should have " + (tooShort ? "at least " : "at most ") + limit + " item" + (limit == 1 ? "" : "s")
                + " after validation, not " + n;
        return new Issue(tooShort ? "too_short" : "too_long", msg, ctx);
    }

    @Override
    public List<Constraint> constraints() {
        List<Constraint> out = new ArrayList<>(2);
        if (blank) out.add(new Constraint("notBlank", true));
        if (min > 0) out.add(new Constraint("minLength", min));
        if (max < Integer.MAX_VALUE) out.add(new Constraint("maxLength", max));
        return out;
    }
}

/** {@code @Pattern}: pydantic's {@code string_pattern_mismatch} (Jakarta semantics: the whole string must match). */
final class Regex implements Check {
    private final java.util.regex.Pattern pattern;
    private final Issue issue;

    Regex(String regexp, jakarta.validation.constraints.Pattern.Flag[] flags) {
        int f = 0;
        for (var flag : flags) f |= flag.getValue();
        this.pattern = java.util.regex.Pattern.compile(regexp, f);
        this.issue = new Issue("string_pattern_mismatch", "String should match pattern '" + regexp + "'", Map.of("pattern", regexp));
    }

    @Override
    public Issue test(Object value) {
        if (!(value instanceof CharSequence cs)) return null;
        return pattern.matcher(cs).matches() ? null : issue;
    }

    @Override
    public List<Constraint> constraints() {
        return List.of(new Constraint("pattern", pattern.pattern()));
    }
}

/** {@code @Email}: pydantic's {@code EmailStr} error ({@code value_error} with email-validator's reason). */
final class EmailCheck implements Check {
    @Override
    public Issue test(Object value) {
        if (!(value instanceof CharSequence cs)) return null;
        String s = cs.toString();
        String reason = reason(s);
        if (reason == null) return null;
        return new Issue("value_error", "value is not a valid email address: " + reason, Map.of("reason", reason));
    }

    // email-validator's syntax checks and messages (the ones pydantic's EmailStr reports), without DNS
    static String reason(String s) {
        int at = s.lastIndexOf('@');
        if (at < 0 || s.indexOf('@') != at) return "An email address must have an @-sign.";
        if (at == 0) return "There must be something before the @-sign.";
        if (at == s.length() - 1) return "There must be something after the @-sign.";
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "The email address contains invalid characters: whitespace or control characters.";
            }
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (local.length() > 64) return "The email address is too long before the @-sign.";
        if (local.startsWith(".")) return "An email address cannot start with a period.";
        if (local.endsWith(".")) return "An email address cannot have a period immediately before the @-sign.";
        if (local.contains("..") || domain.contains("..")) return "An email address cannot have two periods in a row.";
        if (domain.startsWith(".")) return "An email address cannot have a period immediately after the @-sign.";
        if (domain.endsWith(".")) return "An email address cannot end with a period.";
        if (domain.indexOf('.') < 0) return "The part after the @-sign is not valid. It should have a period.";
        for (String label : domain.split("\\.")) {
            if (label.startsWith("-") || label.endsWith("-")) {
                return "An email address cannot have a hyphen immediately after the @-sign or before or after a period.";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '-')) {
                    return "The part after the @-sign contains invalid characters: '" + c + "'.";
                }
            }
        }
        return null;
    }

    @Override
    public List<Constraint> constraints() {
        return List.of(new Constraint("format", "email"));
    }
}
