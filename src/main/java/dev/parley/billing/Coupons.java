package dev.parley.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.parley.audit.AuditLog;
import dev.parley.billing.internal.CouponRepository;
import dev.parley.shared.ParleyException;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.stereotype.Service;

/** The platform owner's coupons: list, create, and change a coupon's name, expiry and redemption limit. */
@Service
public class Coupons {

    /** A new coupon as the super-admin writes it: exactly one of percent off (basis points) and amount off. */
    public record CouponDefinition(String code, String name, Integer percentOffBasisPoints, Long amountOff,
                                   String currency, CouponOffer.Duration duration, Integer durationPeriods,
                                   Instant redeemBy, Integer maxRedemptions) {
    }

    private final CouponRepository coupons;
    private final PlatformTransactions platform;
    private final AuditLog audit;
    private final Clock clock;

    Coupons(CouponRepository coupons, PlatformTransactions platform, AuditLog audit, Clock clock) {
        this.coupons = coupons;
        this.platform = platform;
        this.audit = audit;
        this.clock = clock;
    }

    public List<CouponOffer> list() {
        return platform.call(coupons::all);
    }

    public CouponOffer get(String code) {
        return platform.call(() -> coupons.find(normalise(code)).orElseThrow(Coupons::notFound));
    }

    public CouponOffer create(CouponDefinition d) {
        String code = normalise(d.code());
        if (!code.matches("[A-Z0-9][A-Z0-9_-]{1,39}")) {
            throw ParleyException.invalidField("code", "must be 2-40 letters, digits, '-' or '_'");
        }
        if ((d.percentOffBasisPoints() == null) == (d.amountOff() == null)) {
            throw ParleyException.invalidField("percentOff", "give either percentOff or amountOff, not both");
        }
        if (d.amountOff() != null && (d.currency() == null || !d.currency().matches("[A-Z]{3}"))) {
            throw ParleyException.invalidField("currency", "an amount off needs an ISO 4217 currency such as EUR");
        }
        if (d.duration() == null) {
            throw ParleyException.invalidField("duration", "must be ONCE, REPEATING or FOREVER");
        }
        if ((d.duration() == CouponOffer.Duration.REPEATING) != (d.durationPeriods() != null)) {
            throw ParleyException.invalidField("durationPeriods", "is required for REPEATING and only for it");
        }
        Instant now = clock.instant();
        if (d.redeemBy() != null && !d.redeemBy().isAfter(now)) {
            throw ParleyException.invalidField("redeemBy", "must be in the future");
        }
        CouponOffer offer = new CouponOffer(code, d.name().trim(), d.percentOffBasisPoints(), d.amountOff(),
                d.amountOff() == null ? null : d.currency(), d.duration(), d.durationPeriods(), d.redeemBy(),
                d.maxRedemptions(), 0, now);
        return platform.call(() -> {
            if (!coupons.insert(offer, now)) {
                throw ParleyException.conflict("COUPON_EXISTS", "A coupon with the code " + code + " exists.");
            }
            audit.recordPlatform("coupon.created", null, "coupon", code, details(offer));
            return coupons.find(code).orElseThrow();
        });
    }

    /** Renames the coupon, moves its expiry, changes its redemption limit (not below what is redeemed). */
    public CouponOffer update(String rawCode, String name, Instant redeemBy, Integer maxRedemptions) {
        String code = normalise(rawCode);
        return platform.call(() -> {
            CouponOffer existing = coupons.find(code).orElseThrow(Coupons::notFound);
            if (maxRedemptions != null && maxRedemptions < existing.timesRedeemed()) {
                throw ParleyException.invalidField("maxRedemptions", "is below the " + existing.timesRedeemed()
                        + " redemptions made");
            }
            coupons.update(code, name.trim(), redeemBy, maxRedemptions, clock.instant());
            CouponOffer updated = coupons.find(code).orElseThrow();
            audit.recordPlatform("coupon.updated", null, "coupon", code, details(updated));
            return updated;
        });
    }

    private static Map<String, Object> details(CouponOffer c) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", c.name());
        details.put("percentOffBasisPoints", c.percentOffBasisPoints());
        details.put("amountOff", c.amountOff());
        details.put("currency", c.currency());
        details.put("duration", c.duration().name());
        details.put("durationPeriods", c.durationPeriods());
        details.put("redeemBy", c.redeemBy() == null ? null : c.redeemBy().toString());
        details.put("maxRedemptions", c.maxRedemptions());
        return details;
    }

    private static String normalise(String code) {
        return code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("COUPON_NOT_FOUND", "No coupon has this code.");
    }
}
