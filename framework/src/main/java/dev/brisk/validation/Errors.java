package dev.brisk.validation;

import dev.brisk.RequestValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every validation error of one request, so that the client learns all its mistakes in one
 * 422, as with FastAPI. Allocates nothing until the first error. Not thread-safe (one per request).
 *
 * <pre>{@code
 * Errors errors = new Errors();
 * errors.add(Issue.MISSING, List.of("query", "q"), null);
 * errors.throwIfAny();   // RequestValidationException → 422 {"detail":[...]}
 * }</pre>
 */
public final class Errors {
    /** The codec of the app whose request is being bound: JSON values are converted with the app's mapper. */
    private dev.brisk.json.Json json = dev.brisk.json.Json.defaultCodec();

    public dev.brisk.json.Json json() {
        return json;
    }

    public Errors json(dev.brisk.json.Json codec) {
        this.json = codec;
        return this;
    }

    private List<ValidationError> list;

    public void add(ValidationError e) {
        if (list == null) list = new ArrayList<>(4);
        list.add(e);
    }

    public void add(Issue issue, List<Object> loc, Object input) {
        add(issue.at(loc, input));
    }

    public boolean isEmpty() {
        return list == null;
    }

    public List<ValidationError> list() {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Throws the 422 if any error was collected. */
    public void throwIfAny() {
        if (list != null) throw new RequestValidationException(List.copyOf(list));
    }
}
