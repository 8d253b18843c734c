package dev.brisk.validation;

import java.util.List;

/**
 * One compiled constraint: tests a bound value and describes itself for OpenAPI. Built once per
 * parameter or field by {@link Checks#compile} (or {@link Rules} for lambda routes); {@link #test}
 * allocates nothing when the value passes.
 *
 * <pre>{@code
 * Check min = Rules.ge(1);
 * min.test(5);            // null: passes
 * min.test(0).type();     // "greater_than_equal"
 * min.constraints();      // [Constraint[keyword=minimum, value=1]]
 * }</pre>
 */
public interface Check {
    /** {@code null} if {@code value} satisfies the constraint, else what is wrong. {@code value} is never {@code null}. */
    Issue test(Object value);

    /**
     * The constraint as JSON Schema keywords ({@code @Size(min = 1, max = 5)} gives two). Length
     * keywords are the string ones ({@code minLength}); a collection's spec renames them to {@code minItems}.
     */
    List<Constraint> constraints();
}
