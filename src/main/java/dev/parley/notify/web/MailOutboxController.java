package dev.parley.notify.web;

import java.util.List;

import dev.parley.notify.internal.MailQueue;
import dev.parley.notify.internal.OutboxMail;
import dev.parley.shared.TenantContext;
import dev.parley.shared.web.CursorPage;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's mail outbox for its admins: every mail sent, held or failing, and whether SMTP is configured. */
@RestController
@PreAuthorize("hasRole('TENANT_ADMIN')")
class MailOutboxController {

    /** One page of the outbox, newest first. */
    record Page(List<OutboxMail> items, String nextCursor, boolean smtpConfigured) {
    }

    private final MailQueue mail;

    MailOutboxController(MailQueue mail) {
        this.mail = mail;
    }

    @GetMapping("/api/v1/mail-outbox")
    @Transactional(readOnly = true)
    Page list(@RequestParam(required = false) OutboxMail.Status status,
              @RequestParam(required = false) String cursor,
              @RequestParam(required = false) Integer limit) {
        CursorPage<OutboxMail> page = mail.list(TenantContext.require(), status, cursor, limit);
        return new Page(page.items(), page.nextCursor(), mail.smtpConfigured());
    }
}
