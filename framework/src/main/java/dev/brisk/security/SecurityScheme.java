package dev.brisk.security;

import dev.brisk.HttpException;
import dev.brisk.Request;
import dev.brisk.deps.Provider;
import dev.brisk.deps.Scope;
import java.util.Map;

/**
 * A FastAPI security scheme: a dependency that reads a credential from the request (or answers 401/403
 * as FastAPI does) and that the OpenAPI document lists under {@code components.securitySchemes}, with a
 * {@code security} requirement on every operation whose dependency tree uses it. Swagger UI's
 * <em>Authorize</em> button works from that.
 *
 * <pre>{@code
 * OAuth2PasswordBearer oauth2 = OAuth2PasswordBearer.tokenUrl("token");
 * app.dependency(OAuth2PasswordBearer.class, oauth2);
 *
 * public final class CurrentUser {          // a declared dependency
 *     public User provide(@Depends(OAuth2PasswordBearer.class) String token) { return users.byToken(token); }
 * }
 * }</pre>
 *
 * <p><b>Several schemes of one type</b> (two {@link APIKeyHeader}s with different header names): give
 * each its own subclass; the class is the dependency key and, like FastAPI's class name, the default
 * scheme name in OpenAPI. A subclass with a no-arg constructor needs no registration:
 * <pre>{@code
 * public static final class AdminKey extends APIKeyHeader { public AdminKey() { super("x-admin-key"); } }
 * public static final class ClientKey extends APIKeyHeader { public ClientKey() { super("x-client-key"); } }
 * @Get("/admin") public String admin(@Depends(AdminKey.class) String key) { ... }
 * }</pre>
 * A scheme object is also a {@link Provider}: pass it to {@code route.dependencies(...)} or
 * {@code ApiRouter.dependencies(...)} to protect routes without reading the value; it is documented too.
 *
 * @param <T> what the scheme hands to its dependants ({@code String}, {@link HTTPAuthorizationCredentials},
 *     {@link HTTPBasicCredentials}); {@code null} when it is missing and {@code autoError(false)} is set
 */
public abstract class SecurityScheme<T> implements Provider<T> {
    private String schemeName;
    private String description;
    private boolean autoError = true;

    protected SecurityScheme() {}

    /** The name in {@code components.securitySchemes}: the one set, else the class's simple name (FastAPI's rule). */
    public String schemeName() {
        return schemeName != null ? schemeName : getClass().getSimpleName();
    }

    public String description() {
        return description;
    }

    /** FastAPI's {@code auto_error}: when {@code false}, a missing credential is {@code null} instead of a 401/403. */
    public boolean autoError() {
        return autoError;
    }

    /** Sets the scheme's name in OpenAPI (FastAPI's {@code scheme_name}). */
    public SecurityScheme<T> schemeName(String name) {
        this.schemeName = name;
        return this;
    }

    public SecurityScheme<T> description(String text) {
        this.description = text;
        return this;
    }

    public SecurityScheme<T> autoError(boolean value) {
        this.autoError = value;
        return this;
    }

    /** The scheme's OpenAPI Security Scheme Object, as FastAPI writes it. */
    public abstract Map<String, Object> openApi();

    /** Reads the credential from {@code request}; {@code null} or an {@link HttpException} when it is missing. */
    protected abstract T read(Request request);

    @Override
    public final T provide(Scope scope) {
        return read(scope.request());
    }

    /** FastAPI's {@code get_authorization_scheme_param}: {@code "Bearer abc"} → {@code ["Bearer", "abc"]}. */
    static String[] authorization(String header) {
        if (header == null || header.isEmpty()) return new String[] {"", ""};
        int space = header.indexOf(' ');
        return space < 0 ? new String[] {header, ""} : new String[] {header.substring(0, space), header.substring(space + 1)};
    }

    /** The answer for a missing credential, or {@code null} when {@code autoError} is off. */
    T missing(int status, Map<String, String> headers) {
        if (!autoError) return null;
        throw new HttpException(status, "Not authenticated", headers);
    }

    static Map<String, Object> withDescription(Map<String, Object> model, String description) {
        if (description != null) model.put("description", description);
        return model;
    }
}
