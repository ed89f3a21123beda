package dev.parley.chat.web;

import java.util.UUID;

import dev.parley.chat.ContactDetails;
import dev.parley.chat.ContactView;
import dev.parley.shared.TenantContext;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Corrections of a contact's name, email and phone, by admin operators and tenant admins. */
@RestController
class ContactController {

    private final ContactDetails contacts;

    ContactController(ContactDetails contacts) {
        this.contacts = contacts;
    }

    /** Fields left out stay as they are; an empty string clears one. */
    @PatchMapping("/api/v1/contacts/{id}")
    @PreAuthorize("hasAnyRole('ADMIN_OPERATOR', 'TENANT_ADMIN')")
    ContactView change(@PathVariable UUID id, @RequestBody ContactDetails.Change body) {
        return contacts.change(TenantContext.require(), id, body);
    }
}
