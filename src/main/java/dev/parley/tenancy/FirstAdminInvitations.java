package dev.parley.tenancy;

import java.time.Instant;

import dev.parley.shared.TenantId;

/**
 * Invites a tenant's first administrator while it is provisioned. Implemented by the identity module, so
 * tenancy does not depend on it; runs inside the provisioning transaction.
 */
public interface FirstAdminInvitations {

    InvitationLink inviteFirstAdmin(TenantId tenant, String email);

    /** The link that lets the invited person set their password and join. */
    record InvitationLink(String email, String link, Instant expiresAt) {
    }
}
