-- Invoices (issue 6): each tenant's billing details, invoices and credit notes with their lines and payments, and
-- the platform's gap-free invoice numbers. Invoices, lines and payments are legal records: they are retained when a
-- tenant is purged, and once issued the database itself refuses to change what they say.

-- Who the tenant's invoices are addressed to (tenant-owned, emptied by the purge: the invoices keep a snapshot).
CREATE TABLE billing_profiles (
    tenant_id     uuid        NOT NULL REFERENCES tenants (id),
    billing_email text        CHECK (length(billing_email) BETWEEN 3 AND 320),
    company_name  text        CHECK (length(company_name) BETWEEN 1 AND 200),
    address       text        CHECK (length(address) <= 1000),
    country       char(2)     CHECK (country ~ '^[A-Z]{2}$'),
    vat_id        text        CHECK (length(vat_id) BETWEEN 1 AND 40),
    tax_rate_bp   integer     NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id)
);

-- One counter per series (INV, CN) and year, incremented under its row lock in the issuing transaction: a rolled
-- back issue gives its number back, so numbers have no gaps. Platform table.
CREATE TABLE invoice_number_counters (
    series      text    NOT NULL CHECK (series IN ('INV', 'CN')),
    year        integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    last_number bigint  NOT NULL CHECK (last_number > 0),
    PRIMARY KEY (series, year)
);

CREATE TABLE invoices (
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    id                  uuid        NOT NULL,
    number              text        UNIQUE,
    kind                text        NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
    status              text        NOT NULL CHECK (status IN ('DRAFT', 'OPEN', 'PAID', 'VOID', 'UNCOLLECTIBLE')),
    -- CYCLE: a period's end (one per tenant and period); IMMEDIATE: pending items billed at once; CREDIT: a credit note
    billing_reason      text        NOT NULL CHECK (billing_reason IN ('CYCLE', 'IMMEDIATE', 'CREDIT')),
    credited_invoice_id uuid,
    period_start        timestamptz,
    period_end          timestamptz,
    currency            char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    subtotal            bigint      NOT NULL,
    discount            bigint      NOT NULL CHECK (discount <= 0),
    tax_rate_bp         integer     NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    tax                 bigint      NOT NULL CHECK (tax >= 0),
    total               bigint      NOT NULL CHECK (total >= 0),
    amount_paid         bigint      NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
    amount_credited     bigint      NOT NULL DEFAULT 0 CHECK (amount_credited >= 0),
    billing_details     jsonb       NOT NULL,
    memo                text        CHECK (length(memo) <= 500),
    created_at          timestamptz NOT NULL,
    issued_at           timestamptz,
    due_at              timestamptz,
    paid_at             timestamptz,
    voided_at           timestamptz,
    uncollectible_at    timestamptz,
    -- Collection: charge attempts made, the next attempt or dunning step, and since when the invoice is overdue.
    attempt_count       integer     NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
    next_attempt_at     timestamptz,
    dunning_since       timestamptz,
    dunning_step        integer     NOT NULL DEFAULT 0 CHECK (dunning_step >= 0),
    last_payment_error  text        CHECK (length(last_payment_error) <= 500),
    updated_at          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, credited_invoice_id) REFERENCES invoices (tenant_id, id),
    CHECK ((status = 'DRAFT') = (number IS NULL)),
    CHECK ((kind = 'CREDIT_NOTE') = (credited_invoice_id IS NOT NULL)),
    CHECK (amount_credited <= total)
);
-- A billing cycle's rerun, or two nodes running it at once, cannot bill a period twice.
CREATE UNIQUE INDEX invoices_one_per_period ON invoices (tenant_id, period_start) WHERE billing_reason = 'CYCLE';
CREATE INDEX invoices_by_tenant ON invoices (tenant_id, created_at DESC);
CREATE INDEX invoices_to_collect ON invoices (next_attempt_at) WHERE status = 'OPEN' AND next_attempt_at IS NOT NULL;

CREATE TABLE invoice_lines (
    tenant_id   uuid    NOT NULL,
    invoice_id  uuid    NOT NULL,
    position    integer NOT NULL CHECK (position >= 0),
    kind        text    NOT NULL CHECK (kind IN ('BASE', 'ADD_ON', 'OVERAGE', 'PRORATION_CREDIT', 'PRORATION_CHARGE',
                                                 'DISCOUNT', 'TAX', 'CREDIT_CARRIED_FORWARD', 'CREDIT')),
    description text    NOT NULL CHECK (length(description) BETWEEN 1 AND 300),
    amount      bigint  NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id, position),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);

CREATE TABLE invoice_payments (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    invoice_id uuid        NOT NULL,
    provider   text        NOT NULL CHECK (provider IN ('manual', 'stripe')),
    reference  text        NOT NULL CHECK (length(reference) BETWEEN 1 AND 255),
    amount     bigint      NOT NULL CHECK (amount > 0),
    currency   char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    paid_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id),
    -- A provider's payment is recorded once, however often it is reported (the charge's answer and the webhook).
    UNIQUE (provider, reference)
);

-- Issued means final: only the collection fields may change, and the status only along the allowed transitions.
CREATE FUNCTION invoices_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mutable text[] := ARRAY['status', 'amount_paid', 'amount_credited', 'paid_at', 'voided_at', 'uncollectible_at',
                            'attempt_count', 'next_attempt_at', 'dunning_since', 'dunning_step',
                            'last_payment_error', 'updated_at'];
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'invoice % is issued and cannot be deleted', OLD.number USING ERRCODE = 'P0001';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'DRAFT' THEN
        RETURN NEW;
    END IF;
    IF (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
        RAISE EXCEPTION 'invoice % is issued: it cannot be changed (issue a credit note)', OLD.number
            USING ERRCODE = 'P0001';
    END IF;
    IF NEW.status <> OLD.status AND NOT (
            (OLD.status = 'OPEN' AND NEW.status IN ('PAID', 'VOID', 'UNCOLLECTIBLE'))
            OR (OLD.status = 'UNCOLLECTIBLE' AND NEW.status IN ('PAID', 'VOID'))) THEN
        RAISE EXCEPTION 'invoice % cannot go from % to %', OLD.number, OLD.status, NEW.status USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoices_guard BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_guard();

CREATE FUNCTION invoice_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_status text;
BEGIN
    SELECT status INTO parent_status FROM invoices
    WHERE tenant_id = coalesce(NEW.tenant_id, OLD.tenant_id) AND id = coalesce(NEW.invoice_id, OLD.invoice_id);
    IF parent_status IS DISTINCT FROM 'DRAFT' THEN
        RAISE EXCEPTION 'the lines of an issued invoice cannot be changed' USING ERRCODE = 'P0001';
    END IF;
    RETURN coalesce(NEW, OLD);
END $$;
CREATE TRIGGER invoice_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_guard();

CREATE FUNCTION invoice_payments_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a recorded payment cannot be changed or deleted' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER invoice_payments_guard BEFORE UPDATE OR DELETE ON invoice_payments
    FOR EACH ROW EXECUTE FUNCTION invoice_payments_guard();

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['billing_profiles', 'invoices', 'invoice_lines', 'invoice_payments'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = parley_current_tenant()) '
                       'WITH CHECK (tenant_id = parley_current_tenant())', t);
    END LOOP;
END $$;

COMMENT ON TABLE invoices IS 'retained: issued invoices and credit notes are legal records kept after a tenant is purged';
COMMENT ON TABLE invoice_lines IS 'retained: the lines of retained invoices';
COMMENT ON TABLE invoice_payments IS 'retained: payments of retained invoices (accounting records)';

GRANT SELECT, INSERT, UPDATE, DELETE ON billing_profiles, invoice_number_counters, invoices, invoice_lines,
    invoice_payments TO parley_app, parley_platform;
