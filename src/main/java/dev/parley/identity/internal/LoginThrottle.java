package dev.parley.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.parley.identity.IdentityProperties;
import dev.parley.identity.IdentityProperties.Throttle;
import dev.parley.shared.ParleyException;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down and then locks repeated failed logins, per account and per client address. State lives in
 * PostgreSQL ({@code login_failures}), so every node sees the same counts and a restart forgets nothing.
 */
@Component
class LoginThrottle {

    private record Failures(int count, Instant firstFailedAt, Instant lastFailedAt, Instant lockedUntil) {
    }

    private final JdbcClient db;
    private final Throttle limits;
    private final Clock clock;

    LoginThrottle(JdbcClient db, IdentityProperties properties, Clock clock) {
        this.db = db;
        this.limits = properties.throttle();
        this.clock = clock;
    }

    /** Refuses the attempt with 429 while the account or the address is locked or must still wait. */
    void checkAllowed(String email, String address) {
        Instant now = clock.instant();
        check("account:" + email, limits.slowAfter(), now);
        if (address != null) {
            check("address:" + address, limits.addressSlowAfter(), now);
        }
    }

    void recordFailure(String email, String address) {
        Instant now = clock.instant();
        record("account:" + email, limits.lockAfter(), now);
        if (address != null) {
            record("address:" + address, limits.addressLockAfter(), now);
        }
    }

    void recordSuccess(String email) {
        db.sql("DELETE FROM login_failures WHERE key = :key").param("key", "account:" + email).update();
    }

    private void check(String key, int slowAfter, Instant now) {
        Optional<Failures> found = find(key);
        if (found.isEmpty()) {
            return;
        }
        Failures failures = found.get();
        if (failures.lockedUntil() != null && failures.lockedUntil().isAfter(now)) {
            throw tooMany("LOGIN_LOCKED",
                    "Too many failed sign-ins; try again after " + failures.lockedUntil() + ".",
                    Duration.between(now, failures.lockedUntil()));
        }
        if (failures.firstFailedAt().plus(limits.window()).isBefore(now) || failures.count() < slowAfter) {
            return;
        }
        Instant nextAllowed = failures.lastFailedAt().plus(delay(failures.count() - slowAfter));
        if (nextAllowed.isAfter(now)) {
            throw tooMany("LOGIN_THROTTLED", "Too many failed sign-ins; wait a moment before trying again.",
                    Duration.between(now, nextAllowed));
        }
    }

    private Duration delay(int excess) {
        Duration delay = limits.baseDelay().multipliedBy(1L << Math.min(excess, 20));
        return delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay;
    }

    private void record(String key, int lockAfter, Instant now) {
        Instant windowStart = now.minus(limits.window());
        db.sql("""
                        INSERT INTO login_failures AS f (key, failures, first_failed_at, last_failed_at)
                        VALUES (:key, 1, :now, :now)
                        ON CONFLICT (key) DO UPDATE SET
                            failures = CASE WHEN f.first_failed_at < :windowStart
                                              OR (f.locked_until IS NOT NULL AND f.locked_until <= :now)
                                            THEN 1 ELSE f.failures + 1 END,
                            first_failed_at = CASE WHEN f.first_failed_at < :windowStart
                                                     OR (f.locked_until IS NOT NULL AND f.locked_until <= :now)
                                                   THEN :now ELSE f.first_failed_at END,
                            last_failed_at = :now,
                            locked_until = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= :now
                                                THEN NULL ELSE f.locked_until END
                        """)
                .param("key", key).param("now", Timestamp.from(now)).param("windowStart", Timestamp.from(windowStart))
                .update();
        db.sql("""
                        UPDATE login_failures SET locked_until = :until
                        WHERE key = :key AND failures >= :lockAfter AND locked_until IS NULL
                        """)
                .param("key", key).param("lockAfter", lockAfter)
                .param("until", Timestamp.from(now.plus(limits.lockFor()))).update();
    }

    private Optional<Failures> find(String key) {
        return db.sql("SELECT failures, first_failed_at, last_failed_at, locked_until FROM login_failures WHERE key = :key")
                .param("key", key)
                .query((rs, n) -> {
                    Timestamp locked = rs.getTimestamp("locked_until");
                    return new Failures(rs.getInt("failures"), rs.getTimestamp("first_failed_at").toInstant(),
                            rs.getTimestamp("last_failed_at").toInstant(), locked != null ? locked.toInstant() : null);
                })
                .optional();
    }

    private static ParleyException tooMany(String code, String message, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ParleyException(HttpStatus.TOO_MANY_REQUESTS, code, message, Map.of("retryAfterSeconds", seconds));
    }
}
