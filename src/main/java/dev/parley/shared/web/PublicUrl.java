package dev.parley.shared.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The address people reach Parley at, for links in invitations and mail: {@code parley.public-url}
 * ({@code PARLEY_PUBLIC_URL}) or, without it, {@code http://localhost:<port>} once the server listens.
 */
@Component
public class PublicUrl {

    private final String configured;
    private volatile String fromServer = "http://localhost:8080";

    PublicUrl(@Value("${parley.public-url:}") String configured) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            fromServer = "http://localhost:" + event.getWebServer().getPort();
        }
    }

    public String base() {
        return configured.isBlank() ? fromServer : configured;
    }

    public String resolve(String path) {
        return base() + path;
    }
}
