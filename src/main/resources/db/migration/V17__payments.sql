-- Payments: how each tenant pays (tenant-owned, RLS) and the Stripe webhook events already handled (platform).
-- Only Stripe's ids and what the console shows of a card (brand, last four digits, expiry) are stored; a card
-- number never reaches Parley.
CREATE TABLE billing_payment_accounts (
    tenant_id                 uuid        NOT NULL REFERENCES tenants (id),
    provider                  text        NOT NULL DEFAULT 'manual' CHECK (provider IN ('manual', 'stripe')),
    stripe_customer_id        text        CHECK (length(stripe_customer_id) BETWEEN 1 AND 255),
    default_payment_method_id text        CHECK (length(default_payment_method_id) BETWEEN 1 AND 255),
    card_brand                text        CHECK (length(card_brand) <= 40),
    card_last4                text        CHECK (card_last4 ~ '^[0-9]{4}$'),
    card_exp_month            smallint    CHECK (card_exp_month BETWEEN 1 AND 12),
    card_exp_year             smallint    CHECK (card_exp_year BETWEEN 2000 AND 2200),
    updated_at                timestamptz NOT NULL,
    PRIMARY KEY (tenant_id),
    -- Stripe takes the payments only with a customer and a saved payment method to charge.
    CHECK (provider = 'manual' OR (stripe_customer_id IS NOT NULL AND default_payment_method_id IS NOT NULL))
);
-- Webhooks name Stripe's customer or payment method, not the tenant: the platform path looks the tenant up by them.
CREATE UNIQUE INDEX billing_payment_accounts_by_customer ON billing_payment_accounts (stripe_customer_id)
    WHERE stripe_customer_id IS NOT NULL;
CREATE INDEX billing_payment_accounts_by_payment_method ON billing_payment_accounts (default_payment_method_id)
    WHERE default_payment_method_id IS NOT NULL;
ALTER TABLE billing_payment_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_payment_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing_payment_accounts USING (tenant_id = parley_current_tenant())
    WITH CHECK (tenant_id = parley_current_tenant());

-- Every Stripe event received, by Stripe's event id: a redelivered event is recognised and changes nothing.
CREATE TABLE stripe_events (
    id           text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
    type         text        NOT NULL CHECK (length(type) BETWEEN 1 AND 255),
    received_at  timestamptz NOT NULL,
    processed_at timestamptz
);

GRANT SELECT, INSERT, UPDATE, DELETE ON billing_payment_accounts, stripe_events TO parley_app, parley_platform;
