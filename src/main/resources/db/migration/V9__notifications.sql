-- Notifications (issue 5): what a person of a tenant is told in the console, the mail that goes out (over SMTP, or
-- kept in the outbox when no mail server is configured), and each tenant's own reminder settings.

-- One notification for one member; read_at is set when they read it.
CREATE TABLE notifications (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    id           uuid        NOT NULL,
    recipient_id uuid        NOT NULL,
    kind         text        NOT NULL CHECK (char_length(kind) BETWEEN 1 AND 64),
    title        text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    body         text        CHECK (char_length(body) <= 2000),
    link         text        CHECK (link LIKE '#/%' AND char_length(link) <= 500),
    created_at   timestamptz NOT NULL,
    read_at      timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, recipient_id) REFERENCES memberships (tenant_id, user_id)
);
-- A person's list, newest first (ids are UUIDv7: time-ordered), and their unread count.
CREATE INDEX notifications_recipient_idx ON notifications (tenant_id, recipient_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (tenant_id, recipient_id) WHERE read_at IS NULL;

-- Every mail a tenant sends, queued in the transaction that asked for it. PENDING: a durable job delivers it over
-- SMTP (retried with back-off); SENT; FAILED: given up after the last attempt; HELD: no mail server is configured,
-- so it stays here for the tenant's admins to read.
CREATE TABLE mail_outbox (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    id              uuid        NOT NULL,
    kind            text        NOT NULL CHECK (char_length(kind) BETWEEN 1 AND 64),
    to_address      text        NOT NULL CHECK (char_length(to_address) BETWEEN 3 AND 320),
    subject         text        NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 300),
    body            text        NOT NULL CHECK (char_length(body) <= 20000),
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'HELD')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    notification_id uuid,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, notification_id) REFERENCES notifications (tenant_id, id)
);
CREATE INDEX mail_outbox_newest_idx ON mail_outbox (tenant_id, id DESC);

-- A tenant's reminder offsets and follow-up grace period; no row: the installation's defaults.
CREATE TABLE reminder_settings (
    tenant_id             uuid        NOT NULL REFERENCES tenants (id),
    remind_before_seconds bigint[]    NOT NULL CHECK (cardinality(remind_before_seconds) <= 5),
    missed_after_seconds  bigint      NOT NULL CHECK (missed_after_seconds > 0),
    updated_at            timestamptz NOT NULL,
    updated_by            uuid,
    PRIMARY KEY (tenant_id)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['notifications', 'mail_outbox', 'reminder_settings'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = parley_current_tenant()) '
                       'WITH CHECK (tenant_id = parley_current_tenant())', t);
    END LOOP;
END $$;
