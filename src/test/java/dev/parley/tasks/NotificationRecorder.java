package dev.parley.tasks;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.parley.notify.NotificationRequested;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Listens, for one test, to the {@link NotificationRequested} events the application publishes, without depending
 * on the notify module that delivers them; notes whether each was published inside a transaction.
 */
final class NotificationRecorder implements ApplicationListener<PayloadApplicationEvent<NotificationRequested>>,
        AutoCloseable {

    /** A notification asked for, and whether a transaction was active when it was. */
    record Recorded(NotificationRequested notification, boolean inTransaction) {
    }

    private final ConfigurableApplicationContext context;
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

    NotificationRecorder(ConfigurableApplicationContext context) {
        this.context = context;
        context.addApplicationListener(this);
    }

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<NotificationRequested> event) {
        recorded.add(new Recorded(event.getPayload(), TransactionSynchronizationManager.isActualTransactionActive()));
    }

    /** What was asked for in this tenant, of this kind. */
    List<Recorded> of(UUID tenant, String kind) {
        return recorded.stream().filter(r -> r.notification().tenant().value().equals(tenant)
                && r.notification().kind().equals(kind)).toList();
    }

    @Override
    public void close() {
        context.removeApplicationListener(this);
    }
}
