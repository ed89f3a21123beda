package dev.parley.billing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.billing.AddOn;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The platform's {@code add_ons} and each tenant's {@code subscription_add_ons}; callers choose the transaction. */
@Repository
public class AddOnRepository {

    /** An add-on a tenant has, and how many units. */
    public record Held(AddOn addOn, int quantity, Instant addedAt) {
    }

    private static final String COLUMNS = """
            a.id, a.name, a.description, a.currency, a.monthly_price, a.yearly_price, a.feature, a.storage_mb,
            a.max_quantity""";

    private final JdbcClient db;

    AddOnRepository(JdbcClient db) {
        this.db = db;
    }

    public List<AddOn> all() {
        return db.sql("SELECT " + COLUMNS + " FROM add_ons a ORDER BY a.monthly_price, a.id")
                .query(AddOnRepository::addOn).list();
    }

    public Optional<AddOn> find(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM add_ons a WHERE a.id = :id").param("id", id)
                .query(AddOnRepository::addOn).optional();
    }

    public List<Held> heldBy(UUID tenant) {
        return db.sql("SELECT " + COLUMNS + """
                        , s.quantity, s.added_at FROM subscription_add_ons s JOIN add_ons a ON a.id = s.add_on_id
                        WHERE s.tenant_id = :tenant ORDER BY a.monthly_price, a.id
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> new Held(addOn(rs, n), rs.getInt("quantity"), rs.getTimestamp("added_at").toInstant()))
                .list();
    }

    /** Sets the tenant's units of the add-on (a first unit adds it). */
    public void hold(UUID tenant, String addOn, int quantity, Instant now) {
        db.sql("""
                        INSERT INTO subscription_add_ons (tenant_id, add_on_id, quantity, added_at, updated_at)
                        VALUES (:tenant, :addOn, :quantity, :now, :now)
                        ON CONFLICT (tenant_id, add_on_id) DO UPDATE SET quantity = excluded.quantity,
                            updated_at = excluded.updated_at
                        """)
                .param("tenant", tenant).param("addOn", addOn).param("quantity", quantity)
                .param("now", Timestamp.from(now)).update();
    }

    public boolean release(UUID tenant, String addOn) {
        return db.sql("DELETE FROM subscription_add_ons WHERE tenant_id = :tenant AND add_on_id = :addOn")
                .param("tenant", tenant).param("addOn", addOn).update() == 1;
    }

    private static AddOn addOn(ResultSet rs, int row) throws SQLException {
        int storage = rs.getInt("storage_mb");
        Integer storageMb = rs.wasNull() ? null : storage;
        return new AddOn(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getString("currency"), rs.getLong("monthly_price"), rs.getLong("yearly_price"),
                rs.getString("feature"), storageMb, rs.getInt("max_quantity"));
    }
}
