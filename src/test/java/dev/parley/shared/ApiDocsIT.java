package dev.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

@ParleyIntegrationTest
class ApiDocsIT {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        Response docs = new Api(port).get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/v1/auth/login")).isTrue();
        assertThat(docs.body().path("paths").has("/api/v1/platform/tenants")).isTrue();
        assertThat(docs.body().path("paths").has("/api/v1/users")).isTrue();
    }

    @Test
    void healthIsUpWithoutSigningIn() {
        Response health = new Api(port).get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
    }
}
