package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** A tenant's plan caps its API calls a minute: past the cap it gets 429 with Retry-After, and other tenants do not. */
@ParleyIntegrationTest
class ApiRateLimitIT {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    String root;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        root = fixtures.superAdmin().accessToken();
    }

    @Test
    void aTenantOnAFiveCallsAMinutePlanIsRefusedTheSixthCallUntilMovedToABiggerPlan() {
        String small = createPlan("rate5-", 5);
        String bigger = createPlan("rate100-", 100);
        TenantSetup limited = fixtures.tenant("rate-limited");
        TenantSetup other = fixtures.tenant("rate-other");
        String admin = limited.admin().accessToken();
        String otherAdmin = other.admin().accessToken();
        setPlan(limited.id(), small);

        for (int call = 1; call <= 5; call++) {
            Response ok = api.get("/api/v1/billing/plan", admin);
            assertThat(ok.status()).as("call " + call + ": " + ok).isEqualTo(200);
        }
        Response refused = api.get("/api/v1/billing/plan", admin);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.body().path("limit").asInt()).isEqualTo(5);
        assertThat(api.get("/api/v1/me", admin).status()).as("every API call counts").isEqualTo(429);

        for (int call = 1; call <= 7; call++) {
            assertThat(api.get("/api/v1/billing/plan", otherAdmin).status()).as("another tenant").isEqualTo(200);
        }

        setPlan(limited.id(), bigger);

        Response again = api.get("/api/v1/billing/plan", admin);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(bigger);
    }

    private String createPlan(String prefix, int perMinute) {
        String id = prefix + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", "Rate " + perMinute);
        body.put("currency", "EUR");
        body.put("monthlyPrice", 1000);
        body.put("yearlyPrice", 10000);
        body.put("includedOperators", 3);
        body.put("includedConversations", 500);
        body.put("storageMb", 2048);
        body.put("apiRatePerMinute", perMinute);
        body.put("features", List.of("analytics.basic"));
        Response created = api.post("/api/v1/platform/plans", root, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private void setPlan(UUID tenant, String plan) {
        Response set = api.put("/api/v1/platform/tenants/" + tenant + "/plan", root, Map.of("planId", plan));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
    }
}
