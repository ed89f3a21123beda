package dev.parley.chat;

/** Whether an operator takes chats now. Only ONLINE operators are assigned new chats. */
public enum Presence {
    ONLINE, AWAY, OFFLINE
}
