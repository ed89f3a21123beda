package dev.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** Repeated failed sign-ins slow down, then lock the account for a while, even for the right password. */
@ParleyIntegrationTest
class LoginThrottleIT {

    @LocalServerPort
    int port;

    Api api;
    TenantSetup acme;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = new Fixtures(api).tenant("throttle");
    }

    @Test
    void afterAFewFailuresTheNextAttemptMustWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(attempt("wrong password").status()).isEqualTo(401);
        }

        Response throttled = attempt(Fixtures.PASSWORD);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("LOGIN_THROTTLED");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 30);
    }

    @Test
    void aSuccessfulLoginClearsTheAccountsFailures() {
        attempt("wrong password");
        attempt("wrong password");
        assertThat(attempt(Fixtures.PASSWORD).status()).isEqualTo(200);

        attempt("wrong password");
        attempt("wrong password");

        assertThat(attempt(Fixtures.PASSWORD).status()).isEqualTo(200);
    }

    private Response attempt(String password) {
        return api.post("/api/v1/auth/login", null, Map.of("email", acme.admin().email(), "password", password));
    }
}
