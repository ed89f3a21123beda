package dev.parley.chat.realtime;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.chat.Conversations;
import dev.parley.chat.MessageView;
import dev.parley.chat.Presence;
import dev.parley.identity.BearerTokens;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws/operator?token=<access token>}: one connection carries the whole tenant's chat traffic for an
 * operator (queue, every conversation's messages, typing, presence, reads) and takes their sends.
 */
class OperatorSocketHandler extends FrameSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(OperatorSocketHandler.class);

    private final BearerTokens tokens;
    private final Conversations conversations;
    private final RealtimeHub hub;

    OperatorSocketHandler(BearerTokens tokens, Conversations conversations, RealtimeHub hub, JsonMapper json) {
        super(json);
        this.tokens = tokens;
        this.conversations = conversations;
        this.hub = hub;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) throws Exception {
        String token = SocketSupport.queryParam(raw.getUri(), "token");
        var verified = tokens.verify(token, raw.getRemoteAddress() == null ? null
                : raw.getRemoteAddress().getAddress().getHostAddress());
        if (!verified.valid()) {
            SocketSupport.error(raw, json, null, verified.refusal(), "Connect with a valid access token.");
            raw.close(SocketSupport.UNAUTHORIZED);
            return;
        }
        Caller caller = verified.caller();
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, 5_000, 1024 * 1024);
        Connection connection = new Connection(session, caller.tenant().value(), caller.user().value(), true, token,
                caller.roles(), verified.expiresAt());
        raw.getAttributes().put("connection", connection);
        hub.addOperator(connection);
        TenantId tenant = caller.tenant();
        Presence presence = TenantContext.callAs(tenant, () ->
                (Presence) conversations.operatorStatus(tenant, caller.user().value()).get("presence"));
        if (presence == Presence.OFFLINE) {
            TenantContext.runAs(tenant, () -> conversations.setPresence(tenant, caller.user().value(), Presence.ONLINE));
            presence = Presence.ONLINE;
        } else {
            // Came back (a reconnect): chats may wait for this operator.
            Presence current = presence;
            TenantContext.runAs(tenant, () -> conversations.setPresence(tenant, caller.user().value(), current));
        }
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("userId", caller.user().value());
        hello.put("tenantId", caller.tenant().value());
        hello.put("presence", presence);
        hello.put("expiresAt", verified.expiresAt());
        SocketSupport.send(session, json, hello);
    }

    @Override
    protected void handle(Connection connection, WebSocketSession raw, JsonNode frame, String ref) {
        TenantId tenant = TenantId.of(connection.tenant());
        TenantContext.runAs(tenant, () -> {
            try {
                handle(connection.session(), frame, ref, tenant, connection.subject());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void handle(WebSocketSession session, JsonNode frame, String ref, TenantId tenant, UUID user)
            throws IOException {
        String type = frame.path("type").asString();
        switch (type) {
            case "message.send" -> {
                UUID conversation = requireConversation(frame);
                MessageView sent = conversations.send(tenant, user, conversation, SocketSupport.text(frame, "body"),
                        frame.path("private").asBoolean(false), SocketSupport.text(frame, "clientId"));
                SocketSupport.send(session, json, ack(ref, sent));
            }
            case "typing" -> conversations.typing(tenant, requireConversation(frame), user,
                    frame.path("isTyping").asBoolean(true));
            case "read" -> conversations.markRead(tenant, requireConversation(frame), user,
                    frame.path("seq").asLong(0));
            case "resume" -> {
                JsonNode wanted = frame.path("conversations");
                if (!wanted.isObject()) {
                    throw ParleyException.badRequest("MALFORMED_FRAME", "resume needs conversations: {id: afterSeq}");
                }
                for (var entry : wanted.properties()) {
                    UUID id = parse(entry.getKey());
                    List<MessageView> missed = conversations.messages(tenant, id, entry.getValue().asLong(0), null, 200);
                    SocketSupport.send(session, json, Map.of("type", "sync", "conversationId", id,
                            "messages", missed));
                }
            }
            case "presence" -> {
                String value = SocketSupport.text(frame, "presence");
                Presence presence;
                try {
                    presence = Presence.valueOf(value == null ? "" : value);
                } catch (IllegalArgumentException e) {
                    throw ParleyException.badRequest("MALFORMED_FRAME", "presence must be ONLINE, AWAY or OFFLINE");
                }
                conversations.setPresence(tenant, user, presence);
            }
            case "ping" -> SocketSupport.send(session, json, Map.of("type", "pong"));
            default -> throw ParleyException.badRequest("UNKNOWN_FRAME", "Unknown frame type '" + type + "'.");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
        Connection connection = (Connection) raw.getAttributes().get("connection");
        if (connection == null) {
            return;
        }
        if (hub.removeOperator(connection)) {
            TenantId tenant = TenantId.of(connection.tenant());
            try {
                TenantContext.runAs(tenant, () -> {
                    if (conversations.operatorStatus(tenant, connection.subject()).get("presence") == Presence.ONLINE) {
                        conversations.setPresence(tenant, connection.subject(), Presence.OFFLINE);
                    }
                });
            } catch (RuntimeException e) {
                log.debug("Could not mark {} offline: {}", connection.subject(), e.getMessage());
            }
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ParleyException.badRequest("MALFORMED_FRAME", "conversation ids must be UUIDs.");
        }
    }
}
