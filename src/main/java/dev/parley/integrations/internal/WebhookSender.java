package dev.parley.integrations.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

/**
 * POSTs one signed event to a receiver with the JDK's HTTP client: connect and answer timeouts from
 * {@link WebhookProperties}, redirects never followed (a 3xx is a failure), and the host's addresses checked first so
 * that a name resolving into a private network is refused.
 */
@Component
class WebhookSender {

    static final String USER_AGENT = "Parley-Webhooks/1";
    private static final int ERROR_BODY_MAX = 200;

    /** What the receiver answered: its status, or no status and why (timeout, refused, not allowed). */
    record Outcome(Integer statusCode, String error) {

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final WebhookProperties properties;
    private final HttpClient client;

    WebhookSender(WebhookProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Outcome send(String url, String secret, String eventId, String eventType, long unixSeconds, String body) {
        URI uri;
        try {
            uri = EndpointUrl.check(url, properties.allowInsecureLocalhost());
            String refused = refusedAddress(uri);
            if (refused != null) {
                return new Outcome(null, refused);
            }
        } catch (dev.parley.shared.ParleyException e) {
            return new Outcome(null, "The URL is no longer accepted: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", USER_AGENT)
                .header("Parley-Event-Id", eventId)
                .header("Parley-Event-Type", eventType)
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, unixSeconds, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String start;
            try (InputStream in = response.body()) {
                start = new String(in.readNBytes(ERROR_BODY_MAX), StandardCharsets.UTF_8);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(status, null);
            }
            String error = "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
            String text = start.replaceAll("\\s+", " ").strip();
            return new Outcome(status, text.isEmpty() ? error : error + ": " + text);
        } catch (HttpTimeoutException e) {
            return new Outcome(null, "Timed out: " + e.getMessage());
        } catch (IOException e) {
            return new Outcome(null, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "Interrupted");
        }
    }

    private String refusedAddress(URI uri) {
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!EndpointUrl.mayConnect(address, uri, properties.allowInsecureLocalhost())) {
                    return uri.getHost() + " resolves to " + address.getHostAddress()
                            + ", which is not a public address";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "Unknown host " + uri.getHost();
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        message = (root.getClass().getSimpleName() + ": " + message).replaceAll("\\s+", " ").strip();
        return message.length() <= 500 ? message : message.substring(0, 499) + "…";
    }
}
