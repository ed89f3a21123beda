package dev.parley.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.parley.shared.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} platform table. Emails are stored lower-cased. */
@Repository
public class UserRepository {

    private final JdbcClient db;

    UserRepository(JdbcClient db) {
        this.db = db;
    }

    public Optional<UserAccount> findByEmail(String email) {
        return db.sql("SELECT * FROM users WHERE email = :email").param("email", email)
                .query(UserRepository::user).optional();
    }

    public Optional<UserAccount> findById(UUID id) {
        return db.sql("SELECT * FROM users WHERE id = :id").param("id", id)
                .query(UserRepository::user).optional();
    }

    public boolean anySuperAdmin() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM users WHERE platform_role = 'SUPER_ADMIN')")
                .query(Boolean.class).single();
    }

    /** Inserts a user, or returns the existing one with that email. */
    public UserAccount insertIfAbsent(String email, String name, String passwordHash, String platformRole,
                                      Instant now) {
        db.sql("""
                        INSERT INTO users (id, email, name, password_hash, platform_role, created_at, updated_at)
                        VALUES (:id, :email, :name, :hash, :platformRole, :now, :now)
                        ON CONFLICT (email) DO NOTHING
                        """)
                .param("id", Ids.newId())
                .param("email", email)
                .param("name", name)
                .param("hash", passwordHash)
                .param("platformRole", platformRole)
                .param("now", Timestamp.from(now))
                .update();
        return findByEmail(email).orElseThrow();
    }

    public void setPassword(UUID id, String passwordHash, Instant now) {
        db.sql("UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id")
                .param("id", id).param("hash", passwordHash).param("now", Timestamp.from(now)).update();
    }

    public void setNameIfMissing(UUID id, String name, Instant now) {
        db.sql("UPDATE users SET name = :name, updated_at = :now WHERE id = :id AND name IS NULL")
                .param("id", id).param("name", name).param("now", Timestamp.from(now)).update();
    }

    public void recordLogin(UUID id, Instant now) {
        db.sql("UPDATE users SET last_login_at = :now WHERE id = :id")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }

    static UserAccount user(ResultSet rs, int row) throws SQLException {
        Timestamp lastLogin = rs.getTimestamp("last_login_at");
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                rs.getString("password_hash"), rs.getString("platform_role"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), lastLogin != null ? lastLogin.toInstant() : null);
    }
}
