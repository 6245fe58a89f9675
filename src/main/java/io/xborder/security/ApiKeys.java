package io.xborder.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.xborder.http.DatabaseOutage;
import io.xborder.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Creates, lists, revokes and checks API keys. A key is {@code xb_} and 43 base64url characters (256 random bits);
 * the database holds its SHA-256 only. A checked key is remembered for {@code xborder.security.key-cache-ttl}, so
 * that classification does not hit the database on every request; a revocation clears it at once on this instance
 * (other replicas stop accepting it within the TTL). When the database cannot be reached to check a key again, a
 * key remembered as valid stays valid for {@code xborder.security.key-outage-grace} after its check expired, so
 * that what needs no database (classification) keeps working through a short outage.
 *
 * <p>
 * What the start runs ({@link BootstrapAdminKey}: the lock, {@link #any}, {@link #find}) and the check of a key are
 * plain JDBC on the service's data source, which takes part in the caller's transaction: the first HQL query loads and
 * warms Hibernate's query parser, a third of a second of a start with the JDK 25 AOT cache (performance.md,
 * Start-up), which neither the start nor the first request that classifies now pays.
 */
@ApplicationScoped
public class ApiKeys {

    public static final String PREFIX = "xb_";
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final AuditLog audit;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Duration cacheTtl;
    private final Duration outageGrace;

    public ApiKeys(EntityManager em, AgroalDataSource dataSource, AuditLog audit, SecurityConfig config) {
        this.em = em;
        this.dataSource = dataSource;
        this.audit = audit;
        this.cacheTtl = config.keyCacheTtl();
        this.outageGrace = config.keyOutageGrace();
    }

    /** The holder of a valid key. */
    public record Holder(long id, String name, String role) {

        public String principal() {
            return principalOf(name);
        }
    }

    /** A new key: the secret is in this answer only. */
    public record Created(ApiKeyView key, String secret) {
    }

    private record Cached(Holder holder, Instant until) {
    }

    public static String principalOf(String keyName) {
        return "key:" + keyName;
    }

    /** A fresh random key. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Creates a key with a new random secret. */
    @Transactional
    public Created create(String name, String role) {
        String secret = generate();
        return new Created(store(checkedName(name), checkedRole(role), secret, audit.actor()), secret);
    }

    /** Stores a key whose secret the caller chose (the bootstrap key from the environment). */
    @Transactional(Transactional.TxType.MANDATORY)
    ApiKeyView store(String name, String role, String secret, String actor) {
        if (em.createQuery("select count(k) from ApiKey k where k.name = :n and k.revokedAt is null", Long.class)
                .setParameter("n", name).getSingleResult() > 0) {
            throw ProblemException
                    .conflict("a key named '" + name + "' is in use; revoke it first or choose another name");
        }
        ApiKey key = new ApiKey();
        key.name = name;
        key.role = role;
        key.keyHash = hash(secret);
        key.prefix = secret.substring(0, Math.min(7, secret.length()));
        key.createdBy = actor;
        key.createdAt = Instant.now();
        key.persist();
        em.flush();
        ApiKeyView view = ApiKeyView.of(key);
        audit.record(actor, "apikey.create", "apikey", key.id, null, view);
        return view;
    }

    @Transactional
    public List<ApiKeyView> list(boolean includeRevoked) {
        return em.createQuery("select k from ApiKey k" + (includeRevoked ? "" : " where k.revokedAt is null")
                + " order by k.id", ApiKey.class).getResultList().stream().map(ApiKeyView::of).toList();
    }

    /** Revokes the key; a revoked key stays listed (with revokedAt) for the record. */
    @Transactional
    public ApiKeyView revoke(long id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null) {
            throw ProblemException.notFound("API key", id);
        }
        ApiKeyView before = ApiKeyView.of(key);
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now();
            em.flush();
            audit.record("apikey.revoke", "apikey", id, before, ApiKeyView.of(key));
        }
        cache.values().removeIf(c -> c.holder().id() == id);
        return ApiKeyView.of(key);
    }

    /**
     * The holder of a key checked less than the cache TTL ago, without the database; empty when it must be checked
     * ({@link #check}). Revocation on this instance clears the entry at once, as for {@link #check}.
     */
    public Optional<Holder> checkedRecently(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        Cached cached = cache.get(hash(secret));
        return cached != null && cached.until().isAfter(Instant.now())
                ? Optional.of(cached.holder())
                : Optional.empty();
    }

    /** The holder of a key in use; empty for an unknown or revoked key. */
    public Optional<Holder> check(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Instant now = Instant.now();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.holder());
        }
        Optional<Holder> holder;
        try {
            holder = QuarkusTransaction.requiringNew().call(() -> lookUp(hash));
        } catch (RuntimeException e) {
            if (cached != null && DatabaseOutage.isCause(e) && cached.until().plus(outageGrace).isAfter(now)) {
                return Optional.of(cached.holder()); // checked before the outage, within the grace: still valid
            }
            throw e;
        }
        holder.ifPresentOrElse(h -> cache.put(hash, new Cached(h, now.plus(cacheTtl))), () -> cache.remove(hash));
        if (cache.size() > 10_000) {
            cache.clear();
        }
        return holder;
    }

    private Optional<Holder> lookUp(String hash) {
        try (Connection c = dataSource.getConnection()) {
            Holder holder;
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, name, role from api_keys where key_hash = ? and revoked_at is null")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    holder = new Holder(rs.getLong(1), rs.getString(2), rs.getString(3));
                }
            }
            // last use to the minute: one write per key and minute, not one per request
            try (PreparedStatement ps = c.prepareStatement("update api_keys set last_used_at = now() where id = ? "
                    + "and (last_used_at is null or last_used_at < now() - interval '1 minute')")) {
                ps.setLong(1, holder.id());
                ps.executeUpdate();
            }
            return Optional.of(holder);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check an API key", e);
        }
    }

    /** Serialises start-up checks of replicas that start together (released at commit). */
    @Transactional(Transactional.TxType.MANDATORY)
    void lockForBootstrap() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(7402001)")) {
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the key table for the bootstrap admin key", e);
        }
    }

    /** Whether any key was ever created (revoked ones count). */
    @Transactional
    public boolean any() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select exists (select 1 from api_keys)");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the key table", e);
        }
    }

    /** The stored key with this secret, revoked or not. */
    @Transactional
    public Optional<ApiKeyView> find(String secret) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select id, name, role, prefix, created_by, created_at, revoked_at, last_used_at from api_keys "
                                + "where key_hash = ?")) {
            ps.setString(1, hash(secret));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new ApiKeyView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                                instant(rs.getTimestamp(8))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the key table", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String checkedName(String name) {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw ProblemException.invalid("name", "must be 1 to 100 letters, digits or . _ @ + -");
        }
        return name.strip();
    }

    static String checkedRole(String role) {
        if (!Roles.isRole(role)) {
            throw ProblemException.invalid("role", "must be one of " + Roles.ALL);
        }
        return role;
    }

    static String hash(String secret) {
        return DigestUtils.sha256Hex(secret);
    }
}
