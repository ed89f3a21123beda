package dev.parley.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api.Response;
import tools.jackson.databind.JsonNode;

/** Builds what tests need through the public API: tenants, their admins and members, signed-in sessions. */
public final class Fixtures {

    public static final String ROOT_EMAIL = "root@parley.test";
    public static final String ROOT_PASSWORD = "root-password-for-tests";
    public static final String PASSWORD = "correct horse battery";

    private final Api api;

    public Fixtures(Api api) {
        this.api = api;
    }

    /** A signed-in person. */
    public record Session(String accessToken, String refreshToken, UUID userId, UUID tenantId, String email,
                          JsonNode body) {
    }

    /** A provisioned tenant and its signed-in first admin. */
    public record TenantSetup(UUID id, String slug, String name, Session admin) {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Session superAdmin() {
        return login(ROOT_EMAIL, ROOT_PASSWORD, null);
    }

    public Session login(String email, String password, UUID tenantId) {
        Map<String, Object> body = tenantId == null ? Map.of("email", email, "password", password)
                : Map.of("email", email, "password", password, "tenantId", tenantId.toString());
        Response response = api.post("/api/v1/auth/login", null, body);
        assertThat(response.status()).as("login of %s: %s", email, response).isEqualTo(200);
        return session(response, email);
    }

    public static Session session(Response response, String email) {
        JsonNode body = response.body();
        return new Session(body.path("accessToken").asText(), body.path("refreshToken").asText(),
                UUID.fromString(body.path("user").path("id").asText()),
                UUID.fromString(body.path("tenant").path("id").asText()), email, body);
    }

    public TenantSetup tenant(String prefix) {
        String slug = unique(prefix);
        String adminEmail = "admin@" + slug + ".test";
        Response created = api.post("/api/v1/platform/tenants", superAdmin().accessToken(), Map.of(
                "name", "Tenant " + slug, "slug", slug, "domains", List.of(slug + ".example.com"),
                "adminEmail", adminEmail));
        assertThat(created.status()).as("provisioning %s: %s", slug, created).isEqualTo(201);
        String link = created.body().path("invitation").path("link").asText();
        Session admin = accept(tokenOf(link), adminEmail, "Admin of " + slug);
        return new TenantSetup(UUID.fromString(created.body().path("tenant").path("id").asText()), slug,
                "Tenant " + slug, admin);
    }

    /** Invites a new person into the admin's tenant with this role, accepts, and signs them in. */
    public Session member(TenantSetup tenant, String role) {
        String email = unique(role.toLowerCase()) + "@" + tenant.slug() + ".test";
        Response invited = api.post("/api/v1/users/invitations", tenant.admin().accessToken(),
                Map.of("email", email, "role", role));
        assertThat(invited.status()).as("invite: %s", invited).isEqualTo(201);
        return accept(tokenOf(invited.text("link")), email, "Member " + email);
    }

    public Session accept(String token, String email, String name) {
        Response accepted = api.post("/api/v1/invitations/accept", null,
                Map.of("token", token, "password", PASSWORD, "name", name));
        assertThat(accepted.status()).as("accept invitation of %s: %s", email, accepted).isEqualTo(200);
        return session(accepted, email);
    }

    public static String tokenOf(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }
}
