package dev.parley.chat;

/** Where a conversation stands: waiting in the queue, with an operator, or resolved (a visitor message reopens it). */
public enum ConversationStatus {
    QUEUED, ASSIGNED, RESOLVED
}
