package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.Socket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The tenant dashboard's figures: only the tenant's own conversations, days in its time zone, tenant admins only. */
@ParleyIntegrationTest
class DashboardApiIT {

    @LocalServerPort
    int port;

    @Autowired
    PlatformTransactions platform;

    @Autowired
    JdbcClient db;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;
    ChatTraffic traffic;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        chat = new ChatFixtures(api);
        traffic = new ChatTraffic(api, platform, db);
    }

    @Test
    void theFiguresCountThisTenantsConversationsAndNoOtherTenants() {
        ChatTenant shop = chat.tenant("dash", Map.of());
        ChatTenant other = chat.tenant("dash-other", Map.of());
        String admin = shop.tenant().admin().accessToken();
        UUID waiting = traffic.start(shop, "is anyone there?");
        UUID answered = traffic.start(shop, "what does shipping cost?");
        UUID done = traffic.start(shop, "where is my order?");
        UUID offline = traffic.offline(shop, "call me back tomorrow");
        traffic.reply(admin, answered, "Shipping is free over 50 EUR.", false);
        traffic.reply(admin, done, "It left the warehouse today.", false);
        traffic.resolve(admin, done);
        String otherAdmin = other.tenant().admin().accessToken();
        for (int i = 0; i < 3; i++) {
            UUID elsewhere = traffic.start(other, "hello from the other shop " + i);
            traffic.reply(otherAdmin, elsewhere, "hi", false);
            traffic.resolve(otherAdmin, elsewhere);
        }

        Response dashboard = api.get("/api/v1/dashboard", admin);

        assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(200);
        JsonNode d = dashboard.body();
        assertThat(d.path("timeZone").asText()).isEqualTo("UTC");
        assertThat(d.path("conversations").path("today").asLong()).isEqualTo(4);
        assertThat(d.path("conversations").path("thisMonth").asLong()).isEqualTo(4);
        assertThat(d.path("open").path("queued").asLong()).as("the live chat nobody has answered").isEqualTo(1);
        assertThat(d.path("open").path("assigned").asLong()).isEqualTo(1);
        assertThat(d.path("resolvedToday").asLong()).isEqualTo(1);
        assertThat(d.path("offlineMessages").path("today").asLong()).isEqualTo(1);
        assertThat(d.path("offlineMessages").path("waiting").asLong()).isEqualTo(1);
        assertThat(d.path("last7Days").path("firstResponses").asLong()).isEqualTo(2);
        assertThat(d.path("last7Days").path("resolutions").asLong()).isEqualTo(1);
        assertThat(d.path("perDay")).hasSize(14);
        assertThat(d.path("perDay").get(13).path("date").asText()).isEqualTo(d.path("today").asText());
        assertThat(d.path("perDay").get(13).path("conversations").asLong()).isEqualTo(4);
        assertThat(ids(d.path("recent"))).containsExactly(offline.toString(), done.toString(), answered.toString(),
                waiting.toString());
        assertThat(d.path("operators").path("total").asLong()).isEqualTo(1);
        assertThat(d.path("operators").path("online").asLong()).isZero();
        Response theirs = api.get("/api/v1/dashboard", otherAdmin);
        assertThat(theirs.body().path("conversations").path("today").asLong()).isEqualTo(3);
        assertThat(theirs.body().path("resolvedToday").asLong()).isEqualTo(3);
        assertThat(ids(theirs.body().path("recent"))).doesNotContain(waiting.toString(), answered.toString(),
                done.toString(), offline.toString());
    }

    @Test
    void daysStartAtMidnightInTheTenantsTimeZone() {
        ChatTenant shop = chat.tenant("dash-zone", Map.of());
        String admin = shop.tenant().admin().accessToken();
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
        setTimeZone(admin, kiritimati);
        LocalDate today = LocalDate.now(kiritimati);
        Instant midnight = today.atStartOfDay(kiritimati).toInstant();
        UUID justAfter = traffic.start(shop, "just after midnight");
        UUID justBefore = traffic.start(shop, "just before midnight");
        traffic.startedAt(shop.tenant().id(), justAfter, midnight.plusSeconds(60));
        traffic.startedAt(shop.tenant().id(), justBefore, midnight.minusSeconds(60));

        JsonNode d = api.get("/api/v1/dashboard", admin).body();

        // Local midnight in UTC+14 is 10:00 UTC: a count by UTC days would see both today or both yesterday.
        assertThat(d.path("timeZone").asText()).isEqualTo("Pacific/Kiritimati");
        assertThat(d.path("today").asText()).isEqualTo(today.toString());
        assertThat(d.path("conversations").path("today").asLong()).isEqualTo(1);
        assertThat(d.path("conversations").path("thisMonth").asLong()).isEqualTo(today.getDayOfMonth() == 1 ? 1 : 2);
        assertThat(countOn(d, today)).isEqualTo(1);
        assertThat(countOn(d, today.minusDays(1))).isEqualTo(1);

        ZoneId pagoPago = ZoneId.of("Pacific/Pago_Pago");
        setTimeZone(admin, pagoPago);
        JsonNode there = api.get("/api/v1/dashboard", admin).body();

        // In UTC-11 the same two minutes are 22:59 and 23:01 of one evening: the same day's bar.
        LocalDate evening = midnight.atZone(pagoPago).toLocalDate();
        assertThat(there.path("timeZone").asText()).isEqualTo("Pacific/Pago_Pago");
        assertThat(countOn(there, evening)).isEqualTo(2);
    }

    @Test
    void withoutWorkingHoursDaysAreCountedInTheZoneGivenAtProvisioning() {
        ChatTenant shop = chat.tenant("dash-provisioned", Map.of("timezone", "Asia/Tokyo"));

        JsonNode d = api.get("/api/v1/dashboard", shop.tenant().admin().accessToken()).body();

        assertThat(d.path("timeZone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(d.path("today").asText()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Tokyo")).toString());
    }

    @Test
    void averagesCoverTheLiveChatsOfTheLastSevenDays() {
        ChatTenant shop = chat.tenant("dash-avg", Map.of());
        String admin = shop.tenant().admin().accessToken();
        UUID tenant = shop.tenant().id();
        Instant now = Instant.now();
        UUID first = traffic.start(shop, "first");
        traffic.reply(admin, first, "a private note is no answer", true);
        traffic.reply(admin, first, "answer", false);
        traffic.resolve(admin, first);
        Instant firstStart = now.minus(Duration.ofHours(1));
        traffic.startedAt(tenant, first, firstStart);
        traffic.operatorMessagesAt(tenant, first, true, firstStart.plusSeconds(10));
        traffic.operatorMessagesAt(tenant, first, false, firstStart.plusSeconds(60));
        traffic.resolvedAt(tenant, first, firstStart.plusSeconds(600));
        UUID second = traffic.start(shop, "second");
        traffic.reply(admin, second, "answer", false);
        traffic.resolve(admin, second);
        Instant secondStart = now.minus(Duration.ofHours(2));
        traffic.startedAt(tenant, second, secondStart);
        traffic.operatorMessagesAt(tenant, second, false, secondStart.plusSeconds(180));
        traffic.resolvedAt(tenant, second, secondStart.plusSeconds(1200));
        UUID old = traffic.start(shop, "eight days ago");
        traffic.reply(admin, old, "answer", false);
        traffic.resolve(admin, old);
        Instant oldStart = now.minus(Duration.ofDays(8));
        traffic.startedAt(tenant, old, oldStart);
        traffic.operatorMessagesAt(tenant, old, false, oldStart.plusSeconds(5));
        traffic.resolvedAt(tenant, old, oldStart.plusSeconds(10));
        UUID offline = traffic.offline(shop, "answered by email a day later");
        traffic.reply(admin, offline, "noted", false);
        traffic.resolve(admin, offline);
        traffic.startedAt(tenant, offline, now.minus(Duration.ofDays(1)));

        JsonNode averages = api.get("/api/v1/dashboard", admin).body().path("last7Days");

        assertThat(averages.path("firstResponses").asLong()).isEqualTo(2);
        assertThat(averages.path("firstResponseSeconds").asDouble()).isEqualTo(120.0);
        assertThat(averages.path("resolutions").asLong()).isEqualTo(2);
        assertThat(averages.path("resolutionSeconds").asDouble()).isEqualTo(900.0);
    }

    @Test
    void withoutChatsTheAveragesAreEmptyRatherThanZero() {
        ChatTenant shop = chat.tenant("dash-empty", Map.of());

        JsonNode d = api.get("/api/v1/dashboard", shop.tenant().admin().accessToken()).body();

        assertThat(d.path("last7Days").path("firstResponseSeconds").isNull()).isTrue();
        assertThat(d.path("last7Days").path("resolutionSeconds").isNull()).isTrue();
        assertThat(d.path("conversations").path("today").asLong()).isZero();
        assertThat(d.path("recent")).isEmpty();
    }

    @Test
    void operatorsOnlineAreThoseWithTheConsoleOpenAndOnline() {
        ChatTenant shop = chat.tenant("dash-online", Map.of());
        String admin = shop.tenant().admin().accessToken();
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");

        try (Socket console = Socket.operator(port, operator.accessToken())) {
            console.await("hello");
            JsonNode online = api.get("/api/v1/dashboard", admin).body().path("operators");
            assertThat(online.path("online").asLong()).isEqualTo(1);
            assertThat(online.path("total").asLong()).isEqualTo(2);
            assertThat(presenceOf(online, operator.userId())).isEqualTo("ONLINE");

            console.send(Map.of("type", "presence", "presence", "AWAY"));
            console.await(f -> "presence".equals(f.path("type").asString())
                    && "AWAY".equals(f.path("presence").asString()));
            JsonNode away = api.get("/api/v1/operators/presence", operator.accessToken()).body();
            assertThat(away.path("online").asLong()).isZero();
            assertThat(presenceOf(away, operator.userId())).isEqualTo("AWAY");
        }
        JsonNode gone = eventually(() -> api.get("/api/v1/operators/presence", admin).body(),
                p -> "OFFLINE".equals(presenceOf(p, operator.userId())));
        assertThat(gone.path("online").asLong()).isZero();
    }

    @Test
    void onlyTenantAdminsReadTheDashboard() {
        ChatTenant shop = chat.tenant("dash-roles", Map.of());
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");
        Session adminOperator = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");

        Response asOperator = api.get("/api/v1/dashboard", operator.accessToken());
        Response asAdminOperator = api.get("/api/v1/dashboard", adminOperator.accessToken());
        Response anonymous = api.get("/api/v1/dashboard", null);

        assertThat(asOperator.status()).isEqualTo(403);
        assertThat(asOperator.code()).isEqualTo("FORBIDDEN");
        assertThat(asAdminOperator.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/dashboard", shop.tenant().admin().accessToken()).status()).isEqualTo(200);
    }

    private void setTimeZone(String admin, ZoneId zone) {
        Map<String, Object> everyDay = new java.util.LinkedHashMap<>();
        for (String day : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            everyDay.put(day, List.of(List.of("00:00", "24:00")));
        }
        Response hours = api.put("/api/v1/settings/hours", admin,
                Map.of("timezone", zone.getId(), "weekly", everyDay, "holidays", List.of()));
        assertThat(hours.status()).as(hours.toString()).isEqualTo(200);
    }

    private static long countOn(JsonNode dashboard, LocalDate date) {
        for (JsonNode day : dashboard.path("perDay")) {
            if (day.path("date").asText().equals(date.toString())) {
                return day.path("conversations").asLong();
            }
        }
        throw new AssertionError(date + " is not in the chart: " + dashboard.path("perDay"));
    }

    private static List<String> ids(JsonNode conversations) {
        List<String> ids = new ArrayList<>();
        conversations.forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private static String presenceOf(JsonNode operators, UUID user) {
        for (JsonNode person : operators.path("people")) {
            if (person.path("userId").asText().equals(user.toString())) {
                return person.path("presence").asText();
            }
        }
        return null;
    }

    private static JsonNode eventually(java.util.function.Supplier<JsonNode> read, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode last = read.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            last = read.get();
        }
        return last;
    }
}
