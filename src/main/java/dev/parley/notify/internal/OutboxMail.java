package dev.parley.notify.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A mail of the outbox as the tenant's admins see it.
 *
 * @param kind          why it was sent: {@code notification}, {@code invitation}, or what another module named
 * @param attempts      delivery attempts made so far
 * @param lastError     why the last attempt failed, if it did
 * @param nextAttemptAt when the next attempt is due (PENDING only)
 * @param attachments   the names of the files attached, in order
 */
public record OutboxMail(UUID id, String kind, String to, String subject, String body, Status status, int attempts,
                         String lastError, Instant nextAttemptAt, Instant createdAt, Instant sentAt,
                         List<String> attachments) {

    /** Where a mail stands. */
    public enum Status {
        /** Waiting for its (next) delivery attempt. */
        PENDING,
        /** Accepted by the mail server. */
        SENT,
        /** Every attempt failed; not tried again. */
        FAILED,
        /** No mail server is configured: kept here to be read in the console. */
        HELD
    }
}
