package dev.brisk.examples.tutorial.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 from the JDK (FastAPI's tutorial uses passlib's bcrypt).
 * Why PBKDF2: it ships with every JDK (no extra dependency to keep patched), it is the NIST-approved
 * password KDF (SP 800-132, FIPS 140), and OWASP lists it with a work factor of 600,000 iterations for
 * SHA-256. The stored form is Django's, {@code pbkdf2_sha256$<iterations>$<salt>$<hash>}, so the work
 * factor can be raised later without invalidating stored hashes. Only this encoding is written here;
 * the cryptography is the JDK's.
 *
 * <pre>{@code
 * Passwords passwords = new Passwords();
 * String stored = passwords.hash("secret");
 * boolean ok = passwords.verify("secret", stored);   // true, in constant time
 * }</pre>
 */
public final class Passwords {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final int iterations;

    public Passwords() {
        this(DEFAULT_ITERATIONS);
    }

    public Passwords(int iterations) {
        if (iterations < 1) throw new IllegalArgumentException("iterations must be positive");
        this.iterations = iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2_sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed stored value. */
    public boolean verify(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2_sha256")) return false;
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, n));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "Passwords[pbkdf2_sha256, " + iterations + " iterations]";
    }
}
