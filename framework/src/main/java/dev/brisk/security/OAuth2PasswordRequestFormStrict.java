package dev.brisk.security;

import dev.brisk.annotation.Form;
import jakarta.validation.constraints.Pattern;

/**
 * FastAPI's {@code OAuth2PasswordRequestFormStrict}: as {@link OAuth2PasswordRequestForm}, but
 * {@code grant_type=password} is required (the OAuth2 specification's rule); a request without it is a 422.
 *
 * <pre>{@code
 * @Post("/token")
 * public Token login(@Depends(OAuth2PasswordRequestFormStrict.class) OAuth2PasswordRequestForm form) { ... }
 * }</pre>
 */
public final class OAuth2PasswordRequestFormStrict {
    public OAuth2PasswordRequestForm provide(@Form("grant_type") @Pattern(regexp = "password") String grantType,
                                             @Form("username") String username, @Form("password") String password,
                                             @Form(value = "scope", defaultValue = "") String scope,
                                             @Form(value = "client_id", required = false) String clientId,
                                             @Form(value = "client_secret", required = false) String clientSecret) {
        return new OAuth2PasswordRequestForm(grantType, username, password, OAuth2PasswordRequestForm.split(scope), clientId, clientSecret);
    }
}
