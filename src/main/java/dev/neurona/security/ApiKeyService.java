package dev.neurona.security;

import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Creates, lists, revokes and checks API keys; only SHA-256 hashes of the secrets are stored. */
@Service
class ApiKeyService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ApiKeyService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiKey create(NewApiKey request) {
        if (request.name() == null
                || request.name().isBlank()
                || request.name().length() > 200
                || request.name().chars().anyMatch(Character::isISOControl)) {
            // control characters: PostgreSQL cannot store NUL in text, and none belongs in a key's name
            throw new InvalidInputException("name", "required, at most 200 characters, no control characters");
        }
        Role role = Role.parse(request.role());
        if (role == null) {
            throw new InvalidInputException(
                    "role", "must be admin, trainer or predictor, was '" + request.role() + "'");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw new InvalidInputException("expiresAt", "must be in the future");
        }
        return store(UUID.randomUUID(), request.name().trim(), role, newSecret(), request.expiresAt());
    }

    /** 256 random bits, hex, with a prefix that makes a leaked key easy to find in logs and repositories. */
    static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "nrn_" + HexFormat.of().formatHex(secret);
    }

    ApiKey store(UUID id, String name, Role role, String key, Instant expiresAt) {
        Instant now = Instant.now();
        String prefix = key.substring(0, Math.min(8, key.length()));
        jdbc.sql(
                        """
                INSERT INTO api_key (id, name, role, key_hash, key_prefix, created_at, expires_at)
                VALUES (:id, :name, :role, :hash, :prefix, :created, :expires)""")
                .param("id", id)
                .param("name", name)
                .param("role", role.name())
                .param("hash", hash(key))
                .param("prefix", prefix)
                .param("created", time(now))
                .param("expires", time(expiresAt))
                .update();
        return new ApiKey(id, name, role, prefix, now, expiresAt, null, key);
    }

    List<ApiKey> list() {
        return jdbc.sql("SELECT * FROM api_key ORDER BY created_at")
                .query(this::map)
                .list();
    }

    void revoke(UUID id) {
        int updated = jdbc.sql("UPDATE api_key SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("id", id)
                .param("now", time(Instant.now()))
                .update();
        // after the update: a request that read the key before it must not leave it remembered
        remembered.clear();
        if (updated == 0) {
            list().stream()
                    .filter(k -> k.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("API key", id));
        }
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM api_key").query(Long.class).single();
    }

    /**
     * The active key with this secret, if any. A known key is remembered for {@link #REMEMBERED} so a busy client
     * (predictions) costs no database query per request: a key revoked through another node is still accepted here
     * for at most that long; one revoked through this node, or expired, is refused at once. Unknown keys are not
     * remembered (a flood of made-up keys must not fill memory).
     */
    Optional<ApiKey> authenticate(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(key.trim());
        long now = System.nanoTime();
        Remembered known = remembered.get(hash);
        if (known == null || now - known.at() > REMEMBERED.toNanos()) {
            Optional<ApiKey> found = jdbc.sql("SELECT * FROM api_key WHERE key_hash = :hash")
                    .param("hash", hash)
                    .query(this::map)
                    .optional();
            if (found.isEmpty()) {
                remembered.remove(hash);
                return found;
            }
            if (remembered.size() >= 10_000) {
                remembered.clear();
            }
            known = new Remembered(found.get(), now);
            remembered.put(hash, known);
        }
        return Optional.of(known.key()).filter(k -> k.activeAt(Instant.now()));
    }

    static final java.time.Duration REMEMBERED = java.time.Duration.ofSeconds(1);

    private record Remembered(ApiKey key, long at) {}

    private final java.util.concurrent.ConcurrentHashMap<String, Remembered> remembered =
            new java.util.concurrent.ConcurrentHashMap<>();

    static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                Role.valueOf(rs.getString("role")),
                rs.getString("key_prefix"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "revoked_at"),
                null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
