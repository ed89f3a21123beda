package dev.parley.followups;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Follow-ups in a real browser: scheduled from a chat through the modal (with the missing-phone alert), found in the
 * calendar's month and day views, completed with an outcome; a regular operator sees none of it.
 */
@ParleyIntegrationTest
class FollowUpsConsoleIT {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static Browsers browsers;

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    FollowUpFixtures followUps;

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
        followUps = new FollowUpFixtures(api);
    }

    @Test
    void anAdminOperatorSchedulesAFollowUpFromAChatFindsItInTheCalendarAndCompletesIt() {
        ChatTenant shop = followUps.tenant("fu-console");
        Session adminOperator = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        UUID conversation = followUps.conversation(shop, "Eve Example", "eve@example.com", null);
        LocalDate day = LocalDate.now(NEW_YORK).plusDays(1);

        try (Tab tab = browsers.openIn(NEW_YORK.getId())) {
            Page page = signIn(tab, shop, adminOperator.email());
            page.navigate(api.url("/console/#/inbox/" + conversation));
            Locator panel = page.locator("parley-chat-panel");
            assertThat(panel.getByTestId("chat-title")).hasText("Eve Example");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/chat-panel-admin-operator.png")));

            panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Schedule follow-up")).click();
            Locator modal = page.locator("parley-followup-modal dialog");
            assertThat(modal).isVisible();
            assertThat(modal.getByTestId("contact-email")).hasText("eve@example.com");
            assertThat(modal.getByTestId("contact-phone")).hasText("No phone number");
            modal.getByLabel("Date and time").fill(day + "T14:30");
            modal.getByLabel("Type").selectOption("CALL");
            Locator alert = modal.getByTestId("contact-alert");
            assertThat(alert).containsText("This contact has no phone number: add one before scheduling a call.");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followup-modal-missing-phone.png")));

            var answer = page.waitForResponse(r -> r.url().endsWith("/api/v1/followups") && "POST".equals(r.request().method()),
                    () -> modal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Schedule").setExact(true)).click());
            assertThat(answer.status()).isEqualTo(422);
            assertThat(alert).containsText("This contact has no phone number"); // the server says the same
            assertThat(modal.getByRole(AriaRole.HEADING)).hasText("Schedule follow-up");

            modal.getByLabel("Type").selectOption("EMAIL");
            assertThat(alert).hasCount(0);
            assertThat(modal.getByLabel("Channel")).hasValue("EMAIL");
            modal.getByLabel("Notes").fill("Send the return label and confirm the refund.");
            modal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Schedule").setExact(true)).click();
            assertThat(modal.getByRole(AriaRole.HEADING)).hasText("Follow-up scheduled");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followup-modal-scheduled.png")));
            modal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done")).click();

            JsonNode created = api.get("/api/v1/followups?conversationId=" + conversation, adminOperator.accessToken())
                    .body().path("items").get(0);
            assertThat(Instant.parse(created.path("scheduledAt").asString()))
                    .as("14:30 in New York, stored in UTC").isEqualTo(day.atTime(LocalTime.of(14, 30)).atZone(NEW_YORK).toInstant());
            assertThat(created.path("type").asString()).isEqualTo("EMAIL");
            String id = created.path("id").asString();

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Follow-ups")).click();
            Locator month = page.getByTestId("month");
            Locator chip = month.locator("a.chip[data-id='" + id + "']");
            assertThat(chip).containsText("Eve Example");
            assertThat(chip).containsText("02:30");
            assertThat(chip).hasClass(Pattern.compile("SCHEDULED"));
            assertThat(month.locator(".cell.today")).hasCount(1);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followups-month.png")).setFullPage(true));

            month.locator(".cell", new Locator.LocatorOptions().setHas(page.locator("a.chip[data-id='" + id + "']")))
                    .locator("button.day").click();
            Locator dayView = page.getByTestId("day");
            assertThat(dayView.locator("a.chip[data-id='" + id + "']")).containsText("Email · Eve Example");
            assertThat(page.getByTestId("calendar-title")).containsText(String.valueOf(day.getDayOfMonth()));
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followups-day.png")));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Week")).click();
            assertThat(page.getByTestId("week").locator("a.chip[data-id='" + id + "']")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followups-week.png")));

            page.getByTestId("week").locator("a.chip[data-id='" + id + "']").click();
            assertThat(page).hasURL(Pattern.compile("#/followups/" + id + "$"));
            Locator detail = page.locator("parley-followup-detail");
            assertThat(detail.getByTestId("followup-status")).hasText("Scheduled");
            assertThat(detail).containsText("eve@example.com");
            assertThat(detail.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("Open chat #"))))
                    .hasAttribute("href", "#/inbox/" + conversation);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followup-detail-scheduled.png")).setFullPage(true));
            detail.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark completed")).click();
            detail.getByLabel("Outcome", new Locator.GetByLabelOptions().setExact(true)).selectOption("REACHED");
            detail.getByLabel("Outcome notes").fill("Label sent; refund confirmed by mail.");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followup-detail-completing.png")).setFullPage(true));
            detail.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Complete follow-up")).click();
            assertThat(detail.getByTestId("followup-status")).hasText("Completed");
            assertThat(detail.getByTestId("followup-outcome")).hasText("Reached — Label sent; refund confirmed by mail.");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followup-detail-completed.png")).setFullPage(true));

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("List")).click();
            assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Follow-ups"))).containsText("Eve Example");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followups-list.png")).setFullPage(true));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Report")).click();
            page.locator("parley-followup-report").getByLabel("To").fill(day.toString()); // the report goes by scheduled time
            assertThat(page.getByTestId("report-completed")).hasText("1");
            assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("By type"))).containsText("Email");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followups-report.png")).setFullPage(true));
            assertThat(tab.errors()).as("only the refusals the test asked for")
                    .allMatch(error -> error.startsWith("Failed to load resource: the server responded with a status of 4"));
        }
        assertThat(api.get("/api/v1/followups?conversationId=" + conversation, adminOperator.accessToken())
                .body().path("items").get(0).path("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void anAdminAddsTheMissingPhoneNumberInTheModalAndSchedulesTheCall() {
        ChatTenant shop = followUps.tenant("fu-console-phone");
        UUID conversation = followUps.conversation(shop, "Phil Nophone", "phil@example.com", null);

        try (Tab tab = browsers.open()) {
            Page page = signIn(tab, shop, shop.tenant().admin().email());
            page.navigate(api.url("/console/#/inbox/" + conversation));
            Locator panel = page.locator("parley-chat-panel");
            panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit details")).click();
            Locator editor = panel.locator("parley-contact-editor");
            editor.getByLabel("Email").fill("phil.n@example.com");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/chat-panel-contact-editor.png")));
            editor.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save contact")).click();
            assertThat(panel.getByLabel("Visitor")).containsText("phil.n@example.com");
            assertThat(editor).hasCount(0);

            panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Schedule follow-up")).click();
            Locator modal = page.locator("parley-followup-modal dialog");
            assertThat(modal.getByTestId("contact-email")).hasText("phil.n@example.com");
            Locator alert = modal.getByTestId("contact-alert");
            assertThat(alert).containsText("no phone number");

            modal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add phone number")).click();
            modal.getByLabel("Phone").fill("call me");
            modal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save contact")).click();
            assertThat(modal.locator("parley-contact-editor .field-error")).containsText("Phone must be a phone number");
            modal.getByLabel("Phone").fill("+1 (212) 555-0147");
            modal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save contact")).click();
            assertThat(modal.getByTestId("contact-phone")).hasText("+1 (212) 555-0147");
            assertThat(alert).hasCount(0);
            modal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Schedule").setExact(true)).click();
            assertThat(modal.getByRole(AriaRole.HEADING)).hasText("Follow-up scheduled");
            modal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done")).click();

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Follow-ups")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Assignment")).click();
            Locator settings = page.locator("parley-followup-settings");
            assertThat(settings.getByLabel("The conversation's operator")).isChecked();
            settings.getByLabel("Round robin").check();
            settings.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
            assertThat(settings.getByRole(AriaRole.STATUS)).hasText("Assignment rule saved.");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/followups-assignment.png")));
            assertThat(tab.errors()).as("only the refusals the test asked for")
                    .allMatch(error -> error.startsWith("Failed to load resource: the server responded with a status of 4"));
        }
        String admin = shop.tenant().admin().accessToken();
        JsonNode created = api.get("/api/v1/followups?conversationId=" + conversation, admin).body().path("items").get(0);
        assertThat(created.path("type").asString()).isEqualTo("CALL");
        assertThat(created.path("assigneeId").asString()).as("automatic: the least loaded admin")
                .isEqualTo(shop.tenant().admin().userId().toString());
        assertThat(api.get("/api/v1/audit?action=contact.updated", admin).body().path("items").size())
                .as("the email in the chat, the phone in the modal").isEqualTo(2);
        assertThat(api.get("/api/v1/followups/settings", admin).text("assignment")).isEqualTo("round_robin");
    }

    @Test
    void aRegularOperatorSeesNoFollowUpButtonNoFollowUpsPageAndGets403() {
        ChatTenant shop = followUps.tenant("fu-console-op");
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");
        UUID conversation = followUps.conversation(shop, "Opal Operator", "opal@example.com", "+1 555 0100");

        try (Tab tab = browsers.open()) {
            Page page = signIn(tab, shop, operator.email());
            page.navigate(api.url("/console/#/inbox/" + conversation));
            Locator panel = page.locator("parley-chat-panel");
            assertThat(panel.getByTestId("chat-title")).hasText("Opal Operator");
            assertThat(panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Schedule follow-up"))).hasCount(0);
            assertThat(panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit details"))).hasCount(0);
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Follow-ups"))).hasCount(0);

            page.navigate(api.url("/console/#/followups"));
            assertThat(page.locator("parley-inbox")).hasCount(1);
            assertThat(page.locator("parley-followups")).hasCount(0);
        }
        Response list = api.get("/api/v1/followups", operator.accessToken());
        assertThat(list.status()).isEqualTo(403);
        assertThat(api.post("/api/v1/followups", operator.accessToken(), Map.of("conversationId", conversation.toString(),
                "type", "EMAIL", "scheduledAt", FollowUpFixtures.inHours(3).toString())).status()).isEqualTo(403);
    }

    private Page signIn(Tab tab, ChatTenant shop, String email) {
        Page page = ConsoleSignIn.at(tab.page(), api.url("/console/"), email, Fixtures.PASSWORD);
        assertThat(page.getByTestId("tenant-name")).hasText(shop.tenant().name());
        return page;
    }
}
