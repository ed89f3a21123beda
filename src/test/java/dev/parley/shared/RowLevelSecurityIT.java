package dev.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import javax.sql.DataSource;

import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The database itself keeps tenants apart, whatever the application's queries say. */
@ParleyIntegrationTest
class RowLevelSecurityIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    PlatformTransactions platform;

    TenantSetup a;
    TenantSetup b;
    TransactionTemplate tx;

    @BeforeEach
    void setUp() {
        Fixtures fixtures = new Fixtures(new Api(port));
        a = fixtures.tenant("rls-a");
        b = fixtures.tenant("rls-b");
        tx = new TransactionTemplate(transactions);
    }

    @Test
    void theApplicationConnectsAsARoleThatOwnsNoTable() {
        String role = db.sql("SELECT current_user").query(String.class).single();
        int owned = db.sql("SELECT count(*) FROM pg_tables WHERE tableowner = current_user").query(Integer.class).single();
        boolean bypasses = db.sql("SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user")
                .query(Boolean.class).single();

        assertThat(role).isEqualTo("parley_app");
        assertThat(owned).isZero();
        assertThat(bypasses).isFalse();
    }

    @Test
    void everyTenantOwnedTableHasRowLevelSecurityEnabledAndForced() {
        var tables = JdbcClient.create(owner).sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                        WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND a.attname = 'tenant_id'
                          AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                          AND c.relname NOT IN ('tenant_domains', 'platform_audit_log')
                        """).query(String.class).list();

        assertThat(tables).as("tenant tables without forced RLS").isEmpty();
    }

    @Test
    void aQueryOnATenantTableWithNoTenantSetReturnsNoRows() {
        int all = JdbcClient.create(owner).sql("SELECT count(*) FROM memberships").query(Integer.class).single();

        int seenWithoutTenant = db.sql("SELECT count(*) FROM memberships").query(Integer.class).single();
        Integer seenInTransaction = tx.execute(s -> db.sql("SELECT count(*) FROM memberships")
                .query(Integer.class).single());

        assertThat(all).isGreaterThanOrEqualTo(2);
        assertThat(seenWithoutTenant).isZero();
        assertThat(seenInTransaction).isZero();
    }

    @Test
    void aTenantBoundTransactionSeesOnlyItsTenantsRowsEvenWithoutAFilter() {
        var tenants = TenantContext.callAs(TenantId.of(a.id()), () -> tx.execute(s ->
                db.sql("SELECT DISTINCT tenant_id FROM memberships").query(UUID.class).list()));
        var audit = TenantContext.callAs(TenantId.of(a.id()), () -> tx.execute(s ->
                db.sql("SELECT DISTINCT tenant_id FROM audit_log").query(UUID.class).list()));

        assertThat(tenants).containsExactly(a.id());
        assertThat(audit).containsExactly(a.id());
    }

    @Test
    void writingARowForAnotherTenantIsRefusedByThePolicy() {
        assertThatThrownBy(() -> TenantContext.runAs(TenantId.of(a.id()), () -> tx.executeWithoutResult(s ->
                db.sql("""
                                INSERT INTO audit_log (tenant_id, id, action) VALUES (:tenant, :id, 'forged')
                                """).param("tenant", b.id()).param("id", Ids.newId()).update())))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("row-level security");
    }

    @Test
    void aRowThatPointsAtAnotherTenantsRowFailsInTheDatabase() {
        // Even on the platform path, which bypasses row-level security, a refresh token of tenant A cannot
        // belong to a membership of tenant B: the composite foreign key includes tenant_id.
        assertThatThrownBy(() -> platform.run(() -> db.sql("""
                        INSERT INTO refresh_tokens (tenant_id, id, user_id, family_id, token_hash, issued_at, expires_at)
                        VALUES (:tenant, :id, :user, :family, :hash, now(), now() + interval '1 day')
                        """)
                .param("tenant", a.id()).param("id", Ids.newId()).param("user", b.admin().userId())
                .param("family", Ids.newId()).param("hash", UUID.randomUUID().toString().getBytes())
                .update()))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("foreign key");
    }

    @Test
    void theApplicationRoleCannotReadSigningKeysOrRewriteTheAuditTrail() {
        assertThatThrownBy(() -> db.sql("SELECT count(*) FROM signing_keys").query(Integer.class).single())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> TenantContext.runAs(TenantId.of(a.id()), () -> tx.executeWithoutResult(s ->
                db.sql("DELETE FROM audit_log WHERE tenant_id = :tenant").param("tenant", a.id()).update())))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void thePlatformPathSeesEveryTenant() {
        var tenants = platform.call(() -> db.sql("SELECT DISTINCT tenant_id FROM memberships")
                .query(UUID.class).list());

        assertThat(tenants).contains(a.id(), b.id());
    }
}
