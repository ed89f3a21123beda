package dev.parley.notify.web;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import dev.parley.identity.BearerTokens;
import dev.parley.notify.Notification;
import dev.parley.notify.internal.NotificationStreams;
import dev.parley.notify.internal.Notifications;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.security.Caller;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A signed-in member's own notifications of the current tenant, and the live stream of new ones. */
@RestController
class NotificationController {

    private final Notifications notifications;
    private final NotificationStreams streams;
    private final BearerTokens tokens;

    NotificationController(Notifications notifications, NotificationStreams streams, BearerTokens tokens) {
        this.notifications = notifications;
        this.streams = streams;
        this.tokens = tokens;
    }

    /** Newest first; {@code unread=true} for unread ones only; {@code unread} in the answer counts all unread. */
    @GetMapping("/api/v1/notifications")
    Notifications.Page list(@RequestParam(required = false) Boolean unread,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(required = false) Integer limit) {
        Caller caller = Caller.require();
        return notifications.list(TenantContext.require(), caller.user(), Boolean.TRUE.equals(unread), cursor, limit);
    }

    @PostMapping("/api/v1/notifications/{id}/read")
    Notification read(@PathVariable UUID id) {
        return notifications.markRead(TenantContext.require(), Caller.require().user(), id);
    }

    @PostMapping("/api/v1/notifications/read-all")
    Map<String, Object> readAll() {
        int marked = notifications.markAllRead(TenantContext.require(), Caller.require().user());
        return Map.of("marked", marked, "unread", 0);
    }

    /**
     * Server-Sent Events for the caller: {@code hello} (the unread count), then {@code notification}, {@code read},
     * {@code resync} and, when the token or session no longer stands, {@code end} with the reason. Authenticated by
     * the usual {@code Authorization: Bearer} header (read it with fetch(); EventSource cannot send headers).
     */
    @GetMapping(value = "/api/v1/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(HttpServletRequest request) {
        Caller caller = Caller.require();
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = header.substring(7).trim();
        BearerTokens.Verified verified = tokens.verify(token, caller.address());
        if (!verified.valid()) {
            throw new ParleyException(HttpStatus.UNAUTHORIZED, verified.refusal(), "The access token is not valid.");
        }
        int unread = notifications.unread(caller.tenant(), caller.user());
        return streams.open(caller.tenant(), caller.user(), token, caller.address(), verified.expiresAt(), unread);
    }
}
