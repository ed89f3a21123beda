package dev.parley.chat;

import java.util.UUID;

/** Whose a visitor token is: the tenant, the browser session and the contact it stands for. */
public record VisitorIdentity(UUID tenantId, UUID sessionId, UUID contactId) {
}
