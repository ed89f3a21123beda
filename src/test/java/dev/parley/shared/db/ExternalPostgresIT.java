package dev.parley.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import dev.parley.tenancy.TenantAdministration;
import dev.parley.tenancy.TenantAdministration.Provision;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code PARLEY_DATABASE_URL} switches Parley to an external PostgreSQL, where the same migrations run and the
 * same roles apply. Runs where a PostgreSQL server listens on localhost:5432 with trust authentication for
 * {@code postgres} (the development and CI machines), or on {@code PARLEY_TEST_EXTERNAL_PG} (a JDBC URL of a
 * server's {@code postgres} database); skipped, saying so, elsewhere.
 */
class ExternalPostgresIT {

    @Test
    void theSameMigrationsAndRolesRunOnAnExternalPostgres() throws Exception {
        String configured = System.getenv("PARLEY_TEST_EXTERNAL_PG");
        assumeTrue(configured != null || listening("localhost", 5432), "no external PostgreSQL on localhost:5432");
        String admin = configured != null ? configured : "jdbc:postgresql://localhost:5432/postgres?user=postgres";
        String database = "parley_it_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            assumeTrue(false, "external PostgreSQL not usable: " + e.getMessage());
        }
        String url = admin.replace("/postgres?", "/" + database + "?");
        try (ConfigurableApplicationContext app = StandaloneApp.start(Map.of("parley.database.url", url,
                "parley.database.username", "postgres"))) {
            JdbcClient db = app.getBean(JdbcClient.class);
            var provisioned = app.getBean(TenantAdministration.class)
                    .provision(new Provision("External", "external", java.util.List.of(), "a@external.test", Map.of()));

            assertThat(db.sql("SELECT current_user").query(String.class).single()).isEqualTo("parley_app");
            assertThat(db.sql("SELECT count(*) FROM memberships").query(Integer.class).single()).isZero();
            assertThat(db.sql("SELECT server_version_num::int >= 150000 FROM (SELECT current_setting('server_version_num') AS server_version_num) v")
                    .query(Boolean.class).single()).isTrue();
            assertThat(provisioned.created()).isTrue();
        } finally {
            try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
