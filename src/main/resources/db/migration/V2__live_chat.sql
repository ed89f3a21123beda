-- Live chat: widget keys, contacts (visitors), visitor sessions, conversations, messages, read markers and
-- operator presence. Every new table is tenant-owned: tenant_id leads the primary key and every foreign key,
-- row-level security enabled and forced.

-- The widget's public key names the tenant in embed snippets; the identity secret signs userHash values.
ALTER TABLE tenants ADD COLUMN widget_key text;
ALTER TABLE tenants ADD COLUMN identity_secret text;
UPDATE tenants SET widget_key = 'pk_' || replace(gen_random_uuid()::text, '-', ''),
                   identity_secret = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
ALTER TABLE tenants ALTER COLUMN widget_key SET NOT NULL;
ALTER TABLE tenants ALTER COLUMN identity_secret SET NOT NULL;
CREATE UNIQUE INDEX tenants_widget_key_uq ON tenants (widget_key);

CREATE TABLE contacts (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    id               uuid        NOT NULL,
    visitor_number   integer     NOT NULL,
    external_id      text CHECK (length(external_id) <= 200),
    name             text CHECK (length(name) <= 200),
    email            text CHECK (length(email) <= 320),
    phone            text CHECK (length(phone) <= 50),
    prechat_name     text CHECK (length(prechat_name) <= 200),
    attributes       jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(attributes) = 'object'),
    locale           text CHECK (length(locale) <= 35),
    user_agent       text CHECK (length(user_agent) <= 500),
    country          text CHECK (length(country) <= 2),
    current_url      text CHECK (length(current_url) <= 2000),
    current_title    text CHECK (length(current_title) <= 500),
    referrer         text CHECK (length(referrer) <= 2000),
    first_seen_at    timestamptz NOT NULL,
    last_seen_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, visitor_number)
);
CREATE UNIQUE INDEX contacts_external_uq ON contacts (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX contacts_email_idx ON contacts (tenant_id, lower(email));

CREATE TABLE contact_pages (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    contact_id uuid        NOT NULL,
    url        text        NOT NULL CHECK (length(url) <= 2000),
    title      text CHECK (length(title) <= 500),
    referrer   text CHECK (length(referrer) <= 2000),
    viewed_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id)
);
CREATE INDEX contact_pages_contact_idx ON contact_pages (tenant_id, contact_id, viewed_at DESC);

-- A visitor's browser holds an opaque token; only its hash is stored.
CREATE TABLE visitor_sessions (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    contact_id   uuid        NOT NULL,
    token_hash   bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id)
);
CREATE UNIQUE INDEX visitor_sessions_hash_uq ON visitor_sessions (token_hash);

CREATE TABLE conversations (
    tenant_id            uuid        NOT NULL,
    id                   uuid        NOT NULL,
    number               integer     NOT NULL,
    contact_id           uuid        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('QUEUED', 'ASSIGNED', 'RESOLVED')),
    channel              text        NOT NULL DEFAULT 'WEB' CHECK (channel IN ('WEB', 'OFFLINE_FORM')),
    offline              boolean     NOT NULL DEFAULT false,
    assignee_id          uuid,
    next_seq             bigint      NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    waiting_since        timestamptz,
    assigned_at          timestamptz,
    resolved_at          timestamptz,
    last_message_at      timestamptz,
    last_message_preview text,
    last_message_sender  text,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, number),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id),
    FOREIGN KEY (tenant_id, assignee_id) REFERENCES memberships (tenant_id, user_id)
);
CREATE INDEX conversations_status_idx ON conversations (tenant_id, status, id DESC);
CREATE INDEX conversations_assignee_idx ON conversations (tenant_id, assignee_id, status);
CREATE INDEX conversations_contact_idx ON conversations (tenant_id, contact_id, id DESC);

CREATE TABLE messages (
    tenant_id       uuid        NOT NULL,
    id              uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    sender_kind     text        NOT NULL CHECK (sender_kind IN ('VISITOR', 'OPERATOR', 'SYSTEM')),
    sender_user_id  uuid,
    body            text        NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    private         boolean     NOT NULL DEFAULT false,
    client_id       text CHECK (length(client_id) <= 100),
    created_at      timestamptz NOT NULL,
    search          tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, conversation_id, seq),
    FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id)
);
CREATE UNIQUE INDEX messages_client_id_uq ON messages (tenant_id, conversation_id, client_id)
    WHERE client_id IS NOT NULL;
CREATE INDEX messages_search_idx ON messages USING gin (search);

-- How far each reader (an operator, or the visitor) has read each conversation.
CREATE TABLE conversation_reads (
    tenant_id       uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    reader_id       uuid        NOT NULL,
    last_read_seq   bigint      NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id, reader_id),
    FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id)
);

CREATE TABLE operator_status (
    tenant_id        uuid        NOT NULL,
    user_id          uuid        NOT NULL,
    presence         text        NOT NULL DEFAULT 'OFFLINE' CHECK (presence IN ('ONLINE', 'AWAY', 'OFFLINE')),
    max_chats        integer CHECK (max_chats BETWEEN 1 AND 100),
    last_assigned_at timestamptz,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id)
);

-- Conversation list columns: the tenant's default (user_id NULL) and each operator's own.
CREATE TABLE column_configs (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    user_id    uuid,
    columns    jsonb       NOT NULL CHECK (jsonb_typeof(columns) = 'array'),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX column_configs_scope_uq ON column_configs (tenant_id, coalesce(user_id, '00000000-0000-0000-0000-000000000000'));

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['contacts', 'contact_pages', 'visitor_sessions', 'conversations', 'messages',
                             'conversation_reads', 'operator_status', 'column_configs'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = parley_current_tenant()) '
                       'WITH CHECK (tenant_id = parley_current_tenant())', t);
    END LOOP;
END $$;
