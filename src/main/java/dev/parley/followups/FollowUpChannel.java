package dev.parley.followups;

/**
 * How the contact is reached, and which of their details that needs: a phone number for a phone call, a text or a
 * WhatsApp message; an email address for an email or a video meeting (its link goes by mail); nothing in person.
 */
public enum FollowUpChannel {
    PHONE(ContactField.PHONE),
    EMAIL(ContactField.EMAIL),
    SMS(ContactField.PHONE),
    WHATSAPP(ContactField.PHONE),
    VIDEO(ContactField.EMAIL),
    IN_PERSON(null);

    private final ContactField needs;

    FollowUpChannel(ContactField needs) {
        this.needs = needs;
    }

    /** The contact detail this channel cannot do without, or null. */
    public ContactField needs() {
        return needs;
    }

    /** A contact detail a channel may need. */
    public enum ContactField {
        EMAIL("email"), PHONE("phone");

        private final String field;

        ContactField(String field) {
            this.field = field;
        }

        /** The field's name in the API ({@code email}, {@code phone}). */
        public String field() {
            return field;
        }
    }
}
