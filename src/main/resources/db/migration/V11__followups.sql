-- Follow-ups: a call, email, message or meeting with a chat's contact at a set time, assigned to an admin operator,
-- with its outcome; a follow-up scheduled from another one keeps a link to it (the chain). Each tenant chooses how
-- follow-ups without an assignee are assigned. See docs/tasks-and-followups.md and docs/ARCHITECTURE.md.

CREATE TABLE followups (
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    id                uuid        NOT NULL,
    conversation_id   uuid        NOT NULL,
    contact_id        uuid        NOT NULL,
    parent_id         uuid,
    type              text        NOT NULL CHECK (type IN ('CALL', 'EMAIL', 'SMS', 'WHATSAPP', 'MEETING')),
    channel           text        NOT NULL
                                  CHECK (channel IN ('PHONE', 'EMAIL', 'SMS', 'WHATSAPP', 'VIDEO', 'IN_PERSON')),
    scheduled_at      timestamptz NOT NULL,
    notes             text CHECK (length(notes) <= 10000),
    assignee_id       uuid        NOT NULL,
    created_by        uuid        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('SCHEDULED', 'COMPLETED', 'MISSED', 'CANCELLED')),
    outcome_code      text CHECK (outcome_code IN ('REACHED', 'NO_ANSWER', 'LEFT_MESSAGE', 'RESCHEDULED',
                                                   'RESOLVED', 'NOT_INTERESTED')),
    outcome           text CHECK (length(outcome) <= 2000),
    completed_at      timestamptz,
    closed_at         timestamptz,
    -- The contact's details as they were when the follow-up was scheduled or last changed: erased (and
    -- contact_erased_at set) when the conversation's personal data is erased, the follow-up itself stays.
    contact_name      text CHECK (length(contact_name) <= 200),
    contact_email     text CHECK (length(contact_email) <= 320),
    contact_phone     text CHECK (length(contact_phone) <= 50),
    contact_erased_at timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES followups (tenant_id, id),
    FOREIGN KEY (tenant_id, assignee_id) REFERENCES memberships (tenant_id, user_id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES memberships (tenant_id, user_id),
    CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL)),
    CHECK (status <> 'COMPLETED' OR outcome_code IS NOT NULL)
);
-- The calendar asks for a tenant's follow-ups in a time range, everyone's or filtered by status or assignee.
CREATE INDEX followups_calendar_idx ON followups (tenant_id, scheduled_at, id);
CREATE INDEX followups_status_idx ON followups (tenant_id, status, scheduled_at);
-- Least-loaded assignment counts each assignee's scheduled follow-ups; "mine" lists one assignee's.
CREATE INDEX followups_assignee_idx ON followups (tenant_id, assignee_id, status, scheduled_at);
CREATE INDEX followups_conversation_idx ON followups (tenant_id, conversation_id, scheduled_at);
CREATE INDEX followups_parent_idx ON followups (tenant_id, parent_id, scheduled_at) WHERE parent_id IS NOT NULL;

-- One row per tenant: how follow-ups without an assignee are assigned, and where round robin stopped. Automatic
-- assignment locks this row, so concurrent assignments of a tenant take turns and round robin stays fair.
CREATE TABLE followup_settings (
    tenant_id              uuid        NOT NULL REFERENCES tenants (id),
    assignment             text        NOT NULL DEFAULT 'conversation'
                                       CHECK (assignment IN ('conversation', 'round_robin', 'least_loaded')),
    last_round_robin_user  uuid,
    updated_at             timestamptz NOT NULL,
    PRIMARY KEY (tenant_id)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['followups', 'followup_settings'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = parley_current_tenant()) '
                       'WITH CHECK (tenant_id = parley_current_tenant())', t);
    END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON followups, followup_settings TO parley_app, parley_platform;
