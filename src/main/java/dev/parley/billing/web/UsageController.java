package dev.parley.billing.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.parley.billing.Usage;
import dev.parley.billing.internal.UsageStreams;
import dev.parley.identity.BearerTokens;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.security.Caller;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A tenant admin's view of the tenant's usage: the current period, the history by period and the live stream. */
@RestController
@PreAuthorize("hasRole('TENANT_ADMIN')")
class UsageController {

    private final Usage usage;
    private final UsageStreams streams;
    private final BearerTokens tokens;

    UsageController(Usage usage, UsageStreams streams, BearerTokens tokens) {
        this.usage = usage;
        this.streams = streams;
        this.tokens = tokens;
    }

    @GetMapping("/api/v1/billing/usage")
    Usage.Current current() {
        return usage.current(TenantContext.require());
    }

    /** {@code months} periods (default 12, at most 36), the current one first. */
    @GetMapping("/api/v1/billing/usage/history")
    Map<String, List<Usage.Period>> history(@RequestParam(required = false) String months) {
        return Map.of("periods", usage.history(TenantContext.require(), months(months)));
    }

    static int months(String months) {
        try {
            return months == null ? 12 : Integer.parseInt(months.strip());
        } catch (NumberFormatException e) {
            throw ParleyException.invalidField("months", "must be a whole number 1-36");
        }
    }

    /**
     * Server-Sent Events: {@code hello}, then {@code usage} ({@code periodStart}, {@code conversations}) whenever the
     * tenant's count changes (at most one a second), {@code resync} when this node may have missed some. Ends when
     * the access token does; the console reconnects with a fresh one.
     */
    @GetMapping(value = "/api/v1/billing/usage/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(HttpServletRequest request) {
        Caller caller = Caller.require();
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = header == null || header.length() < 8 ? "" : header.substring(7).trim();
        BearerTokens.Verified verified = tokens.verify(token, caller.address());
        if (!verified.valid()) {
            throw new ParleyException(HttpStatus.UNAUTHORIZED, verified.refusal(), "The access token is not valid.");
        }
        return streams.open(caller.tenant(), verified.expiresAt());
    }
}
