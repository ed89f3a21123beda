package dev.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.shared.TenantId;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** A tenant admin sets when reminders go out and when a follow-up is missed; other tenants keep the defaults. */
@ParleyIntegrationTest
class ReminderSettingsIT {

    @LocalServerPort
    int port;

    @Autowired
    ReminderPolicy policy;

    Api api;
    Fixtures fixtures;
    TenantSetup shop;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        shop = fixtures.tenant("reminders");
        admin = shop.admin().accessToken();
    }

    @Test
    void aTenantStartsWithTheInstallationsDefaults() {
        JsonNode settings = api.get("/api/v1/settings/reminders", admin).body();

        assertThat(settings.path("remindBefore").valueStream().map(JsonNode::asString)).containsExactly("24h", "1h");
        assertThat(settings.path("missedAfter").asString()).isEqualTo("2h");
        assertThat(settings.path("custom").asBoolean()).isFalse();
        assertThat(policy.remindBefore(TenantId.of(shop.id())))
                .containsExactly(Duration.ofHours(24), Duration.ofHours(1));
    }

    @Test
    void theTenantsOwnSettingsApplyToItAloneAndCanBeReset() {
        TenantSetup other = fixtures.tenant("untouched");

        Response saved = api.put("/api/v1/settings/reminders", admin,
                Map.of("remindBefore", List.of("15m", "2d", "PT3H"), "missedAfter", "45m"));

        assertThat(saved.status()).as("saved: %s", saved).isEqualTo(200);
        assertThat(saved.body().path("remindBefore").valueStream().map(JsonNode::asString))
                .as("longest first").containsExactly("2d", "3h", "15m");
        assertThat(saved.body().path("custom").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/settings/reminders", admin).body().path("missedAfter").asString())
                .isEqualTo("45m");
        assertThat(policy.remindBefore(TenantId.of(shop.id())))
                .containsExactly(Duration.ofDays(2), Duration.ofHours(3), Duration.ofMinutes(15));
        assertThat(policy.missedAfter(TenantId.of(shop.id()))).isEqualTo(Duration.ofMinutes(45));
        assertThat(policy.remindBefore(TenantId.of(other.id())))
                .containsExactly(Duration.ofHours(24), Duration.ofHours(1));
        assertThat(api.get("/api/v1/audit?action=settings.reminders_updated", admin).body().path("items").size())
                .isEqualTo(1);

        Response reset = api.delete("/api/v1/settings/reminders", admin);

        assertThat(reset.body().path("custom").asBoolean()).isFalse();
        assertThat(policy.missedAfter(TenantId.of(shop.id()))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void noRemindersAtAllIsAChoice() {
        Response saved = api.put("/api/v1/settings/reminders", admin, Map.of("remindBefore", List.of(),
                "missedAfter", "2h"));

        assertThat(saved.status()).isEqualTo(200);
        assertThat(policy.remindBefore(TenantId.of(shop.id()))).isEmpty();
    }

    @Test
    void badSettingsAreRefusedWithAnErrorPerField() {
        Response refused = api.put("/api/v1/settings/reminders", admin, Map.of(
                "remindBefore", List.of("1h", "2m", "31d", "soon", "1h"), "missedAfter", "90s"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(errors(refused)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "remindBefore[1]", "must be between 5 minutes and 30 days",
                "remindBefore[2]", "must be between 5 minutes and 30 days",
                "remindBefore[3]", "must be a duration such as 30m, 1h or 2d",
                "remindBefore[4]", "is already in the list",
                "missedAfter", "must be a whole number of minutes"));
        Response tooMany = api.put("/api/v1/settings/reminders", admin, Map.of(
                "remindBefore", List.of("1h", "2h", "3h", "4h", "5h", "6h"), "missedAfter", "1h"));
        assertThat(errors(tooMany)).containsEntry("remindBefore", "can hold at most 5 reminders");
        Response missing = api.put("/api/v1/settings/reminders", admin, Map.of("remindBefore", List.of("1h")));
        assertThat(errors(missing)).containsEntry("missedAfter", "is required");
        assertThat(api.put("/api/v1/settings/reminders", admin, "{\"remindBefore\": \"1h\"}").code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/v1/settings/reminders", admin).body().path("custom").asBoolean())
                .as("nothing was saved").isFalse();
    }

    @Test
    void onlyTenantAdminsSeeOrChangeReminderSettings() {
        String operator = fixtures.member(shop, "ADMIN_OPERATOR").accessToken();

        assertThat(api.get("/api/v1/settings/reminders", operator).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/settings/reminders", operator,
                Map.of("remindBefore", List.of("1h"), "missedAfter", "1h")).status()).isEqualTo(403);
    }

    private static Map<String, String> errors(Response response) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        response.body().path("errors").forEach(e -> errors.put(e.path("field").asString(), e.path("message").asString()));
        return errors;
    }
}
