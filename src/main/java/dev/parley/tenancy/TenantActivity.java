package dev.parley.tenancy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What happens inside tenants, for the platform owner's overview: answered by the modules that own the people
 * and the conversations, so tenancy does not depend on them. Each source answers for a whole set of tenants in
 * one query, on the platform path.
 */
public interface TenantActivity {

    /** This source's figures for each of these tenants; a tenant left out of the answer has none. */
    Map<UUID, Figures> figures(Set<UUID> tenants, Instant monthStart);

    /**
     * A tenant's activity at a glance: active members, conversations opened since the start of the calendar month
     * (UTC), and when its last message was sent and its last session started (sign-in or switch into it). Each
     * source fills in what it knows; {@link #plus} adds them up.
     */
    record Figures(int operators, int conversationsThisMonth, Instant lastMessageAt, Instant lastSignInAt) {

        public static final Figures NONE = new Figures(0, 0, null, null);

        public Figures plus(Figures other) {
            return new Figures(operators + other.operators, conversationsThisMonth + other.conversationsThisMonth,
                    latest(lastMessageAt, other.lastMessageAt), latest(lastSignInAt, other.lastSignInAt));
        }

        /** The latest of the last message and the last sign-in; {@code null} when the tenant has seen neither. */
        @JsonProperty
        public Instant lastActivityAt() {
            return latest(lastMessageAt, lastSignInAt);
        }

        private static Instant latest(Instant a, Instant b) {
            if (a == null) {
                return b;
            }
            return b == null || a.isAfter(b) ? a : b;
        }
    }
}
