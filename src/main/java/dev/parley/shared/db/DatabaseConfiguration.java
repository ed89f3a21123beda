package dev.parley.shared.db;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Data sources: the schema owner's (migrations only) and the application's pool, whose connections act as
 * {@code parley_app}, a role that owns no table and is subject to row-level security.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    static final String APP_ROLE = "parley_app";

    @Bean(destroyMethod = "close")
    ConnectionTarget connectionTarget(DatabaseProperties properties) {
        if (properties.embedded()) {
            EmbeddedPostgresServer server =
                    EmbeddedPostgresServer.acquire(Path.of(properties.dataDir()), properties.cleanStart());
            return new ConnectionTarget(server.jdbcUrl(), EmbeddedPostgresServer.SUPERUSER, null, server);
        }
        return new ConnectionTarget(properties.url(), properties.username(), properties.password(), null);
    }

    @Bean
    @FlywayDataSource
    @Qualifier("owner")
    DataSource ownerDataSource(ConnectionTarget target) {
        HikariDataSource ds = target.pool("parley-owner", 2);
        ds.setMinimumIdle(0);
        return ds;
    }

    @Bean
    @Primary
    DataSource dataSource(ConnectionTarget target, DatabaseProperties properties) {
        HikariDataSource ds = target.pool("parley", properties.poolSize());
        ds.setConnectionInitSql("SET ROLE " + APP_ROLE);
        return ds;
    }

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource, DatabaseProperties properties) {
        // Two connections stay outside the turns, for the rare transaction begun while another is open.
        return new TenantBoundTransactionManager(dataSource, properties.poolSize() - 2);
    }

    @Bean
    @Primary
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    /** Where and as whom the pools connect; stops the embedded server, if any, after the pools close. */
    record ConnectionTarget(String url, String username, String password, EmbeddedPostgresServer embedded)
            implements AutoCloseable {

        @Override
        public void close() {
            if (embedded != null) {
                embedded.release();
            }
        }

        HikariDataSource pool(String name, int size) {
            HikariDataSource ds = new HikariDataSource();
            ds.setPoolName(name);
            ds.setJdbcUrl(url);
            ds.setUsername(username);
            ds.setPassword(password);
            ds.setMaximumPoolSize(size);
            return ds;
        }
    }
}
