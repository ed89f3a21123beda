package dev.parley.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures.TenantSetup;

/** Chat set-up through the public APIs: a tenant whose widget runs on a given origin, and its visitors. */
public final class ChatFixtures {

    public static final String ORIGIN = "https://shop.example.test";

    private final Api api;
    private final Fixtures fixtures;

    public ChatFixtures(Api api) {
        this.api = api;
        this.fixtures = new Fixtures(api);
    }

    /** A tenant whose widget may run on {@link #ORIGIN}'s host and its own slug's host. */
    public record ChatTenant(TenantSetup tenant, String widgetKey) {
    }

    public ChatTenant tenant(String prefix, Map<String, Object> settings) {
        TenantSetup tenant = fixtures.tenant(prefix);
        String root = fixtures.superAdmin().accessToken();
        Response patched = api.patch("/api/v1/platform/tenants/" + tenant.id(), root,
                Map.of("domains", List.of(tenant.slug() + ".example.test"), "settings", settings));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        return new ChatTenant(tenant, patched.text("widgetKey"));
    }

    public static String originOf(ChatTenant tenant) {
        return "https://" + tenant.tenant().slug() + ".example.test";
    }

    /** A new visitor's widget session, as the widget starts it from the tenant's site. */
    public Response startVisitor(ChatTenant tenant, String visitorToken) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("key", tenant.widgetKey(),
                "url", originOf(tenant) + "/pricing", "title", "Pricing", "locale", "fr-BE"));
        if (visitorToken != null) {
            body.put("visitorToken", visitorToken);
        }
        return widget("POST", "/api/v1/widget/session", null, originOf(tenant), body);
    }

    public Response widget(String method, String path, String visitorToken, String origin, Object body) {
        HttpRequest.Builder request = api.request(path, null).header("Content-Type", "application/json");
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (visitorToken != null) {
            request.header("X-Visitor-Token", visitorToken);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
        return api.send(request.build());
    }
}
