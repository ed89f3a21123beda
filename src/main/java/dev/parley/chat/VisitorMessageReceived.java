package dev.parley.chat;

import java.time.Instant;
import java.util.UUID;

import dev.parley.shared.TenantId;

/**
 * A visitor's message was stored in a conversation (live or offline). Published synchronously inside the transaction
 * that stores it, so a listener that writes in that transaction (usage metering) counts nothing for a message that
 * rolls back. Listeners must be cheap: it is on the path of every visitor message.
 */
public record VisitorMessageReceived(TenantId tenant, UUID conversationId, Instant at) {
}
