package dev.parley.tasks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.Fixtures;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.tasks.TaskFixtures.Team;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Tasks in a real browser: made from a chat, worked on by a colleague, and invisible to regular operators. */
@ParleyIntegrationTest
class TasksConsoleIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    Api api;
    TaskFixtures tasks;

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
        tasks = new TaskFixtures(api);
    }

    @Test
    void anAdminOperatorMakesATaskFromAChatAndTheColleagueItIsForWorksOnIt() {
        Team team = tasks.team("tasks-console");
        UUID chat = tasks.conversation(team, "Nora Lind", "nora@example.com", "My parcel never arrived");

        try (Tab anaTab = browsers.open(); Tab benTab = browsers.open(); Tab adminTab = browsers.open()) {
            // Ben is already in the console when the task is made for him: he is told at once.
            Page ben = signIn(benTab, team, team.ben().email(), "/console/#/inbox");
            Locator bell = ben.locator("parley-notification-bell button.bell");
            assertThat(ben.getByTestId("notification-count")).hasCount(0);

            Page ana = signIn(anaTab, team, team.ana().email(), "/console/#/inbox/" + chat);
            Locator panel = ana.locator("parley-chat-panel");
            assertThat(panel).containsText("My parcel never arrived");
            panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create task")).click();

            Locator dialog = ana.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create task"));
            Locator contact = dialog.getByTestId("task-contact");
            assertThat(contact).containsText("Nora Lind");
            assertThat(contact).containsText("nora@example.com");
            assertThat(contact.getByLabel("Phone missing")).isVisible();
            assertThat(contact.getByLabel("Email missing")).hasCount(0);
            assertThat(dialog).containsText("has not given their phone number");
            dialog.getByLabel("Title").fill("Call Nora about the lost parcel");
            dialog.getByLabel("Description").fill("Ask the carrier for the tracking history first.");
            dialog.getByLabel("Due date").fill("2031-03-04");
            dialog.getByLabel("Due time").fill("14:30");
            dialog.getByLabel("Priority").selectOption("HIGH");
            dialog.getByLabel("Assignee").selectOption(team.ben().userId().toString());
            shoot(ana, "task-modal");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create task")).click();

            Locator done = ana.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Task created"));
            assertThat(done).containsText("Call Nora about the lost parcel");
            assertThat(done).containsText("Assigned to Member " + team.ben().email());
            done.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done")).click();
            assertThat(done).isHidden();

            assertThat(ben.getByTestId("notification-count")).hasText("1");
            assertThat(bell).hasAttribute("aria-label", "Notifications, 1 unread");
            bell.click();
            Locator notice = ben.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Notifications"))
                    .getByRole(AriaRole.BUTTON).filter(new Locator.FilterOptions()
                            .setHasText("New task: Call Nora about the lost parcel"));
            assertThat(notice).containsText("assigned you the task");
            notice.click();
            assertThat(ben.getByTestId("task-title")).hasText("Call Nora about the lost parcel");
            assertThat(ben.getByTestId("notification-count")).hasCount(0);

            ben.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Console"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Tasks").setExact(true)).click();
            Locator list = ben.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Tasks"));
            Locator row = list.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions()
                    .setHasText("Call Nora about the lost parcel"));
            assertThat(row).containsText("High");
            assertThat(row).containsText("You");
            row.getByLabel("Status of Call Nora about the lost parcel").selectOption("IN_PROGRESS");
            assertThat(ben.getByRole(AriaRole.STATUS)).containsText("is now in progress");
            ben.getByRole(AriaRole.SEARCH, new Page.GetByRoleOptions().setName("Filter tasks")).getByLabel("Assignee")
                    .selectOption("me");
            assertThat(list.getByRole(AriaRole.ROW)).hasCount(2);
            shoot(ben, "tasks-list");

            row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Call Nora about the lost parcel")).click();
            assertThat(ben.getByTestId("task-title")).hasText("Call Nora about the lost parcel");
            Locator details = ben.getByTestId("task-contact");
            assertThat(details).containsText("Nora Lind");
            assertThat(details.getByLabel("Phone missing")).isVisible();
            ben.getByLabel("Add a comment").fill("The carrier says it arrives on Thursday.");
            ben.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Comment")).click();
            Locator comments = ben.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Comments"));
            assertThat(comments).containsText("The carrier says it arrives on Thursday.");
            Locator activity = ben.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Activity"));
            assertThat(activity).containsText("Member " + team.ben().email() + " commented");
            assertThat(activity).containsText("changed the status from Open to In progress");
            assertThat(activity).containsText("Member " + team.ana().email() + " created the task");
            shoot(ben, "task-detail");

            ben.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Open chat #"))).click();
            assertThat(ben).hasURL(Pattern.compile("#/inbox/" + chat + "$"));
            assertThat(ben.locator("parley-chat-panel")).containsText("My parcel never arrived");

            Page admin = signIn(adminTab, team, team.admin().email(), "/console/#/dashboard");
            assertThat(admin.getByTestId("tasks-open")).hasText("1");
            assertThat(admin.getByTestId("tasks-overdue")).hasText("0");
            shoot(admin, "dashboard-tasks");
            admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("View all tasks")).click();
            admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Report")).click();
            Locator report = admin.getByRole(AriaRole.TABLE,
                    new Page.GetByRoleOptions().setName("Task completion by admin operator"));
            Locator bens = report.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions()
                    .setHasText("Member " + team.ben().email()));
            assertThat(bens.getByRole(AriaRole.CELL).nth(1)).hasText("1"); // assigned
            assertThat(bens.getByRole(AriaRole.CELL).nth(2)).hasText("0"); // completed
            shoot(admin, "task-report");

            assertThat(anaTab.errors()).isEmpty();
            assertThat(benTab.errors()).isEmpty();
            assertThat(adminTab.errors()).isEmpty();
        }
        JsonNode comments = api.get("/api/v1/tasks?q=nora", team.ben().accessToken()).body().path("items");
        assertThat(comments.get(0).path("comments").asInt()).isEqualTo(1);
        assertThat(comments.get(0).path("status").asString()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aRegularOperatorSeesNoCreateTaskButtonAndNoTasksPage() {
        Team team = tasks.team("tasks-console-op");
        UUID chat = tasks.conversation(team, "Otto", null, "Hello there");
        String id = tasks.create(team.ana(), "Admin operators only", team.ana()).path("id").asString();

        try (Tab tab = browsers.open()) {
            Page page = signIn(tab, team, team.operator().email(), "/console/#/inbox/" + chat);
            Locator panel = page.locator("parley-chat-panel");
            assertThat(panel).containsText("Hello there");
            assertThat(panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create task")))
                    .hasCount(0);
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tasks"))).hasCount(0);
            page.navigate(api.url("/console/#/tasks/" + id));
            assertThat(page.locator("parley-inbox")).hasCount(1);
            assertThat(page.locator("parley-tasks")).hasCount(0);
            assertThat(tab.errors()).isEmpty();
        }
        assertThat(api.get("/api/v1/tasks", team.operator().accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/tasks/" + id, team.operator().accessToken()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/tasks", team.operator().accessToken(), Map.of("title", "Sneaky")).status())
                .isEqualTo(403);
    }

    private Page signIn(Tab tab, Team team, String email, String path) {
        Page page = ConsoleSignIn.at(tab.page(), api.url(path), email, Fixtures.PASSWORD);
        assertThat(page.getByTestId("tenant-name")).hasText(team.shop().tenant().name());
        return page;
    }

    private static void shoot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/" + name + ".png"))
                .setFullPage(true));
    }
}
