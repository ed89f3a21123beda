package dev.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A visitor or customer, with the name operators see (never "unknown"). */
public record ContactView(UUID id, String displayName, String name, String email, String phone, String externalId,
                          int visitorNumber, Map<String, Object> attributes, String locale, String userAgent,
                          String country, String currentUrl, String currentTitle, String referrer,
                          Instant firstSeenAt, Instant lastSeenAt, List<PageView> pages) {

    /** A page the visitor viewed. */
    public record PageView(String url, String title, String referrer, Instant viewedAt) {
    }
}
