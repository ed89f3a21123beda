package dev.parley.integrations.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.parley.billing.UsageThresholdReached;
import dev.parley.integrations.WebhookEventType;
import dev.parley.shared.TenantContext;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Billing's {@link UsageThresholdReached} becomes the webhook event {@code usage.threshold_reached}, recorded in the
 * transaction that crossed the threshold (tenant-bound or platform), so it is sent if and only if that committed.
 */
@Component
class UsageThresholdWebhooks {

    private final WebhookEvents events;
    private final TransactionTemplate transaction;

    UsageThresholdWebhooks(WebhookEvents events, PlatformTransactionManager transactions) {
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    @EventListener
    void on(UsageThresholdReached reached) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            events.publish(reached.tenant(), WebhookEventType.USAGE_THRESHOLD_REACHED, data(reached));
        } else {
            TenantContext.runAs(reached.tenant(), () -> transaction.executeWithoutResult(status ->
                    events.publish(reached.tenant(), WebhookEventType.USAGE_THRESHOLD_REACHED, data(reached))));
        }
    }

    static Map<String, Object> data(UsageThresholdReached reached) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("metric", reached.metric());
        data.put("percent", reached.percent());
        data.put("used", reached.used());
        data.put("allowance", reached.allowance());
        data.put("periodStart", reached.periodStart() == null ? null : reached.periodStart().toString());
        data.put("periodEnd", reached.periodEnd() == null ? null : reached.periodEnd().toString());
        return data;
    }
}
