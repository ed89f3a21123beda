package dev.parley.chat.realtime;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.springframework.web.socket.WebSocketSession;

/**
 * One open socket: whose (an operator's user id or a visitor's contact id), in which tenant, and until when its
 * token is valid. The session is wrapped so that concurrent sends are safe and a slow client cannot block others.
 */
record Connection(WebSocketSession session, UUID tenant, UUID subject, boolean operator, String token,
                  Set<String> roles, Instant expiresAt) {
}
