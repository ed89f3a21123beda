package dev.parley.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** A tenant admin manages the team in the console: invites, role changes, deactivation, in a real browser. */
@ParleyIntegrationTest
class TeamConsoleIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    TenantSetup acme;

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
        acme = fixtures.tenant("team");
    }

    @Test
    void anAdminInvitesAnOperatorWhoJoinsThenChangesTheirRoleAndDeactivatesThem() {
        String email = "nina@" + acme.slug() + ".test";
        try (Tab admin = browsers.open(); Tab person = browsers.open()) {
            Page page = signIn(admin, acme.admin().email());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Team")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Team").setExact(true)))
                    .isVisible();

            page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(email);
            page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("OPERATOR");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite").setExact(true)).click();

            Locator link = page.getByLabel("Invitation link");
            assertThat(link).hasValue(Pattern.compile("/accept-invitation\\?token="));
            assertThat(page.getByText("Send this link")).isVisible();
            assertThat(table(page, "Pending invitations")).containsText(email);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/team-invited.png"))
                    .setFullPage(true));

            Page joining = person.page();
            joining.navigate(link.inputValue());
            joining.getByLabel("Your name").fill("Nina Operator");
            joining.getByLabel("Choose a password").fill("a good long password");
            joining.getByLabel("Repeat the password").fill("a good long password");
            joining.getByText("Accept and sign in").click();
            assertThat(joining.getByTestId("tenant-name")).hasText(acme.name());
            assertThat(joining.getByTestId("role")).hasText("Operator");
            String ninasToken = (String) joining.evaluate(
                    "JSON.parse(localStorage.getItem('parley.session')).accessToken");
            assertThat(api.get("/api/v1/conversations", ninasToken).status()).isEqualTo(200);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh")).click();
            Locator nina = row(page, "Nina Operator");
            assertThat(nina).containsText(email);
            assertThat(nina.getByTestId("status")).hasText("Active");
            assertThat(page.getByText("No pending invitations.")).isVisible();

            page.getByLabel("Role of Nina Operator").selectOption("ADMIN_OPERATOR");
            assertThat(page.getByText("Nina Operator is now admin operator.")).isVisible();
            String ninaId = nina.getAttribute("data-user");
            assertThat(api.get("/api/v1/users/" + ninaId, acme.admin().accessToken()).text("role"))
                    .isEqualTo("ADMIN_OPERATOR");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deactivate Nina Operator")).click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).containsText("Deactivate Nina Operator?");
            assertThat(dialog).containsText("signed out at once");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/team-confirm.png")));
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Deactivate")).click();

            assertThat(nina.getByTestId("status")).hasText("Deactivated");
            assertThat(page.getByLabel("Role of Nina Operator")).isDisabled();
            assertThat(row(page, "Nina Operator").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Reactivate Nina Operator"))).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/team.png"))
                    .setFullPage(true));
            Response afterwards = api.get("/api/v1/conversations", ninasToken);
            assertThat(afterwards.status()).as("the deactivated person can no longer call the API").isEqualTo(401);
            assertThat(admin.errors()).isEmpty();
        }
    }

    @Test
    void theLastAdminWhoTriesToDemoteThemselvesIsToldWhyNot() {
        try (Tab admin = browsers.open()) {
            Page page = signIn(admin, acme.admin().email());
            page.navigate(api.url("/console/#/team"));
            Locator myRole = page.getByLabel("Role of Admin of " + acme.slug());
            assertThat(myRole).hasValue("TENANT_ADMIN");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Deactivate Admin of " + acme.slug()))).isDisabled();

            myRole.selectOption("OPERATOR");
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).containsText("Change your own role?");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change my role")).click();

            assertThat(page.getByRole(AriaRole.ALERT))
                    .hasText("A tenant needs at least one active admin; make someone else admin first.");
            assertThat(myRole).hasValue("TENANT_ADMIN");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/team-last-admin.png")));
        }
        assertThat(api.get("/api/v1/users/" + acme.admin().userId(), acme.admin().accessToken()).text("role"))
                .isEqualTo("TENANT_ADMIN");
    }

    @Test
    void aPendingInvitationIsRevokedAfterConfirmationAndItsLinkStopsWorking() {
        String email = "maybe@" + acme.slug() + ".test";
        Response invited = api.post("/api/v1/users/invitations", acme.admin().accessToken(),
                Map.of("email", email, "role", "ADMIN_OPERATOR"));

        try (Tab admin = browsers.open()) {
            Page page = signIn(admin, acme.admin().email());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Team")).click();
            assertThat(table(page, "Pending invitations")).containsText("Admin operator");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke the invitation for " + email))
                    .click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).containsText("Revoke this invitation?");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
            assertThat(table(page, "Pending invitations")).containsText(email);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke the invitation for " + email))
                    .click();
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke")).click();

            assertThat(page.getByText("No pending invitations.")).isVisible();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("The invitation for " + email + " was revoked.");
        }
        assertThat(api.get("/api/v1/invitations/" + Fixtures.tokenOf(invited.text("link")), null).status())
                .isEqualTo(410);
    }

    @Test
    void aBadEmailOrAnExistingMemberIsExplainedWhereThePersonLooks() {
        try (Tab admin = browsers.open()) {
            Page page = signIn(admin, acme.admin().email());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Team")).click();
            Locator email = page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true));
            Locator invite = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite").setExact(true));

            email.fill("not an email");
            invite.click();
            assertThat(page.getByText("Email must be a well-formed email address")).isVisible();
            assertThat(email).hasAttribute("aria-invalid", "true");

            email.fill(acme.admin().email());
            invite.click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("is already a member of this tenant");
            assertThat(page.getByText("No pending invitations.")).isVisible();
        }
    }

    private Page signIn(Tab tab, String email) {
        Page page = ConsoleSignIn.at(tab.page(), api.url("/console/"), email, Fixtures.PASSWORD);
        assertThat(page.getByTestId("tenant-name")).hasText(acme.name());
        return page;
    }

    private static Locator table(Page page, String name) {
        return page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName(name));
    }

    private static Locator row(Page page, String name) {
        return table(page, "Members").getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
    }
}
