package dev.parley.billing.internal;

import java.util.List;
import java.util.Map;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDataPurge;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Billing's tenant tables: the tenant's plan and how it pays. Nothing references them, so they can go early. */
@Component
@Order(30)
class BillingDataPurge implements TenantDataPurge {

    private static final List<String> TABLES = List.of("tenant_plan", "billing_payment_accounts");

    private final JdbcClient db;

    BillingDataPurge(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, Integer> purge(TenantId tenant) {
        return TenantDataPurge.deleteRows(db, tenant, TABLES);
    }
}
