package dev.parley.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.parley.audit.AuditLog;
import dev.parley.chat.internal.ContactRepository;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contact's name, email and phone as operators read and correct them, within the caller's tenant: an admin
 * fixes a missing phone number before scheduling a call, say. Every correction is audit-logged.
 */
@Service
@Transactional
public class ContactDetails {

    /** A plausible address: something, one @, a domain with a dot; no spaces. */
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** Digits with the usual separators, an optional leading +: "+32 470 12 34 56", "(555) 123-4567". */
    static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()\\-.]+$");

    private final ContactRepository contacts;
    private final AuditLog audit;

    ContactDetails(ContactRepository contacts, AuditLog audit) {
        this.contacts = contacts;
        this.audit = audit;
    }

    /**
     * A correction: a null field stays as it is, an empty one is cleared.
     *
     * @param name  up to 200 characters
     * @param email a plausible address, up to 320 characters
     * @param phone digits, spaces, {@code + - ( ) .}, at least 4 digits, up to 50 characters
     */
    public record Change(String name, String email, String phone) {
    }

    @Transactional(readOnly = true)
    public Optional<ContactView> find(TenantId tenant, UUID contact) {
        return contacts.find(tenant.value(), contact);
    }

    /** Applies a correction, or a 400 naming the first field that is wrong; an unknown contact is a 404. */
    public ContactView change(TenantId tenant, UUID contact, Change change) {
        String name = check("name", change.name(), 200, null, null);
        String email = check("email", change.email(), 320, EMAIL, "must be an email address such as name@example.com");
        String phone = check("phone", change.phone(), 50, PHONE,
                "must be a phone number: digits, spaces, + - ( ) only, such as +32 470 12 34 56");
        if (phone != null && !phone.isEmpty() && phone.chars().filter(Character::isDigit).count() < 4) {
            throw ParleyException.invalidField("phone", "must have at least 4 digits");
        }
        ContactView before = find(tenant, contact)
                .orElseThrow(() -> ParleyException.notFound("CONTACT_NOT_FOUND", "No contact has this id."));
        contacts.correct(tenant.value(), contact, name, email, phone);
        List<String> changed = new ArrayList<>();
        if (name != null && !name.equals(nullToEmpty(before.name()))) {
            changed.add("name");
        }
        if (email != null && !email.equals(nullToEmpty(before.email()))) {
            changed.add("email");
        }
        if (phone != null && !phone.equals(nullToEmpty(before.phone()))) {
            changed.add("phone");
        }
        if (!changed.isEmpty()) {
            // Which fields, not their values: the audit trail is not a second copy of personal data.
            audit.record(tenant, "contact.updated", "contact", contact, Map.of("fields", changed));
        }
        return find(tenant, contact).orElseThrow();
    }

    /** The trimmed value, "" to clear, null to keep; a 400 when it is too long or malformed. */
    private static String check(String field, String value, int max, Pattern shape, String shapeMessage) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw ParleyException.invalidField(field, "must be at most " + max + " characters");
        }
        if (!trimmed.isEmpty() && shape != null && !shape.matcher(trimmed).matches()) {
            throw ParleyException.invalidField(field, shapeMessage);
        }
        return trimmed;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
