package dev.parley.chat.realtime;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.chat.MessageView;
import dev.parley.chat.VisitorChat;
import dev.parley.chat.VisitorIdentity;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantStatus;
import dev.parley.tenancy.WidgetTenant;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws/visitor?token=<visitor token>}: a visitor's connection, from a page of one of the tenant's allowed
 * origins; it sees only that visitor's conversations and never private notes.
 */
class VisitorSocketHandler extends FrameSocketHandler {

    private final VisitorChat chat;
    private final TenantDirectory tenants;
    private final RealtimeHub hub;

    VisitorSocketHandler(VisitorChat chat, TenantDirectory tenants, RealtimeHub hub, JsonMapper json) {
        super(json);
        this.chat = chat;
        this.tenants = tenants;
        this.hub = hub;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) throws Exception {
        var visitor = chat.authenticate(SocketSupport.queryParam(raw.getUri(), "token"));
        if (visitor.isEmpty()) {
            SocketSupport.error(raw, json, null, "VISITOR_TOKEN_INVALID", "Start a widget session first.");
            raw.close(SocketSupport.UNAUTHORIZED);
            return;
        }
        WidgetTenant tenant = tenants.findWidgetTenant(TenantId.of(visitor.get().tenantId())).orElseThrow();
        String origin = raw.getHandshakeHeaders().getFirst(HttpHeaders.ORIGIN);
        if (tenant.status() != TenantStatus.ACTIVE || !tenant.allowsOrigin(origin)) {
            SocketSupport.error(raw, json, null, "ORIGIN_NOT_ALLOWED", "This site may not use this chat.");
            raw.close(SocketSupport.FORBIDDEN);
            return;
        }
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, 5_000, 256 * 1024);
        Connection connection = new Connection(session, tenant.id(), visitor.get().contactId(), false, null,
                java.util.Set.of(), null);
        raw.getAttributes().put("connection", connection);
        raw.getAttributes().put("visitor", visitor.get());
        hub.addVisitor(connection);
        SocketSupport.send(session, json, Map.of("type", "hello", "contactId", visitor.get().contactId(),
                "operatorsOnline", chat.operatorsOnline(TenantId.of(tenant.id()))));
    }

    @Override
    protected void handle(Connection connection, WebSocketSession raw, JsonNode frame, String ref) throws IOException {
        handle(connection.session(), frame, ref, (VisitorIdentity) raw.getAttributes().get("visitor"));
    }

    private void handle(WebSocketSession session, JsonNode frame, String ref, VisitorIdentity visitor)
            throws IOException {
        String type = frame.path("type").asString();
        switch (type) {
            case "message.send" -> {
                MessageView sent = chat.send(visitor, SocketSupport.text(frame, "body"),
                        SocketSupport.text(frame, "clientId"));
                SocketSupport.send(session, json, ack(ref, sent));
            }
            case "typing" -> {
                UUID conversation = SocketSupport.uuid(frame, "conversationId");
                if (conversation != null) {
                    chat.typing(visitor, conversation, frame.path("isTyping").asBoolean(true));
                }
            }
            case "read" -> chat.read(visitor, requireConversation(frame), frame.path("seq").asLong(0));
            case "resume" -> {
                UUID conversation = requireConversation(frame);
                List<MessageView> missed = chat.history(visitor, conversation, frame.path("afterSeq").asLong(0));
                SocketSupport.send(session, json, Map.of("type", "sync", "conversationId", conversation,
                        "messages", missed));
            }
            case "page" -> chat.page(visitor, SocketSupport.text(frame, "url"), SocketSupport.text(frame, "title"),
                    SocketSupport.text(frame, "referrer"));
            case "ping" -> SocketSupport.send(session, json, Map.of("type", "pong"));
            default -> throw ParleyException.badRequest("UNKNOWN_FRAME", "Unknown frame type '" + type + "'.");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
        Connection connection = (Connection) raw.getAttributes().get("connection");
        if (connection != null) {
            hub.removeVisitor(connection);
        }
    }
}
