package dev.parley.chat.realtime;

import java.time.Clock;
import java.time.Instant;

import dev.parley.chat.Conversations;
import dev.parley.chat.VisitorChat;
import dev.parley.identity.BearerTokens;
import dev.parley.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import tools.jackson.databind.json.JsonMapper;

/**
 * The two WebSocket endpoints, and the periodic check that closes connections whose token expired, whose
 * person was deactivated or whose tenant was suspended.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableScheduling
class RealtimeConfiguration implements WebSocketConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RealtimeConfiguration.class);

    private final Conversations conversations;
    private final TenantDirectory tenants;
    private final OperatorSocketHandler operators;
    private final VisitorSocketHandler visitors;
    private final RealtimeHub hub;
    private final BearerTokens tokens;
    private final Clock clock;

    RealtimeConfiguration(BearerTokens tokens, Conversations conversations, VisitorChat chat, TenantDirectory tenants,
                          RealtimeHub hub, JsonMapper json, Clock clock) {
        this.conversations = conversations;
        this.tenants = tenants;
        this.operators = new OperatorSocketHandler(tokens, conversations, hub, json);
        this.visitors = new VisitorSocketHandler(chat, tenants, hub, json);
        this.hub = hub;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Tokens travel in the URL, not in cookies, so a foreign page cannot ride on someone's session;
        // visitor origins are checked against the tenant's allow-list when the socket opens.
        registry.addHandler(operators, "/ws/operator").setAllowedOriginPatterns("*");
        registry.addHandler(visitors, "/ws/visitor").setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(64 * 1024);
        container.setMaxSessionIdleTimeout(10 * 60 * 1000L);
        return container;
    }

    /**
     * A safety net for routing: an assignment that skipped an operator whose row another transaction held may
     * leave a conversation waiting although someone has room; offer the queue again regularly.
     */
    @Scheduled(fixedDelayString = "${parley.realtime.recheck-interval:10s}")
    void offerWaitingConversations() {
        for (java.util.UUID tenant : hub.tenantsWithOperators()) {
            try {
                var id = dev.parley.shared.TenantId.of(tenant);
                dev.parley.shared.TenantContext.runAs(id, () -> conversations.offerQueue(id));
            } catch (RuntimeException e) {
                log.debug("Offering the queue of {} failed: {}", tenant, e.getMessage());
            }
        }
    }

    /** Visitors of a tenant that was suspended or deleted lose their connection too. */
    @Scheduled(fixedDelayString = "${parley.realtime.recheck-interval:10s}")
    void recheckVisitorConnections() {
        for (Connection connection : hub.allVisitorConnections()) {
            boolean active = tenants.findWidgetTenant(dev.parley.shared.TenantId.of(connection.tenant()))
                    .map(t -> t.status() == dev.parley.tenancy.TenantStatus.ACTIVE).orElse(false);
            if (!active) {
                try {
                    SocketSupport.error(connection.session(), JsonMapper.builder().build(), null, "TENANT_SUSPENDED",
                            "This chat is not available.");
                    connection.session().close(SocketSupport.FORBIDDEN);
                } catch (java.io.IOException | RuntimeException e) {
                    log.debug("Closing {} failed: {}", connection.session().getId(), e.getMessage());
                }
            }
        }
    }

    @Scheduled(fixedDelayString = "${parley.realtime.recheck-interval:10s}")
    void recheckOperatorConnections() {
        Instant now = clock.instant();
        for (Connection connection : hub.allOperatorConnections()) {
            String reason = null;
            if (connection.expiresAt() != null && now.isAfter(connection.expiresAt())) {
                reason = "TOKEN_EXPIRED";
            } else {
                var verified = tokens.verify(connection.token(), null);
                if (!verified.valid()) {
                    reason = verified.refusal();
                }
            }
            if (reason != null) {
                try {
                    SocketSupport.error(connection.session(), JsonMapper.builder().build(), null, reason,
                            "This connection is no longer authorised.");
                    connection.session().close(reason.startsWith("TENANT_") ? SocketSupport.FORBIDDEN
                            : SocketSupport.UNAUTHORIZED);
                } catch (java.io.IOException | RuntimeException e) {
                    log.debug("Closing {} failed: {}", connection.session().getId(), e.getMessage());
                }
            }
        }
    }
}
