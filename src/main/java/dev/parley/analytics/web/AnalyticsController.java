package dev.parley.analytics.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import dev.parley.analytics.Period;
import dev.parley.analytics.internal.AnalyticsReports;
import dev.parley.analytics.internal.AnalyticsReports.Operators;
import dev.parley.analytics.internal.AnalyticsReports.Overview;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant admin's analytics: {@code from} and {@code to} are days (YYYY-MM-DD, both included) of the tenant's
 * calendar; without them, the last 30 days. Each endpoint needs its plan feature (402 otherwise).
 */
@RestController
@PreAuthorize("hasRole('TENANT_ADMIN')")
class AnalyticsController {

    private final AnalyticsReports reports;

    AnalyticsController(AnalyticsReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/analytics/overview")
    Overview overview(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return reports.overview(TenantContext.require(), from, to);
    }

    @GetMapping("/api/v1/analytics/operators")
    Operators operators(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return reports.operators(TenantContext.require(), from, to);
    }

    /** The CSV is written as the rows are read, inside one read-only tenant transaction. */
    @GetMapping("/api/v1/analytics/export.csv")
    @Transactional(readOnly = true)
    void export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                HttpServletResponse response) throws IOException {
        TenantId tenant = TenantContext.require();
        Period period = reports.exportPeriod(tenant, from, to);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"conversations-" + period.from() + "-to-" + period.to() + ".csv\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        reports.export(tenant, period, out);
        out.flush();
    }
}
