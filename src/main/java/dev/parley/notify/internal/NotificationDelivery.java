package dev.parley.notify.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.parley.identity.People;
import dev.parley.identity.People.Person;
import dev.parley.notify.Notification;
import dev.parley.notify.NotificationRequested;
import dev.parley.shared.Ids;
import dev.parley.shared.TenantContext;
import dev.parley.shared.web.PublicUrl;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a {@link NotificationRequested} into a stored notification (and a queued mail when asked) inside the
 * transaction that published it, so both exist if and only if the cause committed; the recipient's console hears
 * of it after the commit. A request for someone who is not an active member of the tenant is dropped (logged),
 * rather than failing the change that caused it.
 */
@Component
class NotificationDelivery {

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);
    /** A console route: a hash path of plain URL characters, never a script or another site. */
    private static final Pattern LINK = Pattern.compile("#/[A-Za-z0-9/_.~%?&=:+-]*");

    private final NotificationRepository repository;
    private final NotificationStreams streams;
    private final MailQueue mail;
    private final People people;
    private final TenantDirectory tenants;
    private final PublicUrl publicUrl;
    private final TransactionTemplate transaction;
    private final Clock clock;

    NotificationDelivery(NotificationRepository repository, NotificationStreams streams, MailQueue mail,
                         People people, TenantDirectory tenants, PublicUrl publicUrl,
                         PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.streams = streams;
        this.mail = mail;
        this.people = people;
        this.tenants = tenants;
        this.publicUrl = publicUrl;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @EventListener
    void on(NotificationRequested request) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            deliver(request);
        } else {
            // Published outside a transaction: the notification and its mail still go together.
            TenantContext.runAs(request.tenant(), () -> transaction.executeWithoutResult(status -> deliver(request)));
        }
    }

    private void deliver(NotificationRequested request) {
        Optional<Person> recipient = people.find(request.tenant(), request.recipient().value()).filter(Person::active);
        if (recipient.isEmpty()) {
            log.warn("Dropped a {} notification for {}: not an active member of tenant {}", request.kind(),
                    request.recipient(), request.tenant());
            return;
        }
        Notification notification = new Notification(Ids.newId(), clip(request.kind(), 64), clip(request.title(), 200),
                request.body() == null || request.body().isBlank() ? null : clip(request.body().strip(), 2000),
                link(request), clock.instant(), null);
        repository.insert(request.tenant(), request.recipient().value(), notification);
        if (request.email()) {
            mail.queue(request.tenant(), "notification", recipient.get().email(), notification.title(),
                    mailText(request, notification), notification.id());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("notification", notification);
        data.put("unread", repository.unread(request.tenant(), request.recipient().value()));
        streams.tell(request.tenant(), request.recipient(), "notification", data);
    }

    /** Plain text: the title, the body, the absolute link to the console page, and why they get it. */
    private String mailText(NotificationRequested request, Notification notification) {
        StringBuilder text = new StringBuilder(notification.title()).append("\n\n");
        if (notification.body() != null) {
            text.append(notification.body()).append("\n\n");
        }
        String console = publicUrl.resolve("/console/");
        text.append("Open in Parley: ").append(notification.link() != null ? console + notification.link() : console)
                .append("\n\n-- \n");
        String tenant = tenants.find(request.tenant()).map(TenantSummary::name).orElse("your team");
        text.append("You receive this because you are a member of ").append(tenant).append(" on Parley.\n");
        return text.toString();
    }

    private static String link(NotificationRequested request) {
        String link = request.link();
        if (link == null || link.isBlank()) {
            return null;
        }
        if (link.length() > 500 || !LINK.matcher(link).matches()) {
            log.warn("Dropped the link of a {} notification: not a console route: {}", request.kind(), link);
            return null;
        }
        return link;
    }

    private static String clip(String text, int max) {
        String value = text.strip();
        if (value.isEmpty()) {
            return "Notification";
        }
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
