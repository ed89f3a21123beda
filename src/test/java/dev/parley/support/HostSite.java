package dev.parley.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** A tenant's own website on another origin (another port), whose pages embed the widget. */
public final class HostSite implements AutoCloseable {

    private final HttpServer server;

    public HostSite(int parleyPort, String widgetKey) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String page = """
                    <!doctype html><html><head><title>Shop page %s</title>
                    <style>button { background: red !important; } div { font-size: 40px; }</style></head>
                    <body><h1>Welcome to the shop</h1>
                    <script src="http://localhost:%d/widget.js" data-parley-key="%s" async></script>
                    </body></html>
                    """.formatted(exchange.getRequestURI().getPath(), parleyPort, widgetKey);
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The site's origin host as the tenant's allow-list names it. */
    public String host() {
        return "localhost:" + port();
    }

    public String url(String path) {
        return "http://localhost:" + port() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
