package dev.parley.billing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.billing.CouponOffer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The platform's {@code coupons} and each tenant's {@code coupon_redemptions}; callers choose the transaction. */
@Repository
public class CouponRepository {

    /** A tenant's redemption: the coupon and the start of its period 0. */
    public record Redemption(CouponOffer offer, Instant redeemedAt, Instant firstPeriodStart) {
    }

    private static final String COLUMNS = """
            c.code, c.name, c.percent_off_bp, c.amount_off, c.currency, c.duration, c.duration_periods, c.redeem_by,
            c.max_redemptions, c.times_redeemed, c.created_at""";

    private final JdbcClient db;

    CouponRepository(JdbcClient db) {
        this.db = db;
    }

    public List<CouponOffer> all() {
        return db.sql("SELECT " + COLUMNS + " FROM coupons c ORDER BY c.created_at DESC, c.code")
                .query(CouponRepository::offer).list();
    }

    public Optional<CouponOffer> find(String code) {
        return db.sql("SELECT " + COLUMNS + " FROM coupons c WHERE c.code = :code").param("code", code)
                .query(CouponRepository::offer).optional();
    }

    /** Inserts the coupon unless its code is taken; answers whether it was inserted. */
    public boolean insert(CouponOffer c, Instant now) {
        return db.sql("""
                        INSERT INTO coupons (code, name, percent_off_bp, amount_off, currency, duration,
                            duration_periods, redeem_by, max_redemptions, created_at, updated_at)
                        VALUES (:code, :name, :percent, :amount, :currency, :duration, :periods, :redeemBy, :max,
                            :now, :now)
                        ON CONFLICT (code) DO NOTHING
                        """)
                .param("code", c.code()).param("name", c.name()).param("percent", c.percentOffBasisPoints())
                .param("amount", c.amountOff()).param("currency", c.currency()).param("duration", c.duration().name())
                .param("periods", c.durationPeriods()).param("redeemBy", timestamp(c.redeemBy()))
                .param("max", c.maxRedemptions()).param("now", Timestamp.from(now)).update() == 1;
    }

    /** Changes what may change once a coupon exists: its name, expiry and redemption limit. */
    public boolean update(String code, String name, Instant redeemBy, Integer maxRedemptions, Instant now) {
        return db.sql("""
                        UPDATE coupons SET name = :name, redeem_by = :redeemBy, max_redemptions = :max,
                            updated_at = :now
                        WHERE code = :code
                        """)
                .param("code", code).param("name", name).param("redeemBy", timestamp(redeemBy))
                .param("max", maxRedemptions).param("now", Timestamp.from(now)).update() == 1;
    }

    /**
     * Counts one redemption if the coupon may still be redeemed at {@code now}; answers whether it was counted. The
     * row lock of the update orders concurrent redemptions, and each re-checks the limit after the one before it
     * commits, so the last redemption is given exactly once.
     */
    public boolean countRedemption(String code, Instant now) {
        return db.sql("""
                        UPDATE coupons SET times_redeemed = times_redeemed + 1
                        WHERE code = :code AND (redeem_by IS NULL OR redeem_by > :now)
                          AND (max_redemptions IS NULL OR times_redeemed < max_redemptions)
                        """)
                .param("code", code).param("now", Timestamp.from(now)).update() == 1;
    }

    public void redeem(UUID tenant, String code, Instant now, Instant firstPeriodStart) {
        db.sql("""
                        INSERT INTO coupon_redemptions (tenant_id, coupon_code, redeemed_at, first_period_start)
                        VALUES (:tenant, :code, :now, :first)
                        """)
                .param("tenant", tenant).param("code", code).param("now", Timestamp.from(now))
                .param("first", Timestamp.from(firstPeriodStart)).update();
    }

    /** The tenant's redemptions, latest first. */
    public List<Redemption> redemptions(UUID tenant) {
        return db.sql("SELECT " + COLUMNS + """
                        , r.redeemed_at, r.first_period_start
                        FROM coupon_redemptions r JOIN coupons c ON c.code = r.coupon_code
                        WHERE r.tenant_id = :tenant ORDER BY r.redeemed_at DESC
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> new Redemption(offer(rs, n), rs.getTimestamp("redeemed_at").toInstant(),
                        rs.getTimestamp("first_period_start").toInstant()))
                .list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static CouponOffer offer(ResultSet rs, int row) throws SQLException {
        int percent = rs.getInt("percent_off_bp");
        Integer percentOff = rs.wasNull() ? null : percent;
        long amount = rs.getLong("amount_off");
        Long amountOff = rs.wasNull() ? null : amount;
        int periods = rs.getInt("duration_periods");
        Integer durationPeriods = rs.wasNull() ? null : periods;
        int max = rs.getInt("max_redemptions");
        Integer maxRedemptions = rs.wasNull() ? null : max;
        Timestamp redeemBy = rs.getTimestamp("redeem_by");
        return new CouponOffer(rs.getString("code"), rs.getString("name"), percentOff, amountOff,
                rs.getString("currency"), CouponOffer.Duration.valueOf(rs.getString("duration")), durationPeriods,
                redeemBy == null ? null : redeemBy.toInstant(), maxRedemptions, rs.getInt("times_redeemed"),
                rs.getTimestamp("created_at").toInstant());
    }
}
