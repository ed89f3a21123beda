-- Per-tenant display numbers (conversation #N, Visitor #N) come from a counter row that is incremented in a
-- short transaction of its own, so creating conversations does not serialise a whole tenant behind one lock.
-- A rolled-back creation leaves a gap in the numbers, which is harmless for display numbers.
CREATE TABLE tenant_counters (
    tenant_id uuid   NOT NULL REFERENCES tenants (id),
    name      text   NOT NULL CHECK (name IN ('conversation', 'visitor')),
    value     bigint NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
ALTER TABLE tenant_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_counters USING (tenant_id = parley_current_tenant())
    WITH CHECK (tenant_id = parley_current_tenant());

INSERT INTO tenant_counters (tenant_id, name, value)
SELECT tenant_id, 'conversation', max(number) FROM conversations GROUP BY tenant_id;
INSERT INTO tenant_counters (tenant_id, name, value)
SELECT tenant_id, 'visitor', max(visitor_number) FROM contacts GROUP BY tenant_id;
