package dev.parley.tenancy.internal;

import dev.parley.shared.TenantId;
import dev.parley.shared.usage.StoredBytes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The tenant's logo counts towards its storage. */
@Component
class LogoStoredBytes implements StoredBytes {

    private final JdbcClient db;

    LogoStoredBytes(JdbcClient db) {
        this.db = db;
    }

    @Override
    public long storedBytes(TenantId tenant) {
        return db.sql("SELECT coalesce(sum(octet_length(bytes)), 0) FROM tenant_logos WHERE tenant_id = :tenant")
                .param("tenant", tenant.value()).query(Long.class).single();
    }
}
