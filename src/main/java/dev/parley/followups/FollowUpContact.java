package dev.parley.followups;

import java.util.UUID;

/**
 * The contact a follow-up reaches, with the details its channel needs. Shown to admin operators only; every read is
 * audit-logged ({@code followup.contact_viewed}).
 *
 * @param erased true when the conversation's personal data was erased: name, email and phone are gone
 */
public record FollowUpContact(UUID contactId, UUID conversationId, String name, String email, String phone,
                              boolean erased) {
}
