package dev.brisk.security;

/**
 * A user name and password from {@code Authorization: Basic ...} (FastAPI's {@code HTTPBasicCredentials}).
 * Compare the password with {@link java.security.MessageDigest#isEqual} to keep the time constant.
 *
 * <pre>{@code
 * @Get("/me") public String me(@Depends(HTTPBasic.class) HTTPBasicCredentials c) { return c.username(); }
 * }</pre>
 */
public record HTTPBasicCredentials(String username, String password) {
    @Override
    public String toString() {
        return "HTTPBasicCredentials[username=" + username + ", password=***]";
    }
}
