-- Subscriptions can change: add-ons priced on their own (platform data) and which of them each tenant has, coupons
-- (platform data) and each tenant's redemption, and the interval of a downgrade waiting for the period's end.

CREATE TABLE add_ons (
    id            text        PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,39}$'),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description   text        NOT NULL DEFAULT '' CHECK (length(description) <= 300),
    currency      char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Per unit and period, in minor units of the currency.
    monthly_price bigint      NOT NULL CHECK (monthly_price >= 0),
    yearly_price  bigint      NOT NULL CHECK (yearly_price >= 0),
    -- What one unit grants on top of the plan: a feature flag, extra storage.
    feature       text        CHECK (feature ~ '^[a-z][a-z0-9_.-]{0,59}$'),
    storage_mb    integer     CHECK (storage_mb > 0),
    max_quantity  integer     NOT NULL DEFAULT 1 CHECK (max_quantity BETWEEN 1 AND 1000),
    created_at    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO add_ons (id, name, description, currency, monthly_price, yearly_price, feature, storage_mb, max_quantity)
VALUES ('ai-chatbot', 'AI chatbot', 'Answers visitors from your knowledge base when no operator is free.', 'EUR',
        1500, 15000, 'ai-chatbot', NULL, 1),
       ('file-storage', 'File sharing storage', '10 GB more for files shared in conversations, per unit.', 'EUR',
        500, 5000, NULL, 10240, 100),
       ('advanced-analytics', 'Advanced analytics', 'Exports and advanced reports on any plan.', 'EUR',
        2900, 29000, 'analytics.advanced', NULL, 1),
       ('multi-language', 'Multi-language', 'The widget and canned answers in several languages.', 'EUR',
        900, 9000, 'multi-language', NULL, 1);

CREATE TABLE subscription_add_ons (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id),
    add_on_id  text        NOT NULL REFERENCES add_ons (id),
    quantity   integer     NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    added_at   timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, add_on_id)
);

CREATE TABLE coupons (
    code             text        PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- Either a share (basis points: 2500 is 25 %) or an amount in minor units of a currency.
    percent_off_bp   integer     CHECK (percent_off_bp BETWEEN 1 AND 10000),
    amount_off       bigint      CHECK (amount_off > 0),
    currency         char(3)     CHECK (currency ~ '^[A-Z]{3}$'),
    duration         text        NOT NULL CHECK (duration IN ('ONCE', 'REPEATING', 'FOREVER')),
    duration_periods integer     CHECK (duration_periods BETWEEN 1 AND 120),
    redeem_by        timestamptz,
    max_redemptions  integer     CHECK (max_redemptions > 0),
    times_redeemed   integer     NOT NULL DEFAULT 0 CHECK (times_redeemed >= 0),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CHECK ((percent_off_bp IS NOT NULL AND amount_off IS NULL AND currency IS NULL)
        OR (percent_off_bp IS NULL AND amount_off IS NOT NULL AND currency IS NOT NULL)),
    CHECK ((duration = 'REPEATING') = (duration_periods IS NOT NULL)),
    CHECK (max_redemptions IS NULL OR times_redeemed <= max_redemptions)
);

CREATE TABLE coupon_redemptions (
    tenant_id          uuid        NOT NULL REFERENCES tenants (id),
    coupon_code        text        NOT NULL REFERENCES coupons (code),
    redeemed_at        timestamptz NOT NULL,
    -- Period 0 of the coupon: the period it was redeemed in (or the first paid one, when redeemed in a trial).
    first_period_start timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, coupon_code)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['subscription_add_ons', 'coupon_redemptions'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = parley_current_tenant()) '
                       'WITH CHECK (tenant_id = parley_current_tenant())', t);
    END LOOP;
END $$;

ALTER TABLE subscriptions ADD COLUMN pending_interval text CHECK (pending_interval IN ('MONTHLY', 'YEARLY'));

GRANT SELECT, INSERT, UPDATE, DELETE ON add_ons, subscription_add_ons, coupons, coupon_redemptions
    TO parley_app, parley_platform;
