package dev.parley.identity;

import java.time.Instant;
import java.util.UUID;

import dev.parley.shared.TenantId;

/**
 * Someone was invited to join a tenant: published inside the transaction that made the invitation, so the mail
 * that carries the link (the notify module's) is queued with it or not at all.
 *
 * @param email     who is invited (lower case)
 * @param link      the secret link that accepts it, absolute
 * @param invitedBy the member who invited them, or null (provisioning by the platform)
 */
public record InvitationIssued(TenantId tenant, UUID invitationId, String email, Role role, String link,
                               Instant expiresAt, UUID invitedBy) {
}
