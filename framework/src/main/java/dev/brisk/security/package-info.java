/**
 * FastAPI's security schemes as Brisk dependencies: {@link dev.brisk.security.OAuth2PasswordBearer}
 * (with {@link dev.brisk.security.OAuth2PasswordRequestForm}), {@link dev.brisk.security.OAuth2AuthorizationCodeBearer},
 * {@link dev.brisk.security.HTTPBearer}, {@link dev.brisk.security.HTTPBasic},
 * {@link dev.brisk.security.APIKeyHeader}/{@link dev.brisk.security.APIKeyQuery}/{@link dev.brisk.security.APIKeyCookie},
 * and scopes ({@link dev.brisk.security.Scopes}, {@link dev.brisk.security.Security},
 * {@link dev.brisk.security.SecurityScopes}). Each scheme answers FastAPI's 401/403 and appears in the
 * OpenAPI document's {@code components.securitySchemes} and in the {@code security} of the operations
 * that use it. See docs/auth.md.
 */
package dev.brisk.security;
