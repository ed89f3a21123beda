package dev.parley.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.parley.audit.AuditLog;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * A signed-in person changes their password. The current one is required (and wrong guesses count as failed
 * sign-ins); every other session of the person, in every tenant, ends.
 */
@Service
public class PasswordChange {

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final PlatformTransactions platform;
    private final JdbcClient db;
    private final SessionGuard guard;
    private final AuditLog audit;
    private final Clock clock;

    PasswordChange(UserRepository users, PasswordEncoder passwords, LoginThrottle throttle,
                   PlatformTransactions platform, JdbcClient db, SessionGuard guard, AuditLog audit, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.platform = platform;
        this.db = db;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    public void change(UUID userId, UUID tenant, UUID keptSession, String current, String next, String address) {
        UserAccount user = users.findById(userId).orElseThrow();
        throttle.checkAllowed(user.email(), address);
        if (current == null || user.passwordHash() == null || !passwords.matches(current, user.passwordHash())) {
            throttle.recordFailure(user.email(), address);
            throw ParleyException.invalidField("currentPassword", "is not your current password");
        }
        PasswordPolicy.check("newPassword", next, user.email());
        platform.run(() -> {
            Instant now = clock.instant();
            users.setPassword(userId, passwords.encode(next), now);
            int ended = db.sql("""
                            UPDATE refresh_tokens SET revoked_at = :now
                            WHERE user_id = :user AND family_id <> :kept AND revoked_at IS NULL
                            """)
                    .param("user", userId).param("kept", keptSession).param("now", java.sql.Timestamp.from(now))
                    .update();
            audit.record(TenantId.of(tenant), "user.password_changed", "user", userId, Map.of("sessionsEnded", ended));
        });
        guard.evictAll();
    }
}
