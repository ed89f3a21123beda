package dev.parley.billing.payment;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Stripe events received ({@code stripe_events}, platform data): a redelivered event id is known and skipped. */
@Repository
class StripeEvents {

    private final JdbcClient db;

    StripeEvents(JdbcClient db) {
        this.db = db;
    }

    /**
     * Records the event; false when it was recorded before (a redelivery). A delivery of the same event running at
     * the same moment waits here until the first commits or rolls back.
     */
    boolean record(String id, String type, Instant now) {
        return db.sql("""
                        INSERT INTO stripe_events (id, type, received_at) VALUES (:id, :type, :now)
                        ON CONFLICT (id) DO NOTHING
                        """)
                .param("id", id).param("type", type).param("now", Timestamp.from(now))
                .update() == 1;
    }

    void processed(String id, Instant now) {
        db.sql("UPDATE stripe_events SET processed_at = :now WHERE id = :id")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }
}
