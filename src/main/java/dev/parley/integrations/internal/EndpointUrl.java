package dev.parley.integrations.internal;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

import dev.parley.shared.ParleyException;

/**
 * Which URLs may receive webhooks: absolute {@code https} URLs to a public host, without credentials or a fragment.
 * Plain {@code http} is accepted for {@code localhost} and {@code 127.0.0.1} only when
 * {@code parley.webhooks.allow-insecure-localhost} is on (development, tests). An address in a private, loopback or
 * link-local range is refused here and again when a delivery resolves the host, so a tenant cannot make Parley call
 * into its own network.
 */
public final class EndpointUrl {

    static final int MAX_LENGTH = 2000;
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    private EndpointUrl() {
    }

    /** The URL as it will be called, or a 400 naming the field {@code url}. */
    public static URI check(String url, boolean allowInsecureLocalhost) {
        if (url == null || url.isBlank()) {
            throw invalid("is required");
        }
        String trimmed = url.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw invalid("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || host == null || host.isEmpty()) {
            throw invalid("must be an absolute URL such as https://example.com/webhooks");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("must not contain a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("must not contain a fragment (#…)");
        }
        boolean local = LOCAL_HOSTS.contains(host);
        if (scheme.equals("http") && local && allowInsecureLocalhost) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw invalid(scheme.equals("http") ? "must use https" : "must be an https URL");
        }
        if (local || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) {
            throw invalid("must be a public host, not " + host);
        }
        if (isIpLiteral(host) && !publicAddress(host)) {
            throw invalid("must be a public address, not " + host);
        }
        try {
            IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw invalid("has an invalid host name");
        }
        return uri;
    }

    /** Whether a delivery may connect to this resolved address (localhost when insecure localhost is allowed). */
    static boolean mayConnect(InetAddress address, URI uri, boolean allowInsecureLocalhost) {
        if (allowInsecureLocalhost && LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return address.isLoopbackAddress();
        }
        return isPublic(address);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xFF;
            int second = bytes[1] & 0xFF;
            // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8
            return !(first == 100 && second >= 64 && second < 128) && first != 0;
        }
        // fc00::/7: unique local IPv6 addresses
        return (bytes[0] & 0xFE) != 0xFC;
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }

    private static boolean publicAddress(String literal) {
        try {
            String bare = literal.startsWith("[") ? literal.substring(1, literal.length() - 1) : literal;
            return isPublic(InetAddress.getByName(bare)); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static ParleyException invalid(String message) {
        return ParleyException.invalidField("url", message);
    }
}
