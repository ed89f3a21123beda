package dev.parley.notify.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.notify.Mail;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers one mail of the outbox over SMTP and records how it went. The SMTP conversation happens outside any
 * transaction; a failure is retried later with back-off, and after the last attempt the mail is FAILED. A node that
 * dies between the server's acceptance and the record of it sends the mail again when the job is revived: mail is
 * delivered at least once.
 */
@Component
class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final MailOutboxRepository outbox;
    private final SmtpMailer smtp;
    private final MailProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    MailDelivery(MailOutboxRepository outbox, SmtpMailer smtp, MailProperties properties,
                 PlatformTransactionManager transactions, Clock clock) {
        this.outbox = outbox;
        this.smtp = smtp;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Tries to deliver the mail; answers when to try again, or nothing when it is done (sent, failed, gone). */
    Optional<Instant> deliver(TenantId tenant, UUID id) {
        OutboxMail mail = inTenant(tenant, () -> outbox.find(tenant, id).orElse(null));
        List<Mail.Attachment> attachments = mail == null || mail.attachments().isEmpty() ? List.of()
                : inTenant(tenant, () -> outbox.attachments(tenant, id));
        if (mail == null || mail.status() != OutboxMail.Status.PENDING) {
            return Optional.empty();
        }
        if (!smtp.configured()) {
            inTenant(tenant, () -> {
                outbox.held(tenant, id);
                return null;
            });
            return Optional.empty();
        }
        int attempts = mail.attempts() + 1;
        try {
            smtp.send(mail.to(), mail.subject(), mail.body(), attachments);
        } catch (MailException e) {
            Instant next = attempts >= properties.maxAttempts() ? null
                    : clock.instant().plus(properties.retryDelay(attempts));
            String error = describe(e);
            inTenant(tenant, () -> {
                outbox.failed(tenant, id, attempts, error, next);
                return null;
            });
            if (next == null) {
                log.warn("Gave up on mail {} to {} after {} attempts: {}", id, mail.to(), attempts, error);
            } else {
                log.info("Mail {} to {} not sent (attempt {}): {}; trying again at {}", id, mail.to(), attempts,
                        error, next);
            }
            return Optional.ofNullable(next);
        }
        inTenant(tenant, () -> {
            outbox.sent(tenant, id, attempts, clock.instant());
            return null;
        });
        return Optional.empty();
    }

    private <T> T inTenant(TenantId tenant, java.util.function.Supplier<T> work) {
        return TenantContext.callAs(tenant, () -> transaction.execute(status -> work.get()));
    }

    private static String describe(MailException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() <= 500 ? message : message.substring(0, 499) + "…";
    }
}
