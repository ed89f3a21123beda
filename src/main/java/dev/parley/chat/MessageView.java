package dev.parley.chat;

import java.time.Instant;
import java.util.UUID;

/** A message as clients see it. {@code body} is plain text: clients must render it as text, never as HTML. */
public record MessageView(UUID id, UUID conversationId, long seq, SenderKind senderKind, UUID senderUserId,
                          String senderName, String body, boolean isPrivate, String clientId, Instant createdAt) {
}
