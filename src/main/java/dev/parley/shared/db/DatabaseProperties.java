package dev.parley.shared.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Parley keeps its data: embedded PostgreSQL under {@code dataDir} unless {@code url} names an external
 * PostgreSQL 15+ ({@code PARLEY_DATABASE_URL}, {@code PARLEY_DATABASE_USERNAME}, {@code PARLEY_DATABASE_PASSWORD}).
 *
 * @param url         JDBC URL of an external database; empty means embedded
 * @param username    the external database's user, which owns the schema (runs migrations)
 * @param password    that user's password
 * @param dataDir     the embedded database's home ({@code PARLEY_DATA_DIR}, default {@code ./data})
 * @param cleanStart  wipe the embedded data directory on start (tests only)
 * @param poolSize    connections in the application's pool
 */
@ConfigurationProperties("parley.database")
public record DatabaseProperties(
        String url,
        String username,
        String password,
        @DefaultValue("./data") String dataDir,
        @DefaultValue("false") boolean cleanStart,
        @DefaultValue("20") int poolSize) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
