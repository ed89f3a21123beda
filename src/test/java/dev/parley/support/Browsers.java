package dev.parley.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * The system Chromium driven by Playwright, headless. Playwright never downloads a browser here; each test
 * gets a fresh context (no shared storage) and the page's console errors are collected for assertions.
 */
public final class Browsers implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PARLEY_CHROMIUM", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final Browser browser;

    public Browsers() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    /** A page in a fresh browser context, and the errors its console reports. */
    public record Tab(BrowserContext context, Page page, List<String> errors) implements AutoCloseable {

        @Override
        public void close() {
            context.close();
        }
    }

    public Tab open() {
        return open(new Browser.NewContextOptions());
    }

    /** A page whose browser runs in this time zone (an IANA name such as {@code America/New_York}). */
    public Tab openIn(String timeZone) {
        return open(new Browser.NewContextOptions().setTimezoneId(timeZone));
    }

    private Tab open(Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setViewportSize(1280, 800));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add(message.text());
            }
        });
        page.onPageError(errors::add);
        return new Tab(context, page, errors);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
