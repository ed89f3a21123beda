package dev.parley.tasks.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.parley.chat.ConversationErased;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention hook: when a conversation's personal data is erased, its tasks lose their copy of the contact's
 * name, email and phone, in the same transaction (the task itself, its comments and history stay). Each such task
 * records {@code CONTACT_ERASED} in its history.
 */
@Component
class TaskContactErasure {

    private final TaskRepository tasks;
    private final TaskHistory history;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TaskContactErasure(TaskRepository tasks, TaskHistory history, PlatformTransactionManager transactions, Clock clock) {
        this.tasks = tasks;
        this.history = history;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Runs in the publisher's transaction (a new one if it has none), bound to the event's tenant. */
    @EventListener
    void on(ConversationErased event) {
        TenantId tenant = event.tenant();
        TenantContext.current().filter(bound -> !bound.equals(tenant)).ifPresent(bound -> {
            throw new IllegalStateException("Conversation of tenant " + tenant + " erased while working for " + bound);
        });
        TenantContext.runAs(tenant, () -> transactions.executeWithoutResult(status -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<UUID> erased = tasks.eraseContact(tenant.value(), event.conversationId(), event.contactId(), now);
            for (UUID task : erased) {
                history.record(tenant.value(), task, null, "CONTACT_ERASED", null, null, now);
            }
        }));
    }
}
