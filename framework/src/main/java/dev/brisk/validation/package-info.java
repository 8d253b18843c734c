/**
 * Validation with pydantic v2's errors: Jakarta constraints compiled into {@link dev.brisk.validation.Check}s
 * (built-ins checked by Brisk, custom and class-level ones by Hibernate Validator without an EL
 * implementation), errors collected in {@link dev.brisk.validation.Errors} and answered as
 * {@code {"detail":[{"type","loc","msg","input","ctx"}]}}.
 *
 * <pre>{@code
 * int limit = Params.of(req).query("limit", int.class, 10, Rules.ge(1), Rules.le(100));
 * }</pre>
 *
 * The constraint → error table is in {@code docs/validation.md}.
 */
package dev.brisk.validation;
