package dev.parley.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** A tenant admin changes their own tenant's chat and widget settings and domains; nobody else can. */
@ParleyIntegrationTest
class TenantSettingsIT {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        chat = new ChatFixtures(api);
    }

    @Test
    void settingsChangesReachTheWidgetAtOnce() {
        ChatTenant shop = chat.tenant("settings", Map.of());
        String admin = shop.tenant().admin().accessToken();
        String config = "/api/v1/widget/config?key=" + shop.widgetKey();
        assertThat(chat.widget("GET", config, null, ChatFixtures.originOf(shop), null).text("title"))
                .isEqualTo(shop.tenant().name());

        Response updated = api.patch("/api/v1/settings", admin, Map.of(
                "chat", Map.of("assignment", "manual", "maxConcurrentChats", 3),
                "widget", Map.of("title", "Ask us", "prechatFields", List.of("name", "email"),
                        "prechatRequired", List.of("email"), "position", "left")));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.body().path("chat").path("assignment").asText()).isEqualTo("manual");
        assertThat(updated.text("widgetKey")).isEqualTo(shop.widgetKey());
        Response widget = chat.widget("GET", config, null, ChatFixtures.originOf(shop), null);
        assertThat(widget.text("title")).isEqualTo("Ask us");
        assertThat(widget.text("position")).isEqualTo("left");
        assertThat(widget.body().path("prechatRequired").toString()).contains("email");
        assertThat(api.get("/api/v1/audit?action=settings.updated", admin).body().path("items")).hasSize(1);
    }

    @Test
    void invalidSettingsAre400NamingTheField() {
        ChatTenant shop = chat.tenant("badsettings", Map.of());
        String admin = shop.tenant().admin().accessToken();

        Response assignment = api.patch("/api/v1/settings", admin, Map.of("chat", Map.of("assignment", "random")));
        Response limit = api.patch("/api/v1/settings", admin, Map.of("chat", Map.of("maxConcurrentChats", 0)));
        Response fields = api.patch("/api/v1/settings", admin, Map.of("widget", Map.of("prechatFields", List.of("ssn"))));
        Response type = api.patch("/api/v1/settings", admin, Map.of("chat", Map.of("offlineForm", "maybe")));

        assertThat(assignment.body().path("errors").get(0).path("field").asText()).isEqualTo("chat.assignment");
        assertThat(limit.body().path("errors").get(0).path("field").asText()).isEqualTo("chat.maxConcurrentChats");
        assertThat(fields.body().path("errors").get(0).path("field").asText()).isEqualTo("widget.prechatFields");
        assertThat(type.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/settings", admin).body().path("chat").path("assignment").isMissingNode()).isTrue();
    }

    @Test
    void domainsAreTheAdminsToChangeAndAClashIsA409() {
        ChatTenant shop = chat.tenant("domains", Map.of());
        ChatTenant other = chat.tenant("domains-other", Map.of());
        String admin = shop.tenant().admin().accessToken();

        Response replaced = api.put("/api/v1/settings/domains", admin, Map.of("domains", List.of("www.shop-" + shop.tenant().slug() + ".test")));
        Response clash = api.put("/api/v1/settings/domains", admin,
                Map.of("domains", List.of(other.tenant().slug() + ".example.test")));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().path("domains").toString()).contains("www.shop-");
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.code()).isEqualTo("DOMAIN_TAKEN");
        assertThat(clash.text("detail")).contains(other.tenant().slug() + ".example.test");
        assertThat(chat.widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null,
                ChatFixtures.originOf(shop), null).status()).as("the old domain is no longer allowed").isEqualTo(403);
        assertThat(chat.widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null,
                "https://www.shop-" + shop.tenant().slug() + ".test", null).status()).isEqualTo(200);
    }

    @Test
    void operatorsCannotReachSettings() {
        ChatTenant shop = chat.tenant("nosettings", Map.of());
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");
        Session adminOperator = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");

        assertThat(api.get("/api/v1/settings", operator.accessToken()).status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/settings", adminOperator.accessToken(),
                Map.of("widget", Map.of("title", "x"))).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/settings/domains", operator.accessToken(),
                Map.of("domains", List.of("evil.test"))).status()).isEqualTo(403);
    }

    @Test
    void outsideWorkingHoursTheQueueIsClosedAndOnlyTheOfflineFormTakesMessages() {
        ChatTenant shop = chat.tenant("hours", Map.of());
        String admin = shop.tenant().admin().accessToken();
        String origin = ChatFixtures.originOf(shop);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Pacific/Kiritimati")).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Pacific/Kiritimati")).plusDays(1).toString();
        Map<String, Object> everyDay = new java.util.LinkedHashMap<>();
        for (String day : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            everyDay.put(day, List.of(List.of("00:00", "24:00")));
        }
        try (dev.parley.support.Socket operator = dev.parley.support.Socket.operator(port, admin)) {
            operator.await("hello");
            String visitor = chat.startVisitor(shop, null).text("visitorToken");

            Response closed = api.put("/api/v1/settings/hours", admin, Map.of("timezone", "Pacific/Kiritimati",
                    "weekly", everyDay, "holidays", List.of(today, tomorrow)));

            assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
            assertThat(closed.body().path("openNow").asBoolean()).isFalse();
            Response config = chat.widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null, origin, null);
            assertThat(config.body().path("open").asBoolean()).isFalse();
            assertThat(config.body().path("operatorsOnline").asBoolean()).isFalse();
            Response refused = chat.widget("POST", "/api/v1/widget/messages", visitor, origin, Map.of("body", "hello?"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("CHAT_CLOSED");
            assertThat(chat.widget("POST", "/api/v1/widget/offline", visitor, origin,
                    Map.of("email", "night@example.com", "body", "call me tomorrow")).status()).isEqualTo(201);

            Response open = api.delete("/api/v1/settings/hours", admin);
            assertThat(open.body().path("openNow").asBoolean()).isTrue();
            assertThat(chat.widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null, origin, null)
                    .body().path("operatorsOnline").asBoolean()).isTrue();
        }
    }

    @Test
    void badHoursAre400NamingTheField() {
        ChatTenant shop = chat.tenant("badhours", Map.of());
        String admin = shop.tenant().admin().accessToken();

        Response zone = api.put("/api/v1/settings/hours", admin, Map.of("timezone", "Mars/Olympus", "weekly", Map.of()));
        Response range = api.put("/api/v1/settings/hours", admin, Map.of("timezone", "Europe/Paris",
                "weekly", Map.of("mon", List.of(List.of("18:00", "09:00")))));
        Response day = api.put("/api/v1/settings/hours", admin, Map.of("timezone", "Europe/Paris",
                "weekly", Map.of("someday", List.of(List.of("09:00", "17:00")))));

        assertThat(zone.body().path("errors").get(0).path("field").asText()).isEqualTo("hours.timezone");
        assertThat(range.body().path("errors").get(0).path("field").asText()).isEqualTo("hours.weekly.mon");
        assertThat(day.status()).isEqualTo(400);
    }

    @Test
    void brandingColoursAreCheckedForContrastAndReachTheWidget() {
        ChatTenant shop = chat.tenant("brand", Map.of());
        String admin = shop.tenant().admin().accessToken();

        Response dark = api.put("/api/v1/settings/branding", admin, Map.of("primaryColor", "#1E3A8A", "accentColor", "#047857"));
        Response pale = api.put("/api/v1/settings/branding", admin, Map.of("primaryColor", "#FFEE99"));
        Response bad = api.put("/api/v1/settings/branding", admin, Map.of("primaryColor", "blue"));

        assertThat(dark.body().path("warnings")).isEmpty();
        assertThat(pale.body().path("warnings").get(0).asText()).contains("primary colour").contains("WCAG AA");
        assertThat(bad.body().path("errors").get(0).path("field").asText()).isEqualTo("primaryColor");
        Response config = chat.widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null,
                ChatFixtures.originOf(shop), null);
        assertThat(config.text("primaryColor")).isEqualTo("#ffee99");
        assertThat(config.text("accentColor")).isEqualTo("#047857");
    }

    @Test
    void aLogoMustBeASafeImageOfAtMostOneMegabyte() {
        ChatTenant shop = chat.tenant("logo", Map.of());
        String admin = shop.tenant().admin().accessToken();
        String good = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><circle cx='5' cy='5' r='4' fill='teal'/></svg>";

        Response script = logo(admin, "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
        Response handler = logo(admin, "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>");
        Response link = logo(admin, "image/svg+xml",
                "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>");
        Response entity = logo(admin, "image/svg+xml", "<!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><svg xmlns='http://www.w3.org/2000/svg'>&x;</svg>");
        Response text = logo(admin, "image/png", "just some text");
        Response huge = logo(admin, "image/png", "x".repeat(1024 * 1024 + 10));
        Response ok = logo(admin, "image/svg+xml", good);

        assertThat(script.code()).isEqualTo("SVG_UNSAFE");
        assertThat(handler.code()).isEqualTo("SVG_UNSAFE");
        assertThat(link.code()).isEqualTo("SVG_UNSAFE");
        assertThat(entity.status()).isEqualTo(415);
        assertThat(text.status()).isEqualTo(415);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(ok.status()).isEqualTo(204);
        Response config = chat.widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null,
                ChatFixtures.originOf(shop), null);
        Response served = api.get(config.text("logoUrl"), null);
        assertThat(served.header("Content-Type")).isEqualTo("image/svg+xml");
        assertThat(served.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(served.raw()).contains("circle");
        assertThat(api.get("/api/v1/audit?action=branding.logo_changed", admin).body().path("items")).hasSize(1);
    }

    @Test
    void theLauncherIconAndThePrechatIntroReachTheWidgetAndBadValuesAre400NamingTheField() {
        ChatTenant shop = chat.tenant("launcher", Map.of());
        String admin = shop.tenant().admin().accessToken();
        String config = "/api/v1/widget/config?key=" + shop.widgetKey();
        Response before = chat.widget("GET", config, null, ChatFixtures.originOf(shop), null);
        assertThat(before.text("launcherIcon")).isEqualTo("chat");
        assertThat(before.body().path("prechatIntro").isNull()).isTrue();

        Response saved = api.patch("/api/v1/settings", admin, Map.of("widget", Map.of("launcherIcon", "headset",
                "launcherLabel", "Talk to us", "prechatIntro", "  Tell us who you are first.  ")));
        Response icon = api.patch("/api/v1/settings", admin, Map.of("widget", Map.of("launcherIcon", "rocket")));
        Response intro = api.patch("/api/v1/settings", admin, Map.of("widget", Map.of("prechatIntro", "x".repeat(501))));
        Response type = api.patch("/api/v1/settings", admin, Map.of("widget", Map.of("launcherIcon", 7)));

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.body().path("widget").path("launcherIcon").asText()).isEqualTo("headset");
        assertThat(icon.status()).isEqualTo(400);
        assertThat(icon.body().path("errors").get(0).path("field").asText()).isEqualTo("widget.launcherIcon");
        assertThat(icon.body().path("errors").get(0).path("message").asText()).contains("chat, question, headset, envelope");
        assertThat(intro.body().path("errors").get(0).path("field").asText()).isEqualTo("widget.prechatIntro");
        assertThat(type.status()).isEqualTo(400);
        Response after = chat.widget("GET", config, null, ChatFixtures.originOf(shop), null);
        assertThat(after.text("launcherIcon")).isEqualTo("headset");
        assertThat(after.text("launcherLabel")).isEqualTo("Talk to us");
        assertThat(after.text("prechatIntro")).isEqualTo("Tell us who you are first.");
    }

    @Test
    void anEmptyLauncherLabelOrPrechatIntroRemovesItButAnEmptyTitleIsRefused() {
        ChatTenant shop = chat.tenant("cleartexts", Map.of());
        String admin = shop.tenant().admin().accessToken();
        api.patch("/api/v1/settings", admin, Map.of("widget", Map.of("launcherLabel", "Chat", "prechatIntro", "Hi")));

        Response cleared = api.patch("/api/v1/settings", admin, Map.of("widget", Map.of("launcherLabel", "",
                "prechatIntro", " ")));
        Response title = api.patch("/api/v1/settings", admin, Map.of("widget", Map.of("title", "")));

        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.body().path("widget").has("launcherLabel")).isFalse();
        assertThat(cleared.body().path("widget").has("prechatIntro")).isFalse();
        assertThat(title.body().path("errors").get(0).path("field").asText()).isEqualTo("widget.title");
        Response config = chat.widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null,
                ChatFixtures.originOf(shop), null);
        assertThat(config.body().path("launcherLabel").isNull()).isTrue();
        assertThat(config.body().path("prechatIntro").isNull()).isTrue();
    }

    @Test
    void anUnsetGreetingOrOfflineMessageReachesTheWidgetAsNoneSoItShowsItsOwnInItsLanguage() {
        ChatTenant shop = chat.tenant("owntexts", Map.of());
        String admin = shop.tenant().admin().accessToken();
        String config = "/api/v1/widget/config?key=" + shop.widgetKey();
        Response before = chat.widget("GET", config, null, ChatFixtures.originOf(shop), null);
        api.patch("/api/v1/settings", admin, Map.of("widget", Map.of("greeting", "Olá!", "offlineMessage", "Volte logo",
                "language", "pt-BR")));
        Response written = chat.widget("GET", config, null, ChatFixtures.originOf(shop), null);

        Response cleared = api.patch("/api/v1/settings", admin, Map.of("widget", Map.of("greeting", "",
                "offlineMessage", " ")));

        assertThat(before.body().path("greeting").isNull()).isTrue();
        assertThat(before.body().path("offlineMessage").isNull()).isTrue();
        assertThat(before.text("language")).isEqualTo("en");
        assertThat(written.text("greeting")).isEqualTo("Olá!");
        assertThat(written.text("offlineMessage")).isEqualTo("Volte logo");
        assertThat(written.text("language")).isEqualTo("pt-BR");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.body().path("widget").has("greeting")).isFalse();
        assertThat(cleared.body().path("widget").has("offlineMessage")).isFalse();
        assertThat(cleared.body().path("defaults").path("widget").has("greeting")).isFalse();
        Response after = chat.widget("GET", config, null, ChatFixtures.originOf(shop), null);
        assertThat(after.body().path("greeting").isNull()).isTrue();
        assertThat(after.body().path("offlineMessage").isNull()).isTrue();
    }

    @Test
    void theSettingsShowWhatAppliesWhereTheAdminChoseNothing() {
        ChatTenant shop = chat.tenant("defaults", Map.of());

        Response view = api.get("/api/v1/settings", shop.tenant().admin().accessToken());

        assertThat(view.body().path("widget").isEmpty()).isTrue();
        assertThat(view.body().path("defaults").path("widget").path("title").asText()).isEqualTo(shop.tenant().name());
        assertThat(view.body().path("defaults").path("widget").path("launcherIcon").asText()).isEqualTo("chat");
        assertThat(view.body().path("defaults").path("chat").path("maxConcurrentChats").asInt()).isEqualTo(5);
        assertThat(view.body().path("defaults").path("chat").path("autoResolveHours").asInt()).isZero();
    }

    @Test
    void aRemovedLogoIsGoneFromTheWidgetAndTheConsole() {
        ChatTenant shop = chat.tenant("nologo", Map.of());
        String admin = shop.tenant().admin().accessToken();
        logo(admin, "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 4 4'><rect width='4' height='4'/></svg>");
        String config = "/api/v1/widget/config?key=" + shop.widgetKey();
        String logoUrl = chat.widget("GET", config, null, ChatFixtures.originOf(shop), null).text("logoUrl");
        assertThat(api.get(logoUrl, null).status()).isEqualTo(200);

        Response removed = api.delete("/api/v1/settings/logo", admin);

        assertThat(removed.status()).isEqualTo(204);
        assertThat(chat.widget("GET", config, null, ChatFixtures.originOf(shop), null).body().path("logoUrl").isNull())
                .isTrue();
        assertThat(api.get(logoUrl, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/branding", admin).body().path("logo").isNull()).isTrue();
        assertThat(api.get("/api/v1/settings/branding", admin).body().path("hasLogo").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/audit?action=branding.logo_removed", admin).body().path("items")).hasSize(1);
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");
        assertThat(api.delete("/api/v1/settings/logo", operator.accessToken()).status()).isEqualTo(403);
    }

    @Test
    void onlyTheWidgetPreviewMayBeFramedAndOnlyByTheConsolesOwnOrigin() {
        Response preview = api.get("/widget/preview.html", null);
        Response console = api.get("/console/", null);

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.header("Content-Security-Policy")).contains("frame-ancestors 'self'")
                .contains("script-src 'self' 'sha256-");
        assertThat(preview.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(preview.raw()).contains("data-parley-preview").doesNotContain("<script>");
        assertThat(console.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(console.header("X-Frame-Options")).isEqualTo("DENY");
    }

    private Response logo(String token, String type, String body) {
        return api.raw("PUT", "/api/v1/settings/logo", token, type, body);
    }
}
