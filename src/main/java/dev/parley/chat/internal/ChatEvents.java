package dev.parley.chat.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.chat.ConversationView;
import dev.parley.chat.MessageView;
import dev.parley.chat.realtime.RealtimeHub;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Realtime frames caused by a change, sent only after its transaction commits: nobody sees a message that
 * was rolled back, and frames leave in the order they were made.
 */
@Component
public class ChatEvents {

    private final RealtimeHub hub;

    ChatEvents(RealtimeHub hub) {
        this.hub = hub;
    }

    public void messageCreated(UUID tenant, UUID contact, MessageView message) {
        Map<String, Object> frame = frame("message.created", "conversationId", message.conversationId(),
                "message", message);
        afterCommit(() -> {
            hub.toOperators(tenant, frame);
            if (!message.isPrivate()) {
                hub.toVisitor(tenant, contact, frame);
            }
        });
    }

    public void conversationChanged(UUID tenant, String type, ConversationView conversation) {
        Map<String, Object> operatorFrame = frame(type, "conversation", conversation);
        Map<String, Object> visitorFrame = frame("conversation.updated", "conversation", Map.of(
                "id", conversation.id(), "status", conversation.status(),
                "operatorName", conversation.assigneeName() == null ? "" : conversation.assigneeName()));
        afterCommit(() -> {
            hub.toOperators(tenant, operatorFrame);
            hub.toVisitor(tenant, conversation.contactId(), visitorFrame);
        });
    }

    public void queuePositions(UUID tenant, List<UUID[]> queue) {
        List<UUID[]> snapshot = new ArrayList<>(queue);
        afterCommit(() -> {
            for (int i = 0; i < snapshot.size(); i++) {
                hub.toVisitor(tenant, snapshot.get(i)[1], frame("queue.position", "conversationId",
                        snapshot.get(i)[0], "position", i + 1));
            }
        });
    }

    public void toOperators(UUID tenant, Map<String, Object> frame) {
        afterCommit(() -> hub.toOperators(tenant, frame));
    }

    public void toVisitor(UUID tenant, UUID contact, Map<String, Object> frame) {
        afterCommit(() -> hub.toVisitor(tenant, contact, frame));
    }

    public static Map<String, Object> frame(String type, Object... pairs) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        for (int i = 0; i < pairs.length; i += 2) {
            frame.put((String) pairs[i], pairs[i + 1]);
        }
        return frame;
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
