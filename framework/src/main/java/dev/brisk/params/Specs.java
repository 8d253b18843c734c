package dev.brisk.params;

import dev.brisk.validation.Constraint;
import dev.brisk.validation.Check;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/** Builds the read-only {@link Constraint} lists of {@link ParamSpec}s from compiled checks. */
final class Specs {
    private Specs() {}

    static List<Constraint> constraints(List<Check> checks, Type type) {
        boolean collection = Types.isCollection(Types.unwrapOptional(type));
        List<Constraint> out = new ArrayList<>();
        for (Check c : checks) {
            for (Constraint k : c.constraints()) {
                if (collection && k.keyword().equals("minLength")) k = new Constraint("minItems", k.value());
                else if (collection && k.keyword().equals("maxLength")) k = new Constraint("maxItems", k.value());
                out.add(k);
            }
        }
        return out;
    }
}
