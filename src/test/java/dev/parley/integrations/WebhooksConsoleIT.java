package dev.parley.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.integrations.internal.WebhookSignature;
import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A tenant admin adds a webhook endpoint in the console, copies its secret (shown once), sends a test event and sees
 * it delivered with a 200 in the log; a Basic tenant's admin is told webhooks come with Professional.
 */
@ParleyIntegrationTest
class WebhooksConsoleIT {

    static Browsers browsers;
    static WireMockServer receiver;

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;

    @BeforeAll
    static void start() {
        browsers = new Browsers();
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        receiver.stop();
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
    }

    @Test
    void anAdminAddsAnEndpointSeesItsSecretOnceAndSeesTheTestEventDelivered() {
        TenantSetup shop = fixtures.tenant("hooks-console");
        String path = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(ok()));
        String url = "http://127.0.0.1:" + receiver.port() + path;

        try (Tab tab = browsers.open()) {
            tab.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
            Page page = tab.page();
            page.navigate(api.url("/console/#/webhooks"));
            signIn(page, shop.admin().email());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Webhooks")).click();
            assertThat(page.getByText("No endpoints yet.")).isVisible();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint")).first().click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Endpoint URL").fill("http://hooks.example.com/in");
            dialog.getByLabel("Description").fill("Order system");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add endpoint")).click();
            assertThat(dialog.getByText("Choose at least one event.")).isVisible();
            dialog.getByLabel("usage.threshold_reached").check();
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add endpoint")).click();
            assertThat(dialog.getByText("must use https")).isVisible();
            dialog.getByLabel("Endpoint URL").fill(url);
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add endpoint")).click();

            Locator secretBox = page.getByTestId("webhook-secret");
            assertThat(secretBox).containsText("shown only this once");
            String secret = page.getByLabel("Signing secret").inputValue();
            assertThat(secret).startsWith("whsec_");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy")).click();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copied"))).isVisible();
            assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(secret);
            Locator row = page.locator("tr[data-url='" + url + "']");
            assertThat(row).containsText("Order system");
            assertThat(row.getByTestId("endpoint-status")).hasText("Enabled");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/webhooks-secret.png"))
                    .setFullPage(true));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Done")).click();
            assertThat(secretBox).hasCount(0);

            page.reload();
            assertThat(row).isVisible();
            assertThat(page.locator("body")).not().containsText("whsec_");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send test")).click();

            Locator delivery = page.locator("tr[data-delivery]").first();
            assertThat(delivery).containsText("ping");
            assertThat(delivery.getByTestId("delivery-status")).hasText("Succeeded");
            assertThat(delivery.getByTestId("delivery-code")).hasText("200");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/webhooks-deliveries.png"))
                    .setFullPage(true));
            delivery.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Data")).click();
            assertThat(page.locator("tr.data pre")).containsText("\"type\": \"ping\"");
            delivery.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry the ping delivery"))
                    .click();
            assertThat(delivery.locator("td").nth(4)).hasText("2");
            assertThat(delivery.getByTestId("delivery-status")).hasText("Succeeded");
            List<LoggedRequest> received = await().atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), r -> r.size() == 2);
            LoggedRequest ping = received.get(0);
            String signature = ping.getHeader(WebhookSignature.HEADER);
            String t = signature.substring(2, signature.indexOf(','));
            assertThat(signature).endsWith("v1=" + WebhookSignature.hmac(secret, t + "." + ping.getBodyAsString()));

            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable")).click();
            assertThat(row.getByTestId("endpoint-status")).hasText("Disabled");
            assertThat(tab.errors()).as("only the refused http URL, answered 400 on purpose")
                    .allMatch(error -> error.contains("status of 400"));
        }
    }

    @Test
    void aBasicAdminIsToldWebhooksComeWithProfessional() {
        TenantSetup shop = fixtures.tenant("hooks-basic");
        api.put("/api/v1/platform/tenants/" + shop.id() + "/plan", fixtures.superAdmin().accessToken(),
                Map.of("planId", "basic"));

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            page.navigate(api.url("/console/#/webhooks"));
            signIn(page, shop.admin().email());
            assertThat(page.getByTestId("webhooks-locked"))
                    .containsText("Webhooks are part of Professional and Enterprise");
            assertThat(page.getByTestId("webhooks-locked")).containsText("Your plan is Basic");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint")))
                    .hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/webhooks-basic.png")));
        }
    }

    private static void signIn(Page page, String email) {
        ConsoleSignIn.fill(page, email, Fixtures.PASSWORD);
        assertThat(page.getByTestId("user-email")).hasText(email);
    }
}
