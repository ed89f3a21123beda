package dev.parley.billing.internal;

import java.util.List;
import java.util.Map;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDataPurge;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Billing's tenant tables. The revenue ledger ({@code mrr_movements}) is kept: it is marked {@code retained:} in the
 * schema, so last year's revenue figures do not change when a tenant is purged; so are invoices, their lines and payments
 * (legal records).
 */
@Component
@Order(30)
class BillingDataPurge implements TenantDataPurge {

    private static final List<String> TABLES = List.of("invoice_items", "subscriptions", "tenant_plan", "billing_payment_accounts",
            "subscription_add_ons", "coupon_redemptions",
            "billing_profiles", "billing_suspensions", "usage_conversations", "usage_periods", "usage_thresholds");

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
