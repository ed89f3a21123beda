package dev.parley.notify;

import java.util.UUID;

import dev.parley.notify.internal.MailQueue;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Service;

/**
 * Sends a tenant's plain-text mail durably: queued in the tenant's mail outbox inside the caller's transaction, then
 * delivered over SMTP after the commit with retries, or kept in the outbox (shown in the console) when no mail server
 * is configured.
 */
@Service
public class Mail {

    private final MailQueue queue;

    Mail(MailQueue queue) {
        this.queue = queue;
    }

    /** Queues a mail; answers its id in the outbox. Call it inside the transaction of the change that sends it. */
    public UUID send(TenantId tenant, String toAddress, String subject, String text) {
        return send(tenant, "mail", toAddress, subject, text);
    }

    /** As {@link #send(TenantId, String, String, String)}, naming why it is sent ({@code followup.email}, …). */
    public UUID send(TenantId tenant, String kind, String toAddress, String subject, String text) {
        return queue.queue(tenant, kind, toAddress, subject, text, null);
    }
}
