package dev.parley.chat.realtime;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Frame parsing and the error frames both socket handlers answer with; the connection stays up after them. */
final class SocketSupport {

    static final int MAX_FRAME_CHARS = 16 * 1024;
    static final CloseStatus UNAUTHORIZED = new CloseStatus(4401, "unauthorized");
    static final CloseStatus FORBIDDEN = new CloseStatus(4403, "forbidden");

    private SocketSupport() {
    }

    static String queryParam(URI uri, String name) {
        if (uri == null) {
            return null;
        }
        return UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst(name);
    }

    /** Parses a frame, or answers an error frame and returns null. */
    static JsonNode parse(WebSocketSession session, TextMessage message, JsonMapper json) throws IOException {
        String payload = message.getPayload();
        if (payload.length() > MAX_FRAME_CHARS) {
            error(session, json, null, "FRAME_TOO_LARGE", "Frames can be at most " + MAX_FRAME_CHARS + " characters.");
            return null;
        }
        try {
            JsonNode frame = json.readTree(payload);
            if (frame == null || !frame.isObject() || !frame.path("type").isString()) {
                error(session, json, null, "MALFORMED_FRAME", "A frame is a JSON object with a string \"type\".");
                return null;
            }
            return frame;
        } catch (RuntimeException e) {
            error(session, json, null, "MALFORMED_FRAME", "The frame is not valid JSON.");
            return null;
        }
    }

    static void error(WebSocketSession session, JsonMapper json, String ref, String code, String message)
            throws IOException {
        Map<String, Object> frame = new java.util.LinkedHashMap<>();
        frame.put("type", "error");
        if (ref != null) {
            frame.put("ref", ref);
        }
        frame.put("code", code);
        frame.put("message", message);
        send(session, json, frame);
    }

    static void send(WebSocketSession session, JsonMapper json, Object frame) throws IOException {
        if (session.isOpen()) {
            session.sendMessage(new TextMessage(json.writeValueAsString(frame)));
        }
    }

    static String text(JsonNode frame, String field) {
        JsonNode node = frame.path(field);
        return node.isString() ? node.asString() : null;
    }

    static java.util.UUID uuid(JsonNode frame, String field) {
        String value = text(frame, field);
        if (value == null) {
            return null;
        }
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
