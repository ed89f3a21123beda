package dev.parley.billing.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.billing.Plan;
import dev.parley.billing.invoice.PricingTiers;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** The {@code plans} platform table and the tenant-owned {@code tenant_plan}; callers choose the transaction. */
@Repository
public class PlanRepository {

    private static final String COLUMNS = """
            id, name, currency, monthly_price, yearly_price, included_operators, included_conversations, storage_mb,
            api_rate_per_minute, features, trial_days, overage_tiers::text, created_at, updated_at, widget_rate_per_minute, self_serve""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient db;

    PlanRepository(JdbcClient db) {
        this.db = db;
    }

    public List<Plan> all() {
        return db.sql("SELECT " + COLUMNS + " FROM plans ORDER BY monthly_price, id").query(PlanRepository::plan).list();
    }

    public Optional<Plan> find(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM plans WHERE id = :id").param("id", id)
                .query(PlanRepository::plan).optional();
    }

    /** Inserts the plan unless its id is taken; answers whether it was inserted. */
    public boolean insert(Plan plan, Instant now) {
        return db.sql("""
                        INSERT INTO plans (id, name, currency, monthly_price, yearly_price, included_operators,
                            included_conversations, storage_mb, api_rate_per_minute, features, trial_days,
                            overage_tiers, created_at, updated_at, widget_rate_per_minute, self_serve)
                        VALUES (:id, :name, :currency, :monthly, :yearly, :operators, :conversations, :storage, :rate,
                            string_to_array(:features, ','), :trialDays, :overage::jsonb, :now, :now, :widgetRate,
                            :selfServe)
                        ON CONFLICT (id) DO NOTHING
                        """)
                .params(values(plan)).param("now", Timestamp.from(now)).update() == 1;
    }

    public boolean update(Plan plan, Instant now) {
        return db.sql("""
                        UPDATE plans SET name = :name, currency = :currency, monthly_price = :monthly,
                            yearly_price = :yearly, included_operators = :operators,
                            included_conversations = :conversations, storage_mb = :storage,
                            api_rate_per_minute = :rate, features = string_to_array(:features, ','),
                            trial_days = :trialDays, overage_tiers = :overage::jsonb, updated_at = :now,
                            widget_rate_per_minute = :widgetRate, self_serve = :selfServe
                        WHERE id = :id
                        """)
                .params(values(plan)).param("now", Timestamp.from(now)).update() == 1;
    }

    /** The tenant's plan id, if it has been given one. */
    public Optional<String> planOf(UUID tenant) {
        return db.sql("SELECT plan_id FROM tenant_plan WHERE tenant_id = :tenant").param("tenant", tenant)
                .query(String.class).optional();
    }

    public Optional<Instant> since(UUID tenant) {
        return db.sql("SELECT since FROM tenant_plan WHERE tenant_id = :tenant").param("tenant", tenant)
                .query((rs, n) -> rs.getTimestamp("since").toInstant()).optional();
    }

    public void assign(UUID tenant, String plan, Instant now) {
        db.sql("""
                        INSERT INTO tenant_plan (tenant_id, plan_id, since) VALUES (:tenant, :plan, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET plan_id = excluded.plan_id, since = excluded.since
                        """)
                .param("tenant", tenant).param("plan", plan).param("now", Timestamp.from(now)).update();
    }

    private static java.util.Map<String, Object> values(Plan plan) {
        var values = new java.util.HashMap<String, Object>();
        values.put("id", plan.id());
        values.put("name", plan.name());
        values.put("currency", plan.currency());
        values.put("monthly", plan.monthlyPrice());
        values.put("yearly", plan.yearlyPrice());
        values.put("operators", plan.includedOperators());
        values.put("conversations", plan.includedConversations());
        values.put("storage", plan.storageMb());
        values.put("rate", plan.apiRatePerMinute());
        values.put("features", String.join(",", plan.features()));
        values.put("trialDays", plan.trialDays());
        values.put("overage", tiersJson(plan.overageTiers()));
        values.put("widgetRate", plan.widgetRatePerMinute());
        values.put("selfServe", plan.selfServe());
        return values;
    }

    private static Plan plan(ResultSet rs, int row) throws SQLException {
        Array features = rs.getArray("features");
        return new Plan(rs.getString("id"), rs.getString("name"), rs.getString("currency"), rs.getLong("monthly_price"),
                rs.getLong("yearly_price"), integer(rs, "included_operators"), integer(rs, "included_conversations"),
                integer(rs, "storage_mb"), integer(rs, "api_rate_per_minute"),
                features == null ? List.of() : Arrays.asList((String[]) features.getArray()),
                rs.getInt("trial_days"), tiers(rs.getString("overage_tiers")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                integer(rs, "widget_rate_per_minute"), rs.getBoolean("self_serve"));
    }

    record StoredTier(Long upTo, String unitPrice) {
    }

    static String tiersJson(List<PricingTiers.Tier> tiers) {
        return JSON.writeValueAsString(tiers.stream()
                .map(t -> new StoredTier(t.upTo(), t.unitPrice().toPlainString())).toList());
    }

    static List<PricingTiers.Tier> tiers(String json) {
        StoredTier[] stored = JSON.readValue(json, StoredTier[].class);
        return Arrays.stream(stored).map(t -> new PricingTiers.Tier(t.upTo(), new BigDecimal(t.unitPrice()))).toList();
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
