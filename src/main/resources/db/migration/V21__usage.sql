-- Usage metering (issue 6): monthly active conversations per billing period, counted once per conversation by the
-- database (the primary key decides, whichever node stores the message), the period's totals, and the usage
-- thresholds already announced (once per threshold, metric and period).

-- A conversation that had at least one visitor message in the period starting period_start.
CREATE TABLE usage_conversations (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    period_start    timestamptz NOT NULL,
    conversation_id uuid        NOT NULL,
    PRIMARY KEY (tenant_id, period_start, conversation_id)
);

-- One row per tenant and billing period: the conversations counted so far and the last measure of operators
-- (active members) and storage (bytes), taken when usage is read and by the daily usage-snapshot job.
CREATE TABLE usage_periods (
    tenant_id     uuid        NOT NULL REFERENCES tenants (id),
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL CHECK (period_end > period_start),
    conversations bigint      NOT NULL DEFAULT 0 CHECK (conversations >= 0),
    operators     integer     CHECK (operators >= 0),
    storage_bytes bigint      CHECK (storage_bytes >= 0),
    measured_at   timestamptz,
    PRIMARY KEY (tenant_id, period_start)
);

-- A threshold (80, 100, 120 % of the plan's allowance) a metric reached in a period: the row's existence is what
-- makes the notification go out once, even when two nodes cross it at the same moment.
CREATE TABLE usage_thresholds (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    period_start timestamptz NOT NULL,
    metric       text        NOT NULL CHECK (metric IN ('conversations', 'operators', 'storage')),
    percent      integer     NOT NULL CHECK (percent IN (80, 100, 120)),
    used         bigint      NOT NULL,
    allowance    bigint      NOT NULL,
    reached_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, period_start, metric, percent)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['usage_conversations', 'usage_periods', 'usage_thresholds'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = parley_current_tenant()) '
                       'WITH CHECK (tenant_id = parley_current_tenant())', t);
    END LOOP;
END $$;
