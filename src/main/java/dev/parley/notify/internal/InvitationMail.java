package dev.parley.notify.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.parley.identity.InvitationIssued;
import dev.parley.identity.People;
import dev.parley.identity.Role;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantSummary;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Mails every invitation's link to the invited person, queued in the transaction that made the invitation (a tenant
 * admin's, or the platform's provisioning of a tenant with its first admin).
 */
@Component
class InvitationMail {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final MailQueue mail;
    private final TenantDirectory tenants;
    private final People people;

    InvitationMail(MailQueue mail, TenantDirectory tenants, People people) {
        this.mail = mail;
        this.tenants = tenants;
        this.people = people;
    }

    @EventListener
    void on(InvitationIssued invitation) {
        String tenant = tenants.find(invitation.tenant()).map(TenantSummary::name).orElse("a team");
        String inviter = invitation.invitedBy() == null ? null
                : people.find(invitation.tenant(), invitation.invitedBy()).map(People.Person::displayName).orElse(null);
        String text = (inviter != null ? inviter + " invited you" : "You are invited") + " to join " + tenant
                + " on Parley as " + roleName(invitation.role()) + ".\n\n"
                + "Accept the invitation and choose your password here:\n" + invitation.link() + "\n\n"
                + "The link works once, until " + DAY.format(invitation.expiresAt()) + ".\n"
                + "If you did not expect this invitation, you can ignore this mail.\n";
        mail.queue(invitation.tenant(), "invitation", invitation.email(),
                "You are invited to join " + tenant + " on Parley", text, null);
    }

    private static String roleName(Role role) {
        return switch (role) {
            case TENANT_ADMIN -> "a tenant admin";
            case ADMIN_OPERATOR -> "an admin operator";
            case OPERATOR -> "an operator";
            default -> role.name().toLowerCase(Locale.ROOT);
        };
    }
}
