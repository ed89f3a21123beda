package dev.parley.chat.web;

import dev.parley.chat.internal.TenantDashboard;
import dev.parley.chat.internal.TenantDashboard.Figures;
import dev.parley.chat.internal.TenantDashboard.Operators;
import dev.parley.shared.TenantContext;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenant dashboard's figures (tenant admins) and the team's presence (every member). */
@RestController
class DashboardController {

    private final TenantDashboard dashboard;

    DashboardController(TenantDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/api/v1/dashboard")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    Figures dashboard() {
        return dashboard.figures(TenantContext.require());
    }

    /** Who is online, away or offline now, with their open chats: what operators already see live in the inbox. */
    @GetMapping("/api/v1/operators/presence")
    Operators presence() {
        return dashboard.operators(TenantContext.require());
    }
}
