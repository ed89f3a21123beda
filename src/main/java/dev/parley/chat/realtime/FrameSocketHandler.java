package dev.parley.chat.realtime;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.parley.chat.MessageView;
import dev.parley.shared.ParleyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both chat sockets do with an incoming frame: parse it, hand it to the endpoint, and answer any refusal
 * with an error frame (matched by {@code ref}) on a connection that stays up.
 */
abstract class FrameSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameSocketHandler.class);

    protected final JsonMapper json;

    FrameSocketHandler(JsonMapper json) {
        this.json = json;
    }

    /** Handles one well-formed frame of an authenticated connection. */
    protected abstract void handle(Connection connection, WebSocketSession raw, JsonNode frame, String ref)
            throws IOException;

    @Override
    protected final void handleTextMessage(WebSocketSession raw, TextMessage message) throws Exception {
        Connection connection = (Connection) raw.getAttributes().get("connection");
        if (connection == null) {
            return;
        }
        WebSocketSession session = connection.session();
        JsonNode frame = SocketSupport.parse(session, message, json);
        if (frame == null) {
            return;
        }
        String ref = SocketSupport.text(frame, "ref");
        try {
            handle(connection, raw, frame, ref);
        } catch (ParleyException e) {
            SocketSupport.error(session, json, ref, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("A {} frame failed", frame.path("type").asString(), e);
            SocketSupport.error(session, json, ref, "INTERNAL_ERROR", "The frame could not be handled.");
        }
    }

    static Map<String, Object> ack(String ref, MessageView message) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("type", "ack");
        if (ref != null) {
            ack.put("ref", ref);
        }
        ack.put("message", message);
        return ack;
    }

    static UUID requireConversation(JsonNode frame) {
        UUID id = SocketSupport.uuid(frame, "conversationId");
        if (id == null) {
            throw ParleyException.badRequest("MALFORMED_FRAME", "conversationId must be a UUID.");
        }
        return id;
    }
}
