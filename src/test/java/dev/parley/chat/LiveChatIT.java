package dev.parley.chat;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** A visitor on a tenant's site chats with an operator in the console, both in real browsers. */
@ParleyIntegrationTest
class LiveChatIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    TenantSetup shop;
    HostSite site;
    HostSite foreign;
    List<Tab> tabs = new ArrayList<>();

    @BeforeAll
    static void startBrowser() {
        browsers = new Browsers();
    }

    @AfterAll
    static void stopBrowser() {
        browsers.close();
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        shop = fixtures.tenant("chat");
        String root = fixtures.superAdmin().accessToken();
        String key = api.get("/api/v1/platform/tenants/" + shop.id(), root).text("widgetKey");
        site = new HostSite(port, key);
        foreign = new HostSite(port, key);
        api.patch("/api/v1/platform/tenants/" + shop.id(), root, Map.of("domains", List.of(site.host())));
    }

    @AfterEach
    void tearDown() {
        tabs.forEach(Tab::close);
        site.close();
        foreign.close();
    }

    @Test
    void aVisitorAndAnOperatorChatInRealTime() {
        Page operator = operatorConsole();
        Page visitor = visitorPage();
        visitor.evaluate("Parley.identify({name: 'Vera Visitor', email: 'vera@example.com'})");

        openWidget(visitor);
        send(visitor, "Hello, is my order on its way?");

        Locator row = operator.locator("tr.row", new Page.LocatorOptions().setHasText("Vera Visitor"));
        assertThat(row).isVisible();
        row.click();
        Locator panel = operator.locator("parley-chat-panel");
        assertThat(panel.locator(".msg.VISITOR .body")).hasText("Hello, is my order on its way?");
        assertThat(panel.getByTestId("chat-title")).hasText("Vera Visitor");

        panel.getByLabel("Reply").fill("Yes, it ships today.");
        panel.getByLabel("Reply").press("Enter");

        Locator reply = visitor.locator("#parley-widget .msg.OPERATOR");
        assertThat(reply).containsText("Yes, it ships today.");
        assertThat(reply.locator(".who")).hasText("Admin of " + shop.slug());
        assertThat(visitor.locator("#parley-widget header p")).containsText("Admin of " + shop.slug());
    }

    @Test
    void htmlFromAVisitorIsShownAsTextInTheConsole() {
        Page operator = operatorConsole();
        List<String> dialogs = new ArrayList<>();
        operator.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        Page visitor = visitorPage();
        openWidget(visitor);

        send(visitor, "<img src=x onerror=alert(1)>");

        Locator row = operator.locator("tr.row").first();
        assertThat(row).containsText("<img src=x onerror=alert(1)>");
        row.click();
        assertThat(operator.locator("parley-chat-panel .msg.VISITOR .body")).hasText("<img src=x onerror=alert(1)>");
        assertThat(operator.locator("parley-chat-panel img")).hasCount(0);
        assertThat(visitor.locator("#parley-widget .msg.VISITOR")).hasText("<img src=x onerror=alert(1)>");
        assertThat(dialogs).isEmpty();
    }

    @Test
    void oneOperatorHandlesTwoVisitorsInTwoOpenChats() {
        Page operator = operatorConsole();
        Page first = visitorPage();
        first.evaluate("Parley.identify({name: 'First Visitor'})");
        Page second = visitorPage();
        second.evaluate("Parley.identify({name: 'Second Visitor'})");
        openWidget(first);
        openWidget(second);
        send(first, "Question one");
        send(second, "Question two");

        assertThat(operator.locator("tr.row")).hasCount(2);
        operator.locator("tr.row", new Page.LocatorOptions().setHasText("First Visitor")).click();
        operator.locator("tr.row", new Page.LocatorOptions().setHasText("Second Visitor")).click();
        Locator firstChat = operator.locator("parley-chat-panel", new Page.LocatorOptions().setHasText("First Visitor"));
        Locator secondChat = operator.locator("parley-chat-panel", new Page.LocatorOptions().setHasText("Second Visitor"));
        assertThat(operator.locator("parley-chat-panel")).hasCount(2);

        secondChat.getByLabel("Reply").fill("Answer two");
        secondChat.getByLabel("Reply").press("Enter");
        firstChat.getByLabel("Reply").fill("Answer one");
        firstChat.getByLabel("Reply").press("Enter");
        send(first, "Thanks!");

        assertThat(first.locator("#parley-widget .msg.OPERATOR")).containsText("Answer one");
        assertThat(second.locator("#parley-widget .msg.OPERATOR")).containsText("Answer two");
        assertThat(first.locator("#parley-widget")).not().containsText("Answer two");
        assertThat(second.locator("#parley-widget")).not().containsText("Answer one");
        assertThat(firstChat.locator(".msg.VISITOR .body").last()).hasText("Thanks!");
        assertThat(secondChat.locator(".messages")).not().containsText("Thanks!");
        operator.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/two-chats.png")));
    }

    @Test
    void theVisitorKeepsTheConversationAcrossPageLoads() {
        operatorConsole();
        Page visitor = visitorPage();
        openWidget(visitor);
        send(visitor, "Remember me");
        assertThat(visitor.locator("#parley-widget .msg.VISITOR")).hasText("Remember me");

        visitor.navigate(site.url("/another-page"));
        openWidget(visitor);

        assertThat(visitor.locator("#parley-widget .msg.VISITOR")).hasText("Remember me");
    }

    @Test
    void theHostPagesStylesDoNotReachTheWidget() {
        operatorConsole();
        Page visitor = visitorPage();

        // The host page says "button { background: red !important } div { font-size: 40px }".
        Object launcher = visitor.evaluate("getComputedStyle(document.querySelector('#parley-widget').shadowRoot"
                + ".querySelector('.launcher')).backgroundColor");
        openWidget(visitor);
        Object bubbleSize = visitor.evaluate("getComputedStyle(document.querySelector('#parley-widget').shadowRoot"
                + ".querySelector('.messages')).fontSize");

        assertThat(launcher).isEqualTo("rgb(59, 91, 219)");
        assertThat(bubbleSize).isEqualTo("14px");
        assertThat(visitor.locator("h1").evaluate("e => getComputedStyle(e).fontFamily").toString())
                .doesNotContain("system-ui");
    }

    @Test
    void outsideWorkingHoursTheWidgetOffersOnlyTheOfflineForm() {
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Pacific/Kiritimati")).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Pacific/Kiritimati")).plusDays(1).toString();
        api.put("/api/v1/settings/hours", shop.admin().accessToken(), Map.of("timezone", "Pacific/Kiritimati",
                "weekly", Map.of("mon", List.of(List.of("09:00", "17:00"))), "holidays", List.of(today, tomorrow)));
        operatorConsole();

        Page visitor = visitorPage();
        openWidget(visitor);

        assertThat(visitor.getByLabel("Your email")).isVisible();
        assertThat(visitor.getByLabel("Message", new Page.GetByLabelOptions().setExact(true))).hasCount(0);
        assertThat(visitor.locator("#parley-widget header p")).hasText("We are away right now");
    }

    @Test
    void theWidgetWearsTheTenantsColour() {
        api.put("/api/v1/settings/branding", shop.admin().accessToken(), Map.of("primaryColor", "#0b7285"));
        api.raw("PUT", "/api/v1/settings/logo", shop.admin().accessToken(), "image/svg+xml",
                "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><rect width='10' height='10' fill='teal'/></svg>");
        Page console = operatorConsole();

        Page visitor = visitorPage();

        assertThat(console.getByAltText(shop.name() + " logo")).isVisible();
        assertThat(console.locator("parley-console").evaluate(
                "e => getComputedStyle(e.shadowRoot.querySelector('button.secondary')).color")).isEqualTo("rgb(11, 114, 133)");
        openWidget(visitor);
        assertThat(visitor.locator("#parley-widget header img.logo")).isVisible();

        assertThat(visitor.evaluate("getComputedStyle(document.querySelector('#parley-widget').shadowRoot"
                + ".querySelector('.launcher')).backgroundColor")).isEqualTo("rgb(11, 114, 133)");
    }

    @Test
    void aPageOnADisallowedOriginGetsNoWidget() {
        Tab tab = open();
        tab.page().navigate(foreign.url("/"));
        tab.page().waitForTimeout(1500);

        assertThat(tab.page().locator("#parley-widget")).hasCount(0);
    }

    @Test
    void withNoOperatorOnlineTheVisitorLeavesAMessageThatOperatorsFind() {
        Page visitor = visitorPage();
        openWidget(visitor);
        visitor.getByLabel("Your email").fill("later@example.com");
        visitor.getByLabel("Your message").fill("Call me back please");
        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(visitor.locator("#parley-widget")).containsText("Thanks! We got your message");

        Page operator = operatorConsole();
        Locator row = operator.locator("tr.row", new Page.LocatorOptions().setHasText("later@example.com"));
        assertThat(row).containsText("offline");
        assertThat(row).containsText("Call me back please");
    }

    @Test
    void theTeamDefaultAndEachOperatorsOwnChoiceShapeTheListColumns() {
        Fixtures.Session colleague = fixtures.member(shop, "OPERATOR");
        Page admin = operatorConsole();
        Page visitor = visitorPage();
        visitor.evaluate("Parley.identify({name: 'Col Visitor', email: 'col@example.com'})");
        openWidget(visitor);
        send(visitor, "columns please");
        assertThat(admin.locator("tr.row")).hasCount(1);
        assertThat(admin.locator("th")).containsText(new String[] {"Visitor", "Last message", "Waiting", "Assignee", "Status"});

        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Columns")).click();
        admin.getByLabel("Show Assignee").uncheck();
        admin.getByLabel("Show Email").check();
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as team default")).click();

        assertThat(admin.locator("th")).containsText(new String[] {"Visitor", "Last message", "Waiting", "Status", "Email"});
        assertThat(admin.locator("td[data-column=email]")).containsText("col@example.com");
        Page operator = operatorConsole(colleague.email());
        assertThat(operator.locator("th")).containsText(new String[] {"Visitor", "Last message", "Waiting", "Status", "Email"});

        operator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Columns")).click();
        operator.getByLabel("Show Last message").uncheck();
        operator.getByLabel("Show Waiting").uncheck();
        operator.getByLabel("Move Email up").click();
        operator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save for me")).click();

        assertThat(operator.locator("th")).containsText(new String[] {"Visitor", "Email", "Status"});
        assertThat(operator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as team default")))
                .hasCount(0);
        admin.reload();
        assertThat(admin.locator("th")).containsText(new String[] {"Visitor", "Last message", "Waiting", "Status", "Email"});
    }

    @Test
    void switchingTenantsShowsOnlyTheOtherTenantsConversations() {
        TenantSetup other = fixtures.tenant("other");
        Api.Response invited = api.post("/api/v1/users/invitations", other.admin().accessToken(),
                Map.of("email", shop.admin().email(), "role", "OPERATOR"));
        api.post("/api/v1/invitations/accept", null,
                Map.of("token", Fixtures.tokenOf(invited.text("link")), "password", Fixtures.PASSWORD));
        Page operator = operatorConsole();
        Page visitor = visitorPage();
        visitor.evaluate("Parley.identify({name: 'Shop Visitor'})");
        openWidget(visitor);
        send(visitor, "a question for the shop");
        assertThat(operator.locator("tr.row", new Page.LocatorOptions().setHasText("Shop Visitor"))).isVisible();

        operator.getByLabel("Tenant").selectOption(other.id().toString());

        assertThat(operator.getByTestId("tenant-name")).hasText(other.name());
        assertThat(operator.getByTestId("connection")).hasText("connected");
        assertThat(operator.locator("tr.row")).hasCount(0);
        send(visitor, "another question for the shop");
        operator.waitForTimeout(1000);
        assertThat(operator.locator("tr.row")).hasCount(0);
        assertThat(operator.locator("body")).not().containsText("Shop Visitor");
    }

    @Test
    void typingUnreadBadgeAndTheMessageCallbackWorkBothWays() {
        Page operator = operatorConsole();
        Page visitor = visitorPage();
        visitor.evaluate("window.received = []; Parley.on('message', m => window.received.push(m.body))");
        visitor.evaluate("Parley.identify({name: 'Tia Typist'})");
        openWidget(visitor);
        send(visitor, "first");
        operator.locator("tr.row", new Page.LocatorOptions().setHasText("Tia Typist")).click();
        Locator panel = operator.locator("parley-chat-panel");

        visitor.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).pressSequentially("still typ");
        assertThat(panel.locator(".typing")).hasText("Tia Typist is typing…");
        panel.getByLabel("Reply").pressSequentially("ok");
        assertThat(visitor.locator("#parley-widget .status")).containsText("is typing…");

        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close chat")).click();
        panel.getByLabel("Reply").fill("Are you still there?");
        panel.getByLabel("Reply").press("Enter");

        assertThat(visitor.getByLabel("Unread messages")).hasText("1");
        assertThat(visitor.locator("#parley-widget .window")).isHidden();
        visitor.evaluate("Parley.open()");
        assertThat(visitor.locator("#parley-widget .window")).isVisible();
        assertThat(visitor.getByLabel("Unread messages")).isHidden();
        Object received = visitor.evaluate("window.received");
        assertThat(received.toString()).contains("Are you still there?");
    }

    @Test
    void aPrechatFormAsksWhatTheTenantWantsAndOperatorsSeeTheName() {
        String root = fixtures.superAdmin().accessToken();
        api.patch("/api/v1/platform/tenants/" + shop.id(), root, Map.of("settings",
                Map.of("widget", Map.of("prechatFields", List.of("name", "email"), "prechatRequired", List.of("email")))));
        Page operator = operatorConsole();
        Page visitor = visitorPage();
        openWidget(visitor);

        visitor.getByLabel("Your name").fill("Penny Prechat");
        visitor.getByLabel("Your email").fill("penny@example.com");
        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start chat")).click();
        send(visitor, "hello after the form");

        Locator row = operator.locator("tr.row", new Page.LocatorOptions().setHasText("Penny Prechat"));
        assertThat(row).containsText("hello after the form");
        row.click();
        assertThat(operator.locator("parley-chat-panel .visitor")).containsText("penny@example.com");
    }

    private Page operatorConsole() {
        return operatorConsole(shop.admin().email());
    }

    private Page operatorConsole(String email) {
        Page page = open().page();
        page.navigate(api.url("/console/"));
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(Fixtures.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByTestId("connection")).hasText("connected");
        return page;
    }

    private Page visitorPage() {
        Page page = open().page();
        page.navigate(site.url("/"));
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat"))).isVisible();
        return page;
    }

    private static void openWidget(Page visitor) {
        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat")).click();
    }

    private static void send(Page visitor, String text) {
        Locator box = visitor.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));

        box.fill(text);
        box.press("Enter");
    }

    private Tab open() {
        Tab tab = browsers.open();
        tabs.add(tab);
        return tab;
    }
}
