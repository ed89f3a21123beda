package dev.parley.notify.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import dev.parley.notify.Mail;
import dev.parley.shared.Ids;
import dev.parley.shared.TenantId;
import dev.parley.shared.web.CursorPage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues mail in the tenant's outbox inside the caller's transaction. With a mail server configured, a durable
 * {@code mail-delivery} execution is stored with it and delivers it after the commit (retried with back-off);
 * without one the mail is HELD: it stays in the outbox, which tenant admins read in the console.
 */
@Service
public class MailQueue {

    /** One execution per mail; instance id {@code <tenant id>:<mail id>}, no data. */
    static final TaskDescriptor<Void> TASK = TaskDescriptor.of("mail-delivery");

    private final MailOutboxRepository outbox;
    private final SmtpMailer smtp;
    private final SchedulerClient scheduler;
    private final ObjectProvider<Scheduler> poller;
    private final Clock clock;

    MailQueue(MailOutboxRepository outbox, SmtpMailer smtp, SchedulerClient scheduler, ObjectProvider<Scheduler> poller,
              Clock clock) {
        this.outbox = outbox;
        this.smtp = smtp;
        this.scheduler = scheduler;
        this.poller = poller;
        this.clock = clock;
    }

    /** Queues one plain-text mail; answers its id in the outbox. */
    public UUID queue(TenantId tenant, String kind, String to, String subject, String text, UUID notificationId) {
        return queue(tenant, kind, to, subject, text, notificationId, List.of());
    }

    /** Queues one plain-text mail with files attached, stored with it in the outbox; answers its id. */
    public UUID queue(TenantId tenant, String kind, String to, String subject, String text, UUID notificationId,
                      List<Mail.Attachment> attachments) {
        Instant now = clock.instant();
        UUID id = Ids.newId();
        boolean send = smtp.configured();
        outbox.insert(tenant, new OutboxMail(id, kind, to.strip(), oneLine(subject), text,
                send ? OutboxMail.Status.PENDING : OutboxMail.Status.HELD, 0, null, send ? now : null, now, null,
                attachments.stream().map(Mail.Attachment::filename).toList()),
                notificationId);
        outbox.attach(tenant, id, attachments);
        if (send) {
            scheduler.schedule(TASK.instance(tenant.value() + ":" + id).build(), now);
            deliverSoonAfterCommit();
        }
        return id;
    }

    public CursorPage<OutboxMail> list(TenantId tenant, OutboxMail.Status status, String cursor, Integer limit) {
        int size = CursorPage.limit(limit);
        return CursorPage.of(outbox.list(tenant, status, CursorPage.decode(cursor), size + 1), size, OutboxMail::id);
    }

    public boolean smtpConfigured() {
        return smtp.configured();
    }

    /** The nodes poll for due executions every few seconds; this one looks at once when the mail is committed. */
    private void deliverSoonAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Scheduler running = poller.getIfAvailable();
                if (running != null) {
                    running.triggerCheckForDueExecutions();
                }
            }
        });
    }

    private static String oneLine(String subject) {
        String line = subject.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() <= 300 ? line : line.substring(0, 299) + "…";
    }
}
