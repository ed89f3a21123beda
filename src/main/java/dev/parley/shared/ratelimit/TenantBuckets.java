package dev.parley.shared.ratelimit;

import dev.parley.shared.TenantId;

/**
 * A tenant's rate-limit buckets, one per kind of traffic ({@code "api"}, {@code "widget"}): capacity = the limit,
 * refilled greedily over the minute. In memory on each node without Redis ({@code PARLEY_REDIS_URL} empty), shared
 * by all nodes in Redis with it, so that a tenant gets its limit once, not once per node.
 */
public interface TenantBuckets {

    /**
     * Takes one token from the tenant's bucket of this kind, the bucket holding {@code limitPerMinute} tokens.
     *
     * @param limitPerMinute the plan's calls a minute, positive (the callers answer "no limit" and "0" themselves)
     * @return 0 when the call may go ahead, otherwise the whole seconds (at least 1) until a token is back
     */
    long tryConsume(String kind, TenantId tenant, int limitPerMinute);

    /** Forgets the tenant's bucket of this kind, so that its next call starts with a full one (a plan change). */
    void forget(String kind, TenantId tenant);

    /** Forgets every tenant's bucket of this kind (a plan edited, or plan changes possibly missed). */
    void forgetAll(String kind);

    /** Whole seconds, at least 1, from nanoseconds to wait. */
    static long seconds(long nanosToWait) {
        return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }
}
