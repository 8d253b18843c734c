package dev.brisk.security;

/**
 * The {@code Authorization} header split in two, as {@link HTTPBearer} hands it over (FastAPI's
 * {@code HTTPAuthorizationCredentials}).
 *
 * <pre>{@code
 * @Get("/me") public User me(@Depends(HTTPBearer.class) HTTPAuthorizationCredentials auth) { return users.byToken(auth.credentials()); }
 * }</pre>
 *
 * @param scheme as sent, e.g. {@code Bearer}
 * @param credentials the rest of the header
 */
public record HTTPAuthorizationCredentials(String scheme, String credentials) {
    @Override
    public String toString() {
        return "HTTPAuthorizationCredentials[scheme=" + scheme + ", credentials=***]";   // never log a token
    }
}
