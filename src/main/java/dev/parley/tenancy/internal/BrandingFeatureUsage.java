package dev.parley.tenancy.internal;

import java.util.ArrayList;
import java.util.List;

import dev.parley.shared.TenantId;
import dev.parley.shared.usage.FeatureUsage;
import dev.parley.tenancy.Branding;
import dev.parley.tenancy.FeatureGate;

import org.springframework.stereotype.Component;

/** Custom colours or a logo use the plan's {@code branding} feature. */
@Component
class BrandingFeatureUsage implements FeatureUsage {

    private final Branding branding;

    BrandingFeatureUsage(Branding branding) {
        this.branding = branding;
    }

    @Override
    public List<InUse> inUse(TenantId tenant) {
        Branding.Colors colors = branding.colors(tenant);
        List<String> set = new ArrayList<>();
        if (colors.primaryColor() != null || colors.accentColor() != null) {
            set.add("custom colours");
        }
        if (colors.hasLogo()) {
            set.add("a logo");
        }
        return set.isEmpty() ? List.of() : List.of(new InUse(FeatureGate.BRANDING, set.size(),
                String.join(" and ", set)));
    }
}
