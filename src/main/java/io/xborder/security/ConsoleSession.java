package io.xborder.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.digest.DigestUtils;
import org.jboss.logging.Logger;

/**
 * The console's session cookie: the credential the user logged in with (an API key or a bearer token) and an expiry,
 * encrypted and authenticated with AES-GCM. The server keeps no session state; every request checks the credential
 * again, so a revoked key or an expired token ends the session at once. Without {@code xborder.session.secret} a
 * random secret is made at start (sessions then end with a restart and are not shared between replicas).
 */
@ApplicationScoped
public class ConsoleSession {

    public static final String COOKIE = "xborder_session";
    private static final Logger LOG = Logger.getLogger(ConsoleSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    /** What the cookie holds. */
    public record Credential(Kind kind, String value) {
    }

    public enum Kind {
        API_KEY, BEARER
    }

    private final SecretKey key;
    private final Duration maxAge;

    public ConsoleSession(SessionConfig config) {
        Optional<String> secret = config.secret();
        byte[] material;
        if (secret.isPresent()) { // at least 32 characters: SessionConfig
            material = DigestUtils.sha256(secret.get());
        } else {
            material = new byte[32];
            RANDOM.nextBytes(material);
            LOG.debug("No xborder.session.secret: console sessions use a random secret and end at restart");
        }
        this.key = new SecretKeySpec(material, "AES");
        this.maxAge = config.maxAge();
    }

    public Duration maxAge() {
        return maxAge;
    }

    /** The cookie value for a credential, valid for {@link #maxAge()}. */
    public String seal(Credential credential) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(COOKIE.getBytes(StandardCharsets.US_ASCII));
            String plain = Instant.now().plus(maxAge).getEpochSecond() + "|" + credential.kind().name() + "|"
                    + credential.value();
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The credential in a cookie value; empty when it was not made here, was altered, or has expired. */
    public Optional<Credential> open(String cookie) {
        if (cookie == null || cookie.length() > 16_384) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cookie);
            if (raw.length <= IV_BYTES + 16) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, IV_BYTES));
            cipher.updateAAD(COOKIE.getBytes(StandardCharsets.US_ASCII));
            String plain = new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 3);
            if (parts.length != 3 || Long.parseLong(parts[0]) < Instant.now().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Credential(Kind.valueOf(parts[1]), parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
