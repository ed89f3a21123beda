package dev.parley.notify;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.parley.notify.internal.MailQueue;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Service;

/**
 * Sends a tenant's plain-text mail, with files attached if any, durably: queued in the tenant's mail outbox inside the caller's transaction, then
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

    /** As {@link #send(TenantId, String, String, String, String)}, with files attached (sent as a multipart mail). */
    public UUID send(TenantId tenant, String kind, String toAddress, String subject, String text,
                     List<Attachment> attachments) {
        return queue.queue(tenant, kind, toAddress, subject, text, null, attachments);
    }

    /** A file sent with a mail: its name as the recipient sees it, its MIME type and its bytes. */
    public record Attachment(String filename, String contentType, byte[] content) {

        public Attachment {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
            filename = filename.replaceAll("[\\r\\n\\\\/\"]+", "_").strip();
            if (filename.isEmpty() || filename.length() > 200) {
                throw new IllegalArgumentException("An attachment's name has 1 to 200 characters");
            }
        }
    }
}
