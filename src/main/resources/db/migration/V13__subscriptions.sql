-- Subscriptions (one per tenant), pending invoice items (proration and one-off lines waiting for the next invoice)
-- and the revenue ledger (every change of a tenant's monthly recurring revenue). tenant_plan stays the effective
-- plan the entitlements read; the subscription code keeps both in step in one transaction.

ALTER TABLE plans ADD COLUMN trial_days integer NOT NULL DEFAULT 14 CHECK (trial_days BETWEEN 0 AND 365);
-- Graduated prices for monthly active conversations above the plan's allowance, in minor units per conversation
-- (exact decimals as text): [{"upTo": 1000, "unitPrice": "10"}, {"upTo": null, "unitPrice": "5"}]. Empty: no overage.
ALTER TABLE plans ADD COLUMN overage_tiers jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(overage_tiers) = 'array');
UPDATE plans SET overage_tiers = '[{"upTo": null, "unitPrice": "20"}]' WHERE id = 'basic';
UPDATE plans SET overage_tiers = '[{"upTo": 1000, "unitPrice": "10"}, {"upTo": null, "unitPrice": "5"}]'
    WHERE id = 'professional';

CREATE TABLE subscriptions (
    tenant_id            uuid        NOT NULL REFERENCES tenants (id),
    plan_id              text        NOT NULL REFERENCES plans (id),
    billing_interval     text        NOT NULL CHECK (billing_interval IN ('MONTHLY', 'YEARLY')),
    status               text        NOT NULL CHECK (status IN ('TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED')),
    trial_end            timestamptz,
    -- Periods run from the anchor by whole months or years (Jan 31 -> Feb 28 -> Mar 31), like Stripe's.
    billing_anchor       timestamptz NOT NULL,
    current_period_start timestamptz NOT NULL,
    current_period_end   timestamptz NOT NULL CHECK (current_period_end > current_period_start),
    cancel_at_period_end boolean     NOT NULL DEFAULT false,
    pending_plan_id      text        REFERENCES plans (id),
    canceled_at          timestamptz,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id)
);
CREATE INDEX subscriptions_by_period_end ON subscriptions (current_period_end) WHERE status <> 'CANCELED';

CREATE TABLE invoice_items (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    id           uuid        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('BASE', 'ADD_ON', 'OVERAGE', 'PRORATION_CREDIT',
                                                      'PRORATION_CHARGE')),
    description  text        NOT NULL CHECK (length(description) BETWEEN 1 AND 300),
    amount       bigint      NOT NULL,
    currency     char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    period_start timestamptz,
    period_end   timestamptz,
    created_at   timestamptz NOT NULL,
    -- Set, once, when an invoice takes the item; an item is billed on exactly one invoice.
    invoice_id   uuid,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX invoice_items_pending ON invoice_items (tenant_id, created_at) WHERE invoice_id IS NULL;

CREATE TABLE mrr_movements (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    id               uuid        NOT NULL,
    at               timestamptz NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('TRIAL_STARTED', 'NEW', 'EXPANSION', 'CONTRACTION',
                                                          'CHURN', 'REACTIVATION', 'TRIAL_EXPIRED')),
    plan_id          text        NOT NULL,
    billing_interval text        NOT NULL CHECK (billing_interval IN ('MONTHLY', 'YEARLY')),
    currency         char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    mrr_before       bigint      NOT NULL CHECK (mrr_before >= 0),
    mrr_after        bigint      NOT NULL CHECK (mrr_after >= 0),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mrr_movements_by_time ON mrr_movements (at, tenant_id);
-- A purged tenant's revenue history stays: last year's MRR and churn must not change when a tenant is purged.
COMMENT ON TABLE mrr_movements IS 'retained: revenue history outlives the tenant';

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['subscriptions', 'invoice_items', 'mrr_movements'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = parley_current_tenant()) '
                       'WITH CHECK (tenant_id = parley_current_tenant())', t);
    END LOOP;
END $$;

-- Tenants that predate subscriptions are paying customers of the plan they hold, monthly, from today.
INSERT INTO subscriptions (tenant_id, plan_id, billing_interval, status, billing_anchor, current_period_start,
                           current_period_end, created_at, updated_at)
SELECT tp.tenant_id, tp.plan_id, 'MONTHLY', 'ACTIVE', now(), now(), now() + interval '1 month', now(), now()
FROM tenant_plan tp JOIN tenants t ON t.id = tp.tenant_id WHERE t.status <> 'DELETED';
INSERT INTO mrr_movements (tenant_id, id, at, kind, plan_id, billing_interval, currency, mrr_before, mrr_after)
SELECT s.tenant_id, gen_random_uuid(), now(), 'NEW', s.plan_id, 'MONTHLY', p.currency, 0, p.monthly_price
FROM subscriptions s JOIN plans p ON p.id = s.plan_id;
