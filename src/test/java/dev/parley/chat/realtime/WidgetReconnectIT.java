package dev.parley.chat.realtime;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.HostSite;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The widget's connection drops (the server closes it, as a restart or a network cut would) while the visitor and
 * the operator both keep writing; afterwards both sides have every message exactly once, in order.
 */
@ParleyIntegrationTest
class WidgetReconnectIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    @Autowired
    RealtimeHub hub;

    @BeforeAll
    static void startBrowser() {
        browsers = new Browsers();
    }

    @AfterAll
    static void stopBrowser() {
        browsers.close();
    }

    @Test
    void afterADropBothSidesHaveEveryMessageExactlyOnceInOrder() throws Exception {
        Api api = new Api(port);
        Fixtures fixtures = new Fixtures(api);
        TenantSetup shop = fixtures.tenant("drop");
        String root = fixtures.superAdmin().accessToken();
        String key = api.get("/api/v1/platform/tenants/" + shop.id(), root).text("widgetKey");
        try (HostSite site = new HostSite(port, key); Tab operatorTab = browsers.open(); Tab visitorTab = browsers.open()) {
            api.patch("/api/v1/platform/tenants/" + shop.id(), root, Map.of("domains", List.of(site.host())));
            Page operator = operatorTab.page();
            operator.navigate(api.url("/console/"));
            operator.getByLabel("Email").fill(shop.admin().email());
            operator.getByLabel("Password").fill(Fixtures.PASSWORD);
            operator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(operator.getByTestId("connection")).hasText("connected");

            Page visitor = visitorTab.page();
            visitor.navigate(site.url("/"));
            visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat")).click();
            Locator box = visitor.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
            box.fill("v1");
            box.press("Enter");
            Locator row = operator.locator("tr.row").first();
            row.click();
            Locator panel = operator.locator("parley-chat-panel");
            assertThat(panel.locator(".msg.VISITOR .body")).hasText("v1");
            String conversation = api.get("/api/v1/conversations?view=all", shop.admin().accessToken())
                    .body().path("items").get(0).path("id").asText();

            // The drop: the server closes the visitor's socket; both sides go on writing at once.
            for (Connection connection : hub.allVisitorConnections()) {
                connection.session().close();
            }
            box.fill("v2 while away");
            box.press("Enter");
            api.post("/api/v1/conversations/" + conversation + "/messages", shop.admin().accessToken(),
                    Map.of("body", "o1 while away", "clientId", "o1"));
            panel.getByLabel("Reply").fill("o2 while away");
            panel.getByLabel("Reply").press("Enter");
            box.fill("v3 after");
            box.press("Enter");

            Locator visitorMessages = visitor.locator("#parley-widget .msg:not(.SYSTEM):not(.pending)");
            assertThat(visitorMessages).hasCount(5);
            List<String> seen = visitorMessages.allInnerTexts().stream().map(t -> t.replaceAll("^.*\\n", "").trim()).toList();
            assertThat(seen).containsExactlyInAnyOrder("v1", "v2 while away", "o1 while away", "o2 while away", "v3 after");
            assertThat(seen.indexOf("v1")).isLessThan(seen.indexOf("v2 while away"));
            assertThat(seen.indexOf("v2 while away")).isLessThan(seen.indexOf("v3 after"));
            assertThat(seen.indexOf("o1 while away")).isLessThan(seen.indexOf("o2 while away"));

            Locator operatorMessages = panel.locator(".msg:not(.SYSTEM) .body");
            assertThat(operatorMessages).hasCount(5);
            assertThat(operatorMessages.allInnerTexts()).containsExactlyInAnyOrderElementsOf(seen);
            List<Integer> seqs = visitor.locator("#parley-widget .msg:not(.pending)").all().stream()
                    .map(m -> Integer.parseInt(m.getAttribute("data-seq"))).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(api.get("/api/v1/conversations/" + conversation + "/messages", shop.admin().accessToken())
                    .body().findValuesAsString("body").stream().filter(b -> !b.contains("joined")).toList())
                    .hasSize(5);
        }
    }
}
