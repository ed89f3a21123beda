-- Tenants suspended by dunning (an invoice written off with parley.billing.dunning.final-action=suspend). The row says
-- the suspension is billing's own, so settling the debt lifts it; a suspension by the super-admin has no row and
-- stays.
CREATE TABLE billing_suspensions (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    invoice_id   uuid        NOT NULL,
    suspended_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id)
);
ALTER TABLE billing_suspensions ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_suspensions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing_suspensions USING (tenant_id = parley_current_tenant())
    WITH CHECK (tenant_id = parley_current_tenant());
