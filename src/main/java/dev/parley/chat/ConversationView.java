package dev.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation as operators see it in lists and chat views; participants are the operators who wrote in it. */
public record ConversationView(UUID id, int number, ConversationStatus status, String channel, boolean offline,
                               UUID contactId, String visitorName, String visitorEmail, String currentPage,
                               String country, UUID assigneeId, String assigneeName, Instant createdAt,
                               Instant updatedAt, Instant waitingSince, Instant lastMessageAt,
                               String lastMessagePreview, String lastMessageSender, long lastSeq, long unread,
                               List<String> participants) {
}
