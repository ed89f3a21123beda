package dev.parley.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import dev.parley.chat.internal.ConversationRepository;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** When conversations were resolved, for modules that report on what led to a resolution (follow-ups). */
@Service
@Transactional(readOnly = true)
public class Resolutions {

    private final ConversationRepository conversations;

    Resolutions(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    /** Of these conversations, the ones resolved now, and when (those open again or unknown are left out). */
    public Map<UUID, Instant> resolvedAt(TenantId tenant, Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        return conversations.resolvedAt(tenant.value(), conversationIds);
    }
}
