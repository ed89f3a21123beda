-- Tasks: work that admin operators give each other, usually from a chat, with comments and an activity history.
-- Every table is tenant-owned: tenant_id leads the primary key, every foreign key and every index; row-level
-- security enabled and forced. See docs/tasks-and-followups.md.

CREATE TABLE tasks (
    tenant_id         uuid        NOT NULL,
    id                uuid        NOT NULL,
    title             text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description       text CHECK (length(description) <= 10000),
    due_at            timestamptz,
    priority          text        NOT NULL CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT')),
    -- The priority as a number, so lists sort by it (URGENT first when descending) and page by it.
    priority_rank     smallint    GENERATED ALWAYS AS (CASE priority WHEN 'LOW' THEN 1 WHEN 'MEDIUM' THEN 2
                                                                       WHEN 'HIGH' THEN 3 ELSE 4 END) STORED,
    status            text        NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    assignee_id       uuid        NOT NULL,
    creator_id        uuid        NOT NULL,
    conversation_id   uuid,
    conversation_no   integer,
    contact_id        uuid,
    -- A copy of the contact's details when the task was made, so the assignee can reach them; erased (and
    -- contact_erased_at set) when the conversation's personal data is erased.
    contact_name      text CHECK (length(contact_name) <= 200),
    contact_email     text CHECK (length(contact_email) <= 320),
    contact_phone     text CHECK (length(contact_phone) <= 50),
    contact_erased_at timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    completed_at      timestamptz,
    search            tsvector    GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || coalesce(description, ''))) STORED,
    PRIMARY KEY (tenant_id, id),
    CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL)),
    FOREIGN KEY (tenant_id, assignee_id) REFERENCES memberships (tenant_id, user_id),
    FOREIGN KEY (tenant_id, creator_id) REFERENCES memberships (tenant_id, user_id),
    -- Should retention ever delete a conversation or contact outright, its tasks stay and only lose the link.
    FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE SET NULL (conversation_id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE SET NULL (contact_id)
);
-- Lists: by status (the default list shows open work, soonest due first), by assignee ("mine"), by conversation
-- (a chat's tasks, and the retention hook), by creation and update time; overdue work; text search.
CREATE INDEX tasks_status_due_idx ON tasks (tenant_id, status, due_at, id);
CREATE INDEX tasks_assignee_idx ON tasks (tenant_id, assignee_id, status, due_at);
CREATE INDEX tasks_conversation_idx ON tasks (tenant_id, conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX tasks_created_idx ON tasks (tenant_id, created_at, id);
CREATE INDEX tasks_updated_idx ON tasks (tenant_id, updated_at, id);
CREATE INDEX tasks_open_due_idx ON tasks (tenant_id, due_at) WHERE status IN ('OPEN', 'IN_PROGRESS');
CREATE INDEX tasks_search_idx ON tasks USING gin (search);

CREATE TABLE task_comments (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    task_id    uuid        NOT NULL,
    author_id  uuid        NOT NULL,
    body       text        NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, task_id) REFERENCES tasks (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES memberships (tenant_id, user_id)
);
CREATE INDEX task_comments_task_idx ON task_comments (tenant_id, task_id, created_at, id);

-- Who changed what, when. actor_id is null for the system (reminders, the retention hook). Values are stored as
-- the API shows them (enum names, ISO-8601 instants, user ids); a description change records no text.
CREATE TABLE task_activity (
    tenant_id   uuid        NOT NULL,
    id          uuid        NOT NULL,
    task_id     uuid        NOT NULL,
    actor_id    uuid,
    action      text        NOT NULL CHECK (action IN ('CREATED', 'STATUS', 'ASSIGNEE', 'PRIORITY', 'DUE', 'TITLE',
                                                       'DESCRIPTION', 'COMMENT', 'REMINDED', 'CONTACT_ERASED')),
    from_value  text CHECK (length(from_value) <= 200),
    to_value    text CHECK (length(to_value) <= 200),
    occurred_at timestamptz NOT NULL,
    -- Orders the entries of one change (several fields, one instant) as they were written.
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, task_id) REFERENCES tasks (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, actor_id) REFERENCES memberships (tenant_id, user_id)
);
CREATE INDEX task_activity_task_idx ON task_activity (tenant_id, task_id, occurred_at, seq);
-- A reminder (from_value: how long before the due time, or OVERDUE) for a due time (to_value) is recorded once:
-- db-scheduler runs an execution at least once, and this makes the notification, sent in the same transaction as
-- the record, go out exactly once.
CREATE UNIQUE INDEX task_activity_reminded_uq ON task_activity (tenant_id, task_id, from_value, to_value)
    WHERE action = 'REMINDED';

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tasks', 'task_comments', 'task_activity'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = parley_current_tenant()) '
                       'WITH CHECK (tenant_id = parley_current_tenant())', t);
    END LOOP;
END $$;
