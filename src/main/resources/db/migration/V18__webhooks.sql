-- Outgoing webhooks (module integrations): a tenant's endpoints and every delivery of an event to one of them.
-- Both tenant-owned with RLS; a delivery belongs to its endpoint through a foreign key that includes tenant_id and
-- goes with it.
CREATE TABLE webhook_endpoints (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    id          uuid        NOT NULL,
    url         text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    description text        CHECK (length(description) <= 500),
    -- Event types the endpoint receives; '*' receives every type (ping is sent only on request).
    event_types text[]      NOT NULL CHECK (cardinality(event_types) >= 1),
    -- The signing secret (whsec_ + 32 random bytes, base64url). It must be readable to sign with, so it is stored as
    -- it is; the API shows it only when it is made (creation, roll).
    secret      text        NOT NULL,
    enabled     boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints USING (tenant_id = parley_current_tenant())
    WITH CHECK (tenant_id = parley_current_tenant());

CREATE TABLE webhook_deliveries (
    tenant_id        uuid        NOT NULL,
    id               uuid        NOT NULL,
    endpoint_id      uuid        NOT NULL,
    -- The event's id: the same for every endpoint and every attempt, so receivers can drop duplicates by it.
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    -- The event's data (the envelope, {id, type, created, tenantId, data}, is built from the columns when sent).
    payload          jsonb       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE
);
-- An endpoint's delivery log, newest first (ids are UUIDv7, so id order is creation order).
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (tenant_id, endpoint_id, id DESC);
-- The cleanup job's scan across tenants: finished deliveries by age (waiting ones are never deleted).
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (created_at) WHERE status <> 'PENDING';
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries USING (tenant_id = parley_current_tenant())
    WITH CHECK (tenant_id = parley_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints, webhook_deliveries TO parley_app, parley_platform;
