package dev.parley.chat;

/** Who wrote a message. */
public enum SenderKind {
    VISITOR, OPERATOR, SYSTEM
}
