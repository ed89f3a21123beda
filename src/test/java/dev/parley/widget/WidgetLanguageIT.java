package dev.parley.widget;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.FrameLocator;
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
import dev.parley.support.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** The widget speaks its tenant's language on the tenant's site and in the settings page's preview. */
@ParleyIntegrationTest
class WidgetLanguageIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    Api api;
    TenantSetup shop;
    HostSite site;
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
        Fixtures fixtures = new Fixtures(api);
        shop = fixtures.tenant("idioma");
        String root = fixtures.superAdmin().accessToken();
        site = new HostSite(port, api.get("/api/v1/platform/tenants/" + shop.id(), root).text("widgetKey"));
        api.patch("/api/v1/platform/tenants/" + shop.id(), root, Map.of("domains", List.of(site.host())));
    }

    @AfterEach
    void tearDown() {
        tabs.forEach(Tab::close);
        site.close();
    }

    @Test
    void aBrazilianTenantsVisitorChatsInPortuguese() {
        language("pt-BR");
        try (Socket operator = Socket.operator(port, shop.admin().accessToken())) {
            operator.await("hello");
            Page visitor = visitorPage();

            visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Abrir chat")).click();

            Locator widget = visitor.locator("#parley-widget");
            assertThat(widget).hasAttribute("lang", "pt-BR");
            assertThat(widget.locator("header p")).hasText("Normalmente respondemos em poucos minutos");
            assertThat(widget.locator(".msg.SYSTEM")).hasText("Olá! Como podemos ajudar?");
            Locator message = visitor.getByLabel("Mensagem", new Page.GetByLabelOptions().setExact(true));
            assertThat(message).hasAttribute("placeholder", "Escreva uma mensagem…");
            assertThat(visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Fechar chat"))).isVisible();
            message.fill("Olá, meu pedido já foi enviado?");
            visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enviar")).click();
            assertThat(widget.locator(".msg.VISITOR:not(.pending)")).hasText("Olá, meu pedido já foi enviado?");

            String conversation = api.get("/api/v1/conversations?view=all", shop.admin().accessToken())
                    .body().path("items").get(0).path("id").asText();
            api.post("/api/v1/conversations/" + conversation + "/messages", shop.admin().accessToken(),
                    Map.of("body", "Sim, sai hoje."));

            String operatorName = "Admin of " + shop.slug();
            assertThat(widget.locator(".msg.OPERATOR")).containsText("Sim, sai hoje.");
            assertThat(widget.locator("header p")).hasText("Você está conversando com " + operatorName);
            assertThat(widget.locator(".msg.SYSTEM")).hasText(operatorName + " entrou na conversa");
            // Times are written the Brazilian way ("12 de mai. de 2026 14:05"), not the English ("May 12, 2026, 2:05 PM").
            assertThat(widget.locator(".msg.OPERATOR")).hasAttribute("title",
                    java.util.regex.Pattern.compile("^\\d{1,2} de .+ de \\d{4},? \\d{2}:\\d{2}$"));
            visitor.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/widget-pt-BR.png")));
        }
    }

    @Test
    void outsideWorkingHoursTheBrazilianWidgetOffersItsOfflineFormInPortuguese() {
        language("pt-BR");
        LocalDate today = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
        api.put("/api/v1/settings/hours", shop.admin().accessToken(), Map.of("timezone", "Pacific/Kiritimati",
                "weekly", Map.of("mon", List.of(List.of("09:00", "17:00"))),
                "holidays", List.of(today.toString(), today.plusDays(1).toString())));
        try (Socket operator = Socket.operator(port, shop.admin().accessToken())) {
            operator.await("hello");
            Page visitor = visitorPage();

            visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Abrir chat")).click();

            Locator form = visitor.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Deixe uma mensagem"));
            assertThat(visitor.locator("#parley-widget header p")).hasText("Estamos ausentes no momento");
            assertThat(form.locator(".note")).hasText(
                    "Estamos ausentes no momento. Deixe seu e-mail e sua mensagem que retornaremos em breve.");
            assertThat(visitor.getByLabel("Mensagem", new Page.GetByLabelOptions().setExact(true))).hasCount(0);
            visitor.getByLabel("Seu nome").fill("Paula");
            visitor.getByLabel("Seu e-mail").fill("paula@example.com.br");
            visitor.getByLabel("Sua mensagem").fill("Podem me ligar amanhã?");
            visitor.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/widget-pt-BR-offline.png")));
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enviar")).click();

            assertThat(visitor.locator("#parley-widget .note")).hasText(
                    "Obrigado! Recebemos sua mensagem e responderemos por e-mail.");
        }
    }

    @Test
    void aLanguageTheWidgetDoesNotSpeakFallsBackToItsBaseLanguageThenToEnglish() {
        language("es-MX");
        Page mexican = visitorPage();
        assertThat(mexican.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Abrir chat"))).isVisible();
        assertThat(mexican.locator("#parley-widget")).hasAttribute("lang", "es-MX");
        mexican.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Abrir chat")).click();
        assertThat(mexican.locator("#parley-widget .msg.SYSTEM")).hasText("¡Hola! ¿En qué podemos ayudarte?");

        language("it");
        Page italian = visitorPage();
        italian.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat")).click();
        assertThat(italian.locator("#parley-widget .msg.SYSTEM")).hasText("Hi! How can we help?");
    }

    @Test
    void theTenantsOwnTextsAreShownAsWrittenWhateverTheLanguage() {
        api.patch("/api/v1/settings", shop.admin().accessToken(), Map.of("widget", Map.of("language", "fr",
                "greeting", "Welcome to the shop!", "launcherLabel", "Talk to us")));
        Page visitor = visitorPage();

        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Talk to us")).click();

        assertThat(visitor.locator("#parley-widget .msg.SYSTEM")).hasText("Welcome to the shop!");
        assertThat(visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Fermer le chat"))).isVisible();
    }

    @Test
    void theAdminChoosesGermanAndThePreviewSpeaksGermanBeforeSaving() {
        Page page = open().page();
        page.navigate(api.url("/console/#/settings/widget"));
        page.getByLabel("Email").fill(shop.admin().email());
        page.getByLabel("Password").fill(Fixtures.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        FrameLocator preview = page.frameLocator("iframe[title='Widget preview']");
        Locator widget = preview.locator("#parley-widget");
        assertThat(widget.locator(".msg.SYSTEM")).hasText("Hi! How can we help?");
        Locator select = page.getByLabel("Widget language");
        assertThat(select.locator("option")).hasText(new String[] {
            "English", "Português (Brasil)", "Español", "Français", "Deutsch"});

        select.selectOption("de");

        assertThat(widget).hasAttribute("lang", "de");
        assertThat(widget.locator(".msg.SYSTEM")).hasText("Hallo! Wie können wir helfen?");
        assertThat(widget.locator("header p")).hasText("Wir antworten meist innerhalb weniger Minuten");
        assertThat(widget.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Senden"))).isVisible();
        assertThat(widget.getByLabel("Nachricht", new Locator.GetByLabelOptions().setExact(true)))
                .hasAttribute("placeholder", "Nachricht schreiben…");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-widget-de.png"))
                .setFullPage(true));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Offline")).click();
        Locator offline = widget.getByRole(AriaRole.FORM, new Locator.GetByRoleOptions().setName("Nachricht hinterlassen"));
        assertThat(offline.getByLabel("Ihre E-Mail-Adresse")).isVisible();
        assertThat(offline.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Senden"))).isVisible();
        assertThat(widget.locator("header p")).hasText("Wir sind gerade nicht erreichbar");

        tab(page, "Branding").click();
        assertThat(page.getByLabel("Greeting")).hasValue("");
        assertThat(page.getByLabel("Greeting")).hasAttribute("placeholder", "Hallo! Wie können wir helfen?");
        assertThat(page.getByLabel("Offline message")).hasAttribute("placeholder",
                java.util.regex.Pattern.compile("^Wir sind gerade nicht erreichbar\\. "));
        page.getByLabel("Pre-chat intro").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-branding-de.png")));
        tab(page, "Widget").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save widget settings")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Saved"))).isVisible();

        Page visitor = visitorPage();
        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Chat öffnen")).click();
        assertThat(visitor.locator("#parley-widget .msg.SYSTEM")).hasText("Hallo! Wie können wir helfen?");
    }

    private void language(String language) {
        Api.Response saved = api.patch("/api/v1/settings", shop.admin().accessToken(),
                Map.of("widget", Map.of("language", language)));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    }

    private static Locator tab(Page page, String name) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Settings sections"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name));
    }

    private Page visitorPage() {
        Page page = open().page();
        page.navigate(site.url("/"));
        return page;
    }

    private Tab open() {
        Tab tab = browsers.open();
        tabs.add(tab);
        return tab;
    }
}
