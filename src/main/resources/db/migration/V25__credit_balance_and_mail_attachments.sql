-- The customer's credit balance (Stripe's "customer balance"): a ledger of movements per tenant and currency.
-- amount > 0 credits the customer (credit carried forward on an invoice, a credit note put on the balance);
-- amount < 0 uses it (applied to an invoice's amount due). The balance is the sum, never negative.
CREATE TABLE billing_balance_movements (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id),
    id         uuid        NOT NULL,
    at         timestamptz NOT NULL,
    amount     bigint      NOT NULL CHECK (amount <> 0),
    currency   char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    reason     text        NOT NULL CHECK (reason IN ('CREDIT_CARRIED_FORWARD', 'CREDIT_NOTE', 'APPLIED_TO_INVOICE',
                                            'INVOICE_VOIDED')),
    invoice_id uuid        NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id),
    CHECK ((reason = 'APPLIED_TO_INVOICE') = (amount < 0))
);
-- One movement of each reason per invoice: a replayed or rerun issue never credits or applies the balance twice.
CREATE UNIQUE INDEX billing_balance_once_per_invoice ON billing_balance_movements (tenant_id, invoice_id, reason);
CREATE INDEX billing_balance_by_tenant ON billing_balance_movements (tenant_id, currency, at);

-- How much of the customer's balance an invoice used: fixed when it is issued, part of what it no longer owes.
ALTER TABLE invoices ADD COLUMN applied_balance bigint NOT NULL DEFAULT 0 CHECK (applied_balance >= 0);
ALTER TABLE invoices ADD CONSTRAINT invoices_applied_balance_within_total CHECK (applied_balance <= total);

-- A ledger is appended to, never rewritten.
CREATE FUNCTION billing_balance_movements_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a balance movement cannot be changed or deleted' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER billing_balance_movements_guard BEFORE UPDATE OR DELETE ON billing_balance_movements
    FOR EACH ROW EXECUTE FUNCTION billing_balance_movements_guard();

-- Files sent with an outbox mail (an invoice's PDF), in order; purged with the outbox.
CREATE TABLE mail_attachments (
    tenant_id    uuid    NOT NULL,
    mail_id      uuid    NOT NULL,
    position     integer NOT NULL CHECK (position >= 0),
    filename     text    NOT NULL CHECK (char_length(filename) BETWEEN 1 AND 200),
    content_type text    NOT NULL CHECK (char_length(content_type) BETWEEN 3 AND 100),
    content      bytea   NOT NULL CHECK (octet_length(content) <= 10485760),
    PRIMARY KEY (tenant_id, mail_id, position),
    FOREIGN KEY (tenant_id, mail_id) REFERENCES mail_outbox (tenant_id, id) ON DELETE CASCADE
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['billing_balance_movements', 'mail_attachments'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = parley_current_tenant()) '
                       'WITH CHECK (tenant_id = parley_current_tenant())', t);
    END LOOP;
END $$;

COMMENT ON TABLE billing_balance_movements IS
    'retained: the customer balance is money owed to the customer, accounted with the retained invoices';

GRANT SELECT, INSERT, UPDATE, DELETE ON billing_balance_movements, mail_attachments TO parley_app, parley_platform;
