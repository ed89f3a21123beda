package dev.parley.chat;

import java.util.UUID;

import dev.parley.shared.TenantId;

/**
 * A conversation's personal data was purged or anonymised (data retention): modules that keep copies of its
 * contact's details (tasks, follow-ups) erase them too. Published as an application event in the erasing
 * transaction.
 */
public record ConversationErased(TenantId tenant, UUID conversationId, UUID contactId) {
}
