package dev.parley.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import dev.parley.tenancy.TenantAdministration;
import dev.parley.tenancy.TenantAdministration.Provision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A restart keeps every tenant, user and key; the embedded server stops cleanly on shutdown. */
class DataPersistenceIT {

    @TempDir
    Path dataDir;

    @Test
    void aSecondStartKeepsTheDataOfTheFirst() {
        Map<String, Object> settings = Map.of("parley.database.data-dir", dataDir.toString());
        UUID tenant;
        String firstKey;
        try (ConfigurableApplicationContext first = StandaloneApp.start(settings)) {
            tenant = first.getBean(TenantAdministration.class)
                    .provision(new Provision("Kept", "kept", java.util.List.of("kept.example.com"), "a@kept.test", Map.of()))
                    .tenant().id();
            firstKey = signingKeys(first);
        }
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
                .as("the embedded server was stopped").isFalse();

        try (ConfigurableApplicationContext second = StandaloneApp.start(settings)) {
            var kept = second.getBean(TenantAdministration.class).get(tenant);
            assertThat(kept.slug()).isEqualTo("kept");
            assertThat(kept.domains()).containsExactly("kept.example.com");
            assertThat(signingKeys(second)).isEqualTo(firstKey);
            int superAdmins = second.getBean(PlatformTransactions.class).call(() -> second.getBean(JdbcClient.class)
                    .sql("SELECT count(*) FROM users WHERE platform_role = 'SUPER_ADMIN'").query(Integer.class).single());
            assertThat(superAdmins).isEqualTo(1);
        }
    }

    private static String signingKeys(ConfigurableApplicationContext context) {
        return context.getBean(PlatformTransactions.class).call(() -> context.getBean(JdbcClient.class)
                .sql("SELECT string_agg(kid, ',' ORDER BY kid) FROM signing_keys").query(String.class).single());
    }
}
