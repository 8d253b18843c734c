package dev.brisk.security;

import dev.brisk.annotation.Form;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import java.util.List;

/**
 * The OAuth2 password-flow token request, FastAPI's {@code OAuth2PasswordRequestForm}: the form fields
 * {@code grant_type} (optional; when sent, it must be {@code password}), {@code username},
 * {@code password}, {@code scope} (space-separated, here a list), {@code client_id},
 * {@code client_secret}. A declared dependency: its fields are validated with the route's 422s and
 * documented as the route's {@code application/x-www-form-urlencoded} body. See
 * {@link OAuth2PasswordRequestFormStrict} for the variant that requires {@code grant_type}.
 *
 * <pre>{@code
 * @Post("/token")
 * public Token login(@Depends(OAuth2PasswordRequestForm.class) OAuth2PasswordRequestForm form) {
 *     User user = users.authenticate(form.username(), form.password());   // 400 when wrong
 *     return new Token(tokens.issue(user, form.scopes()), "bearer");
 * }
 * }</pre>
 */
public record OAuth2PasswordRequestForm(String grantType, String username, String password, List<String> scopes,
                                        String clientId, String clientSecret) {
    public OAuth2PasswordRequestForm {
        scopes = List.copyOf(scopes);
    }

    /** The instance {@code @Depends} uses to read requests. */
    public OAuth2PasswordRequestForm() {
        this(null, "", "", List.of(), null, null);
    }

    /** Reads the form (called by Brisk for {@code @Depends(OAuth2PasswordRequestForm.class)}). */
    public OAuth2PasswordRequestForm provide(@Form(value = "grant_type", required = false) @Pattern(regexp = "password") String grantType,
                                             @Form("username") String username, @Form("password") String password,
                                             @Form(value = "scope", defaultValue = "") String scope,
                                             @Form(value = "client_id", required = false) String clientId,
                                             @Form(value = "client_secret", required = false) String clientSecret) {
        return new OAuth2PasswordRequestForm(grantType, username, password, split(scope), clientId, clientSecret);
    }

    static List<String> split(String scope) {
        return scope == null || scope.isBlank() ? List.of() : Arrays.stream(scope.trim().split("\\s+")).toList();
    }

    @Override
    public String toString() {
        return "OAuth2PasswordRequestForm[username=" + username + ", scopes=" + scopes + ", clientId=" + clientId + "]";
    }
}
