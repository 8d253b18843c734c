package dev.brisk.params;

import dev.brisk.Request;
import dev.brisk.validation.Errors;
import tools.jackson.databind.JsonNode;

/**
 * One request's binding state: the request, the errors found so far, and the body parsed at most once
 * (JSON tree or form), whichever the plan's binders ask for.
 */
final class Bound {
    final Request request;
    final Errors errors = new Errors();
    private boolean jsonParsed;
    private JsonNode json;
    private FormData form;

    Bound(Request request) {
        this.request = request;
        errors.json(dev.brisk.internal.app.AppAware.service(request, dev.brisk.json.Json.class, dev.brisk.json.Json.defaultCodec()));
    }

    /** The JSON body, {@code null} when empty or invalid (invalid: reported once as {@code json_invalid}). */
    JsonNode json() {
        if (!jsonParsed) {
            jsonParsed = true;
            byte[] body = request.body();
            if (body.length > 0) json = JsonBody.parse(body, errors);
        }
        return json;
    }

    /**
     * Whether the body may be read as JSON: no content type, {@code application/json} or any
     * {@code +json} type. FastAPI does not parse other types as JSON (a {@code text/plain} request needs
     * no CORS preflight, so parsing it would open a CSRF hole).
     */
    boolean jsonContent() {
        String ct = request.header("content-type");
        if (ct == null) return true;
        int semi = ct.indexOf(';');
        String media = (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }

    boolean hasBody() {
        return request.body().length > 0;
    }

    FormData form() {
        if (form == null) form = FormData.parse(request.header("content-type"), request.bodyBuffer(),
                request instanceof FormLimits.Source s ? s.formLimits() : FormLimits.DEFAULT);
        return form;
    }
}
