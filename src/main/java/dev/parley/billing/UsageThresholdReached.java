package dev.parley.billing;

import java.time.Instant;

import dev.parley.shared.TenantId;

/**
 * A tenant's usage reached {@code percent} (80, 100 or 120) of its plan's allowance for {@code metric}
 * ({@code conversations}, {@code operators}, {@code storage}) in the billing period starting {@code periodStart}.
 * Published once per threshold per metric per period, inside the transaction that crossed it; integrations turns it
 * into the webhook event {@code usage.threshold_reached}.
 */
public record UsageThresholdReached(TenantId tenant, String metric, int percent, long used, long allowance,
                                    Instant periodStart, Instant periodEnd, Instant at) {
}
