package dev.parley.billing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Billing settings ({@code PARLEY_BILLING_DEFAULT_PLAN}).
 *
 * @param defaultPlan the plan a newly provisioned tenant starts on (and the answer for a tenant without a plan row)
 */
@ConfigurationProperties("parley.billing")
public record BillingProperties(@DefaultValue("basic") String defaultPlan) {
}
