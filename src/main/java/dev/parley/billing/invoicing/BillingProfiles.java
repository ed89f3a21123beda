package dev.parley.billing.invoicing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.parley.billing.invoice.TaxRate;
import dev.parley.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each tenant's billing details ({@code billing_profiles}): who invoices are addressed and mailed to, and its tax. */
@Component
public class BillingProfiles {

    /** A tenant's billing details; every field but the tax rate may be empty. */
    public record Profile(String billingEmail, String companyName, String address, String country, String vatId,
                          int taxRateBasisPoints) {

        static final Profile EMPTY = new Profile(null, null, null, null, null, 0);

        public TaxRate taxRate() {
            return new TaxRate(taxRateBasisPoints);
        }
    }

    private final JdbcClient db;
    private final Clock clock;

    BillingProfiles(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** In the caller's transaction (the tenant's own, or the platform path); empty details when none were saved. */
    public Profile of(TenantId tenant) {
        return find(tenant.value()).orElse(Profile.EMPTY);
    }

    Optional<Profile> find(UUID tenant) {
        return db.sql("""
                        SELECT billing_email, company_name, address, country, vat_id, tax_rate_bp
                        FROM billing_profiles WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> new Profile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)))
                .optional();
    }

    public Profile save(TenantId tenant, Profile profile) {
        db.sql("""
                        INSERT INTO billing_profiles (tenant_id, billing_email, company_name, address, country, vat_id,
                            tax_rate_bp, updated_at)
                        VALUES (:tenant, :email, :company, :address, :country, :vat, :tax, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET billing_email = excluded.billing_email,
                            company_name = excluded.company_name, address = excluded.address,
                            country = excluded.country, vat_id = excluded.vat_id, tax_rate_bp = excluded.tax_rate_bp,
                            updated_at = excluded.updated_at
                        """)
                .param("tenant", tenant.value()).param("email", profile.billingEmail())
                .param("company", profile.companyName()).param("address", profile.address())
                .param("country", profile.country()).param("vat", profile.vatId())
                .param("tax", profile.taxRateBasisPoints()).param("now", Timestamp.from(clock.instant())).update();
        return of(tenant);
    }

    /** The snapshot an invoice keeps of the buyer. */
    static Map<String, String> snapshot(Profile profile, String tenantName) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("name", profile.companyName() != null ? profile.companyName() : tenantName);
        put(details, "email", profile.billingEmail());
        put(details, "address", profile.address());
        put(details, "country", profile.country());
        put(details, "vatId", profile.vatId());
        return details;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
