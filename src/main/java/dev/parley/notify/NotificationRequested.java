package dev.parley.notify;

import java.util.Objects;

import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;

/**
 * Asks that a person of a tenant be told something: in the console at once and, when {@code email} is set, by mail.
 * Modules publish it as an application event inside the transaction that caused it; it is delivered only if that
 * transaction commits.
 *
 * @param kind  what happened, stable and dotted, e.g. {@code task.assigned}, {@code followup.reminder}
 * @param title one line a person reads first
 * @param body  a few sentences, plain text
 * @param link  where the console opens it, a hash route such as {@code #/tasks/<id>}, or null
 * @param email whether to send it by mail as well
 */
public record NotificationRequested(TenantId tenant, UserId recipient, String kind, String title, String body,
                                    String link, boolean email) {

    public NotificationRequested {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
    }
}
