package dev.parley.tenancy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.parley.audit.AuditLog;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.internal.LogoCheck;
import dev.parley.tenancy.internal.TenantRepository;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A tenant's look: primary and accent colours (with a warning when white text on them falls below WCAG AA
 * contrast) and a logo. Only the tenant's own admins change it; the widget and console show it.
 */
@Service
public class Branding {

    /** The colours as stored, and warnings a person should read before keeping them. */
    public record Colors(String primaryColor, String accentColor, boolean hasLogo, List<String> warnings) {
    }

    /** A stored logo. */
    public record Logo(String contentType, byte[] bytes) {
    }

    private final TenantRepository tenants;
    private final TenantDirectory directory;
    private final PlatformTransactions platform;
    private final JdbcClient db;
    private final AuditLog audit;
    private final FeatureGate gate;
    private final Clock clock;

    Branding(TenantRepository tenants, TenantDirectory directory, PlatformTransactions platform, JdbcClient db,
             AuditLog audit, FeatureGate gate, Clock clock) {
        this.tenants = tenants;
        this.directory = directory;
        this.platform = platform;
        this.db = db;
        this.audit = audit;
        this.gate = gate;
        this.clock = clock;
    }

    public Colors setColors(TenantId tenant, String primary, String accent) {
        String p = color("primaryColor", primary);
        String a = color("accentColor", accent);
        gate.require(tenant, FeatureGate.BRANDING);
        return platform.call(() -> {
            Tenant t = tenants.findById(tenant.value()).orElseThrow();
            Map<String, Object> settings = new LinkedHashMap<>(t.settings());
            Map<String, Object> branding = new LinkedHashMap<>();
            if (settings.get("branding") instanceof Map<?, ?> existing) {
                existing.forEach((k, v) -> branding.put(String.valueOf(k), v));
            }
            if (p != null) {
                branding.put("primaryColor", p);
            }
            if (a != null) {
                branding.put("accentColor", a);
            }
            settings.put("branding", branding);
            tenants.update(tenant.value(), t.name(), settings, clock.instant());
            audit.record(tenant, "branding.colors_changed", "tenant", tenant.value(), branding);
            directory.evict(tenant.value());
            return colors(tenant);
        });
    }

    public Colors colors(TenantId tenant) {
        return platform.call(() -> {
            Tenant t = tenants.findById(tenant.value()).orElseThrow();
            Map<?, ?> branding = t.settings().get("branding") instanceof Map<?, ?> m ? m : Map.of();
            String primary = (String) branding.get("primaryColor");
            String accent = (String) branding.get("accentColor");
            List<String> warnings = new ArrayList<>();
            for (var entry : new String[][] {{"primary colour", primary}, {"accent colour", accent}}) {
                if (entry[1] != null && contrast(entry[1], "#ffffff") < 4.5) {
                    warnings.add(String.format(java.util.Locale.ROOT, "White text on the %s %s has a contrast of "
                            + "%.1f:1, below the 4.5:1 WCAG AA asks for; pick a darker colour.",
                            entry[0], entry[1], contrast(entry[1], "#ffffff")));
                }
            }
            return new Colors(primary, accent, logo(tenant).isPresent(), warnings);
        });
    }

    public void setLogo(TenantId tenant, byte[] bytes) {
        gate.require(tenant, FeatureGate.BRANDING);
        String type = LogoCheck.contentType(bytes);
        platform.run(() -> {
            db.sql("""
                            INSERT INTO tenant_logos (tenant_id, content_type, bytes, updated_at)
                            VALUES (:tenant, :type, :bytes, :now)
                            ON CONFLICT (tenant_id) DO UPDATE SET content_type = excluded.content_type,
                                bytes = excluded.bytes, updated_at = excluded.updated_at
                            """)
                    .param("tenant", tenant.value()).param("type", type).param("bytes", bytes)
                    .param("now", Timestamp.from(clock.instant())).update();
            audit.record(tenant, "branding.logo_changed", "tenant", tenant.value(),
                    Map.of("contentType", type, "bytes", bytes.length));
        });
    }

    public void removeLogo(TenantId tenant) {
        platform.run(() -> {
            db.sql("DELETE FROM tenant_logos WHERE tenant_id = :tenant").param("tenant", tenant.value()).update();
            audit.record(tenant, "branding.logo_removed", "tenant", tenant.value(), Map.of());
        });
    }

    public Optional<Logo> logo(TenantId tenant) {
        return platform.call(() -> db.sql("SELECT content_type, bytes FROM tenant_logos WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query((rs, n) -> new Logo(rs.getString("content_type"), rs.getBytes("bytes")))
                .optional());
    }

    private static String color(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("#[0-9a-fA-F]{6}")) {
            throw ParleyException.invalidField(field, "must be a colour written #RRGGBB");
        }
        return value.toLowerCase();
    }

    /** WCAG 2 contrast ratio between two #RRGGBB colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            rgb[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }
}
