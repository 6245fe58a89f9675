package io.xborder.testing;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials the tests mint for themselves: an admin API key handed to the service as its bootstrap key, per-role
 * API keys created through the API, and JWTs signed with a key pair generated for this build (the service verifies
 * them with the public key, given in the test resources' config). Nothing here is a fixed secret: the files under
 * target/test-credentials are made on first use, so the JVM tests and the packaged-jar tests share them.
 */
public final class TestCredentials {

    public static final String ISSUER = "https://issuer.xborder.test";
    private static final Path DIR = Path.of("target", "test-credentials");
    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

    private TestCredentials() {
    }

    /** The service's config for these credentials: bootstrap admin key, JWT public key and issuer. */
    public static Map<String, String> config() {
        return Map.of(
                "xborder.security.bootstrap-admin-key", adminKey(),
                "mp.jwt.verify.publickey", publicKeyPem(),
                "mp.jwt.verify.issuer", ISSUER);
    }

    /** The admin key the service is started with. */
    public static String adminKey() {
        return file("admin-key", () -> "xb_" + random(32));
    }

    /**
     * An API key of the role on the running service (created once per service and role, through the API with the
     * admin key).
     */
    public static String key(String role) {
        if (role.equals("admin")) {
            return adminKey();
        }
        String service = RestAssured.baseURI + ":" + RestAssured.port;
        return KEYS.computeIfAbsent(service + "|" + role, k -> given()
                .header("X-API-Key", adminKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "test-" + role + "-" + System.nanoTime(), "role", role))
                .when().post("/api/v1/keys")
                .then().statusCode(201).extract().path("key"));
    }

    /** A valid bearer token for the subject with the groups (roles). */
    public static String token(String subject, String... groups) {
        return Jwt.issuer(ISSUER).upn(subject).groups(Set.of(groups))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .sign(privateKey());
    }

    /** A valid bearer token whose name claim is the reviewer's display name. */
    public static String namedToken(String subject, String name, String... groups) {
        return Jwt.issuer(ISSUER).upn(subject).claim("name", name).groups(Set.of(groups))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .sign(privateKey());
    }

    /** A token that expired ten minutes ago (beyond any clock skew allowance). */
    public static String expiredToken(String subject, String... groups) {
        return Jwt.issuer(ISSUER).upn(subject).groups(Set.of(groups))
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(600))
                .sign(privateKey());
    }

    /** A token with valid claims, signed by a key the service does not know. */
    public static String wronglySignedToken(String subject, String... groups) {
        return Jwt.issuer(ISSUER).upn(subject).groups(Set.of(groups))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .sign(generate().getPrivate());
    }

    /** A token signed by our key but from another issuer. */
    public static String foreignIssuerToken(String subject, String... groups) {
        return Jwt.issuer("https://elsewhere.example").upn(subject).groups(Set.of(groups))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .sign(privateKey());
    }

    static String publicKeyPem() {
        keyPair();
        try {
            return Files.readString(DIR.resolve("jwt-public.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateKey privateKey() {
        keyPair();
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(DIR.resolve("jwt-private.pem"))
                    .replaceAll("-----[A-Z ]+-----", "").strip());
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void keyPair() {
        if (Files.exists(DIR.resolve("jwt-public.pem")) && Files.exists(DIR.resolve("jwt-private.pem"))) {
            return;
        }
        KeyPair pair = generate();
        write("jwt-private.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        write("jwt-public.pem", pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private interface Maker {

        String make();
    }

    private static synchronized String file(String name, Maker maker) {
        Path path = DIR.resolve(name);
        try {
            if (!Files.exists(path)) {
                write(name, maker.make());
            }
            return Files.readString(path).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String name, String content) {
        try {
            Files.createDirectories(DIR);
            Path tmp = Files.createTempFile(DIR, name, ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, DIR.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
