-- Plans (platform data the super-admin manages) and each tenant's current plan (tenant-owned, RLS).
-- Prices are long minor units with an ISO 4217 currency; a null allowance means unlimited.
CREATE TABLE plans (
    id                     text        PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,39}$'),
    name                   text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    currency               char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    monthly_price          bigint      NOT NULL CHECK (monthly_price >= 0),
    yearly_price           bigint      NOT NULL CHECK (yearly_price >= 0),
    included_operators     integer     CHECK (included_operators >= 0),
    included_conversations integer     CHECK (included_conversations >= 0),
    storage_mb             integer     CHECK (storage_mb >= 0),
    api_rate_per_minute    integer     CHECK (api_rate_per_minute >= 0),
    features               text[]      NOT NULL DEFAULT '{}',
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);

INSERT INTO plans (id, name, currency, monthly_price, yearly_price, included_operators, included_conversations,
                   storage_mb, api_rate_per_minute, features)
VALUES ('basic', 'Basic', 'EUR', 2900, 29000, 1, 100, 1024, 60, '{analytics.basic}'),
       ('professional', 'Professional', 'EUR', 9900, 99000, 10, 2000, 10240, 600,
        '{analytics.basic,analytics.professional,branding,widget.customisation,webhooks}'),
       ('enterprise', 'Enterprise', 'EUR', 49900, 499000, NULL, NULL, 102400, 6000,
        '{analytics.basic,analytics.professional,analytics.advanced,branding,widget.customisation,webhooks,priority_support,sla}');

CREATE TABLE tenant_plan (
    tenant_id uuid        NOT NULL REFERENCES tenants (id),
    plan_id   text        NOT NULL REFERENCES plans (id),
    since     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id)
);
CREATE INDEX tenant_plan_by_plan ON tenant_plan (plan_id, tenant_id);
ALTER TABLE tenant_plan ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_plan FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_plan USING (tenant_id = parley_current_tenant())
    WITH CHECK (tenant_id = parley_current_tenant());

-- Tenants that predate plans keep everything they could do: Professional (the default tenant included).
INSERT INTO tenant_plan (tenant_id, plan_id, since) SELECT id, 'professional', now() FROM tenants;
