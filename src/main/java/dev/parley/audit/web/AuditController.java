package dev.parley.audit.web;

import java.util.UUID;

import dev.parley.audit.AuditLog.Entry;
import dev.parley.audit.internal.AuditQueries;
import dev.parley.shared.TenantContext;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.shared.web.CursorPage;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit views: a tenant admin reads their tenant's trail, a super-admin the platform's. */
@RestController
class AuditController {

    private final AuditQueries queries;
    private final PlatformTransactions platform;

    AuditController(AuditQueries queries, PlatformTransactions platform) {
        this.queries = queries;
        this.platform = platform;
    }

    @GetMapping("/api/v1/audit")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Transactional(readOnly = true)
    public CursorPage<Entry> tenantAudit(@RequestParam(required = false) String action,
                                         @RequestParam(required = false) String cursor,
                                         @RequestParam(required = false) Integer limit) {
        int size = CursorPage.limit(limit);
        return CursorPage.of(queries.tenantEntries(TenantContext.require(), action, CursorPage.decode(cursor),
                size + 1), size, Entry::id);
    }

    @GetMapping("/api/v1/platform/audit")
    @PreAuthorize("hasRole('SUPER_ADMIN')")
    public CursorPage<Entry> platformAudit(@RequestParam(required = false) UUID tenantId,
                                           @RequestParam(required = false) String action,
                                           @RequestParam(required = false) String cursor,
                                           @RequestParam(required = false) Integer limit) {
        int size = CursorPage.limit(limit);
        UUID before = CursorPage.decode(cursor);
        return platform.call(() -> CursorPage.of(queries.platformEntries(tenantId, action, before, size + 1),
                size, Entry::id));
    }
}
