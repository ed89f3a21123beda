package dev.parley.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import dev.parley.audit.AuditLog;
import dev.parley.identity.AdminProperties;
import dev.parley.identity.Role;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.shared.web.PublicUrl;
import dev.parley.tenancy.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On first start, creates the platform's super-admin (from {@code PARLEY_ADMIN_EMAIL} and
 * {@code PARLEY_ADMIN_PASSWORD}, or with a generated password printed once) as an admin of the default tenant,
 * and on every start prints where the console is.
 */
@Component
class SuperAdminBootstrap {

    static final String DEFAULT_EMAIL = "admin@parley.local";
    private static final Logger log = LoggerFactory.getLogger(SuperAdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserRepository users;
    private final MembershipRepository memberships;
    private final PasswordEncoder passwords;
    private final PlatformTransactions platform;
    private final AuditLog audit;
    private final AdminProperties admin;
    private final PublicUrl publicUrl;
    private final SigningKeys signingKeys;
    private final Clock clock;

    SuperAdminBootstrap(UserRepository users, MembershipRepository memberships, PasswordEncoder passwords,
                        PlatformTransactions platform, AuditLog audit, AdminProperties admin, PublicUrl publicUrl,
                        SigningKeys signingKeys, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.passwords = passwords;
        this.platform = platform;
        this.audit = audit;
        this.admin = admin;
        this.publicUrl = publicUrl;
        this.signingKeys = signingKeys;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        signingKeys.signingKey(); // generate and store the first signing key now, not on the first login
        String email = admin.email() == null || admin.email().isBlank() ? DEFAULT_EMAIL
                : admin.email().trim().toLowerCase(Locale.ROOT);
        boolean generated = admin.password() == null || admin.password().isBlank();
        String password = generated ? generatePassword() : admin.password();
        boolean created = platform.call(() -> {
            if (users.anySuperAdmin()) {
                return false;
            }
            Instant now = clock.instant();
            if (users.findByEmail(email).isPresent()) {
                log.warn("A user {} exists but no super-admin does; not changing it", email);
                return false;
            }
            var user = users.insertIfAbsent(email, "Platform admin", passwords.encode(password), "SUPER_ADMIN", now);
            memberships.upsert(Tenant.DEFAULT_ID, user.id(), Role.TENANT_ADMIN, now);
            audit.recordPlatform("platform.super_admin_created", TenantId.of(Tenant.DEFAULT_ID), "user", user.id(),
                    Map.of("email", email));
            return true;
        });
        StringBuilder banner = new StringBuilder()
                .append("\n\n  Parley is running.\n")
                .append("  Console:      ").append(publicUrl.resolve("/console/")).append('\n')
                .append("  API docs:     ").append(publicUrl.resolve("/swagger-ui/index.html")).append('\n');
        if (created) {
            banner.append("  Super-admin:  ").append(email).append('\n')
                    .append("  Password:     ").append(generated ? password + "   (generated; shown only this once)"
                            : "(as set in PARLEY_ADMIN_PASSWORD)").append('\n');
        } else {
            banner.append("  Super-admin:  sign in with the credentials printed on first start\n");
        }
        log.info(banner.toString());
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
