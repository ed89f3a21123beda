package dev.parley.chat.realtime;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

import tools.jackson.databind.json.JsonMapper;

/**
 * The connections on this node and the fan-out of frames to them: every operator connection of a tenant, or
 * every connection of one visitor. Frames are serialised once per fan-out.
 */
@Component
public class RealtimeHub {

    private static final Logger log = LoggerFactory.getLogger(RealtimeHub.class);

    private final Map<UUID, Set<Connection>> operatorsByTenant = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> visitorsByContact = new ConcurrentHashMap<>();
    private final JsonMapper json;

    RealtimeHub(JsonMapper json) {
        this.json = json;
    }

    void addOperator(Connection connection) {
        operatorsByTenant.computeIfAbsent(connection.tenant(), t -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** Removes an operator connection; true when it was that operator's last one in the tenant. */
    boolean removeOperator(Connection connection) {
        Set<Connection> set = operatorsByTenant.get(connection.tenant());
        if (set == null) {
            return true;
        }
        set.remove(connection);
        return set.stream().noneMatch(c -> c.subject().equals(connection.subject()));
    }

    void addVisitor(Connection connection) {
        visitorsByContact.computeIfAbsent(key(connection.tenant(), connection.subject()),
                k -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void removeVisitor(Connection connection) {
        Set<Connection> set = visitorsByContact.get(key(connection.tenant(), connection.subject()));
        if (set != null) {
            set.remove(connection);
        }
    }

    /** Users with at least one live operator connection in the tenant. */
    public Set<UUID> connectedOperators(UUID tenant) {
        return operatorsByTenant.getOrDefault(tenant, Set.of()).stream().map(Connection::subject)
                .collect(Collectors.toSet());
    }

    public void toOperators(UUID tenant, Object frame) {
        send(operatorsByTenant.get(tenant), frame);
    }

    public void toVisitor(UUID tenant, UUID contact, Object frame) {
        send(visitorsByContact.get(key(tenant, contact)), frame);
    }

    /** Tenants with at least one operator connected on this node. */
    Set<UUID> tenantsWithOperators() {
        return operatorsByTenant.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    Iterable<Connection> allVisitorConnections() {
        return visitorsByContact.values().stream().flatMap(Set::stream).toList();
    }

    Iterable<Connection> allOperatorConnections() {
        return operatorsByTenant.values().stream().flatMap(Set::stream).toList();
    }

    private void send(Set<Connection> connections, Object frame) {
        if (connections == null || connections.isEmpty()) {
            return;
        }
        TextMessage message = new TextMessage(json.writeValueAsString(frame));
        for (Connection connection : connections) {
            try {
                connection.session().sendMessage(message);
            } catch (IOException | RuntimeException e) {
                log.debug("Could not send to {}: {}", connection.session().getId(), e.getMessage());
            }
        }
    }

    private static String key(UUID tenant, UUID contact) {
        return tenant + "/" + contact;
    }
}
