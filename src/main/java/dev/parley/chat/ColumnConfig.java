package dev.parley.chat;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which columns the conversation list shows, in which order and width: an operator's own choice, else the
 * tenant's default set by a tenant admin, else Parley's default.
 */
@Service
@Transactional
public class ColumnConfig {

    /** One column: its key and width in pixels (null: automatic). */
    public record Column(String key, Integer width) {
    }

    /** The columns in force and where they come from: {@code user}, {@code tenant} or {@code default}. */
    public record Columns(List<Column> columns, String source) {
    }

    public static final Set<String> KEYS = Set.of("visitorName", "email", "lastMessage", "waitingTime", "assignee",
            "currentPage", "country", "status", "number", "updatedAt");
    public static final List<Column> DEFAULT = List.of(new Column("visitorName", 200), new Column("lastMessage", null),
            new Column("waitingTime", 110), new Column("assignee", 150), new Column("status", 100));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Column>> LIST = new TypeReference<>() {
    };

    private final JdbcClient db;
    private final Clock clock;

    ColumnConfig(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Columns forOperator(TenantId tenant, UUID user) {
        var own = load(tenant, user);
        if (own != null) {
            return new Columns(own, "user");
        }
        var tenantDefault = load(tenant, null);
        return tenantDefault != null ? new Columns(tenantDefault, "tenant") : new Columns(DEFAULT, "default");
    }

    @Transactional(readOnly = true)
    public Columns tenantDefault(TenantId tenant) {
        var tenantDefault = load(tenant, null);
        return tenantDefault != null ? new Columns(tenantDefault, "tenant") : new Columns(DEFAULT, "default");
    }

    /** Saves an operator's own columns, or with {@code user == null} the tenant's default. */
    public void save(TenantId tenant, UUID user, List<Column> columns) {
        validate(columns);
        db.sql("DELETE FROM column_configs WHERE tenant_id = :tenant AND user_id IS NOT DISTINCT FROM :user")
                .param("tenant", tenant.value()).param("user", user).update();
        db.sql("""
                        INSERT INTO column_configs (tenant_id, id, user_id, columns, updated_at)
                        VALUES (:tenant, :id, :user, :columns::jsonb, :now)
                        """)
                .param("tenant", tenant.value()).param("id", Ids.newId()).param("user", user)
                .param("columns", JSON.writeValueAsString(columns)).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    public void reset(TenantId tenant, UUID user) {
        db.sql("DELETE FROM column_configs WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant.value()).param("user", user).update();
    }

    private List<Column> load(TenantId tenant, UUID user) {
        return db.sql("""
                        SELECT columns::text FROM column_configs
                        WHERE tenant_id = :tenant AND user_id IS NOT DISTINCT FROM :user
                        """)
                .param("tenant", tenant.value()).param("user", user).query(String.class).optional()
                .map(text -> JSON.readValue(text, LIST)).orElse(null);
    }

    private static void validate(List<Column> columns) {
        if (columns == null || columns.isEmpty() || columns.size() > KEYS.size()) {
            throw ParleyException.invalidField("columns", "must list 1 to " + KEYS.size() + " columns");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c == null || c.key() == null || !KEYS.contains(c.key())) {
                throw new ParleyException(org.springframework.http.HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                        "Unknown column; the columns are " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ".",
                        Map.of("errors", List.of(new ParleyException.FieldError("columns[" + i + "].key",
                                "must be one of " + String.join(", ", new java.util.TreeSet<>(KEYS))))));
            }
            if (!seen.add(c.key())) {
                throw ParleyException.invalidField("columns[" + i + "].key", "appears twice");
            }
            if (c.width() != null && (c.width() < 40 || c.width() > 1000)) {
                throw ParleyException.invalidField("columns[" + i + "].width", "must be between 40 and 1000");
            }
        }
    }
}
