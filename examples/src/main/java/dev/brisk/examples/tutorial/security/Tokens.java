package dev.brisk.examples.tutorial.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Access tokens as HS256-signed JWTs (nimbus-jose-jwt): {@code sub} is the user name, {@code scopes}
 * the granted scopes, {@code exp} the expiry. FastAPI's tutorial does the same with python-jose.
 *
 * <pre>{@code
 * Tokens tokens = new Tokens(secret32Bytes, Duration.ofMinutes(30));
 * String jwt = tokens.issue("johndoe", List.of("me"));
 * Optional<Tokens.Claims> claims = tokens.verify(jwt);   // empty when garbled, forged or expired
 * }</pre>
 */
public final class Tokens {
    /** What a valid token says. */
    public record Claims(String username, List<String> scopes) {}

    private final byte[] secret;
    private final Duration lifetime;
    private final Clock clock;

    /** @param secret at least 32 bytes (HS256's key size) */
    public Tokens(byte[] secret, Duration lifetime) {
        this(secret, lifetime, Clock.systemUTC());
    }

    public Tokens(byte[] secret, Duration lifetime, Clock clock) {
        if (secret.length < 32) throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes");
        this.secret = secret.clone();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public String issue(String username, List<String> scopes) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(username).claim("scopes", scopes)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The token's claims if it is well formed, signed with our key (HS256 only) and not expired. */
    public Optional<Claims> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) return Optional.empty();   // no "alg: none" or swaps
            if (!jwt.verify(new MACVerifier(secret))) return Optional.empty();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || !exp.toInstant().isAfter(clock.instant())) return Optional.empty();
            String sub = claims.getSubject();
            if (sub == null) return Optional.empty();
            List<String> scopes = claims.getStringListClaim("scopes");
            return Optional.of(new Claims(sub, scopes == null ? List.of() : scopes));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
