package dev.parley.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.parley.identity.IdentityProperties;
import dev.parley.shared.ParleyException;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lock-outs per account and per address. The throttle here shares the application's table but has small
 * limits and no slow-down, so reaching the lock takes a few failures instead of minutes of back-off.
 */
@ParleyIntegrationTest
class LoginLockIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    LoginThrottle throttle;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        IdentityProperties properties = new IdentityProperties("parley", Duration.ofMinutes(15), Duration.ofDays(30),
                Duration.ofDays(7), new IdentityProperties.Throttle(Duration.ofMinutes(15), 3, Duration.ZERO,
                Duration.ZERO, 4, Duration.ofMinutes(15), 1000, 6));
        throttle = new LoginThrottle(db, properties, Clock.systemUTC());
    }

    @Test
    void aLockedAccountIsRefusedEvenWithTheRightPassword() {
        TenantSetup acme = new Fixtures(api).tenant("locked");
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure(acme.admin().email(), null);
        }

        Response response = api.post("/api/v1/auth/login", null,
                Map.of("email", acme.admin().email(), "password", Fixtures.PASSWORD));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.code()).isEqualTo("LOGIN_LOCKED");
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(14 * 60L, 15 * 60L);
    }

    @Test
    void anAddressWithManyFailuresOnDifferentAccountsIsLocked() {
        String address = "198.51.100." + (int) (Math.random() * 250);
        db.sql("DELETE FROM login_failures WHERE key = :key").param("key", "address:" + address).update();
        for (int i = 0; i < 6; i++) {
            throttle.checkAllowed("someone" + i + "@spray.test", address);
            throttle.recordFailure("someone" + i + "@spray.test", address);
        }

        assertThatThrownBy(() -> throttle.checkAllowed("fresh@spray.test", address))
                .isInstanceOf(ParleyException.class)
                .extracting(e -> ((ParleyException) e).code()).isEqualTo("LOGIN_LOCKED");
        throttle.checkAllowed("fresh@spray.test", "192.0.2.1");
    }
}
