package dev.parley.support;

import java.util.UUID;

import dev.parley.notify.NotificationRequested;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Publishes {@link NotificationRequested} as other modules do: inside a transaction bound to the tenant. */
public final class NotificationFixtures {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    public NotificationFixtures(ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Publishes in a transaction that commits. */
    public void notify(UUID tenant, UUID recipient, String title, String body, String link, boolean email) {
        publish(new NotificationRequested(TenantId.of(tenant), UserId.of(recipient), "test.notice", title, body, link,
                email), true);
    }

    /** Publishes, then lets the transaction commit or roll back. */
    public void publish(NotificationRequested request, boolean commit) {
        TenantContext.runAs(request.tenant(), () -> transaction.executeWithoutResult(status -> {
            events.publishEvent(request);
            if (!commit) {
                status.setRollbackOnly();
            }
        }));
    }
}
