-- Parley foundation: platform tables, tenant-owned identity tables, the roles the application runs as,
-- and row-level security. See docs/ARCHITECTURE.md, "Tenancy".

-- The migration user owns every table. The application never does: its connections SET ROLE to
-- parley_app (row-level security applies) and, on the explicit platform path, to parley_platform
-- (BYPASSRLS). Roles are cluster-wide, so they are created only when missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parley_app') THEN
        CREATE ROLE parley_app NOLOGIN NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parley_platform') THEN
        CREATE ROLE parley_platform NOLOGIN BYPASSRLS;
    END IF;
END $$;

-- The login user must be a member of both roles to SET ROLE to them.
GRANT parley_app TO CURRENT_USER;
GRANT parley_platform TO CURRENT_USER;

GRANT USAGE ON SCHEMA public TO parley_app, parley_platform;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO parley_app, parley_platform;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO parley_app, parley_platform;

-- The tenant of the current transaction, bound by the application with set_config('app.tenant_id', ?, true).
-- Unset (or empty after a transaction that set it) means no tenant: every tenant-owned row is invisible.
CREATE FUNCTION parley_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- ---------------------------------------------------------------------------------------------
-- Platform tables (no tenant)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE tenants (
    id           uuid PRIMARY KEY,
    slug         text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status       text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'DELETED')),
    settings     jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(settings) = 'object'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    suspended_at timestamptz,
    deleted_at   timestamptz
);
CREATE INDEX tenants_status_idx ON tenants (status, id);
CREATE INDEX tenants_name_idx ON tenants (lower(name));

-- A host belongs to one tenant at most: the unique index is what makes a clash a 409.
CREATE TABLE tenant_domains (
    id         uuid PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (id),
    host       text        NOT NULL CHECK (host = lower(host) AND length(host) BETWEEN 1 AND 253),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tenant_domains_host_uq ON tenant_domains (host);
CREATE INDEX tenant_domains_tenant_idx ON tenant_domains (tenant_id);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
    name          text        CHECK (length(name) <= 200),
    password_hash text,
    platform_role text        CHECK (platform_role IN ('SUPER_ADMIN')),
    status        text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz
);
CREATE UNIQUE INDEX users_email_uq ON users (email);

-- Signing keys for access tokens. Only the platform role may read them.
CREATE TABLE signing_keys (
    kid         text PRIMARY KEY,
    algorithm   text        NOT NULL CHECK (algorithm IN ('RS256')),
    private_key bytea       NOT NULL,
    public_key  bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz
);
REVOKE ALL ON signing_keys FROM parley_app;

-- Failed logins per account and per address; throttling and lock-outs are decided from these rows.
CREATE TABLE login_failures (
    key             text PRIMARY KEY,
    failures        integer     NOT NULL,
    first_failed_at timestamptz NOT NULL,
    last_failed_at  timestamptz NOT NULL,
    locked_until    timestamptz
);

CREATE TABLE platform_audit_log (
    id            uuid PRIMARY KEY,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    actor_user_id uuid,
    action        text        NOT NULL,
    tenant_id     uuid,
    target_type   text,
    target_id     text,
    details       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    ip            text
);
CREATE INDEX platform_audit_log_time_idx ON platform_audit_log (occurred_at DESC, id DESC);
REVOKE UPDATE, DELETE ON platform_audit_log FROM parley_app, parley_platform;

-- ---------------------------------------------------------------------------------------------
-- Tenant-owned tables: tenant_id leads the primary key and every foreign key to another tenant-owned
-- table, row-level security is enabled and forced.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE memberships (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id),
    id         uuid        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES users (id),
    role       text        NOT NULL CHECK (role IN ('TENANT_ADMIN', 'ADMIN_OPERATOR', 'OPERATOR')),
    status     text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DEACTIVATED')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE refresh_tokens (
    tenant_id   uuid        NOT NULL,
    id          uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    family_id   uuid        NOT NULL,
    token_hash  bytea       NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    replaced_by uuid,
    user_agent  text,
    ip          text,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id),
    FOREIGN KEY (tenant_id, replaced_by) REFERENCES refresh_tokens (tenant_id, id)
);
CREATE UNIQUE INDEX refresh_tokens_hash_uq ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (tenant_id, family_id);

CREATE TABLE invitations (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    id               uuid        NOT NULL,
    email            text        NOT NULL CHECK (email = lower(email)),
    role             text        NOT NULL CHECK (role IN ('TENANT_ADMIN', 'ADMIN_OPERATOR', 'OPERATOR')),
    token_hash       bytea       NOT NULL,
    invited_by       uuid REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    accepted_at      timestamptz,
    accepted_user_id uuid REFERENCES users (id),
    revoked_at       timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX invitations_hash_uq ON invitations (token_hash);
CREATE UNIQUE INDEX invitations_pending_uq ON invitations (tenant_id, email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE audit_log (
    tenant_id     uuid        NOT NULL REFERENCES tenants (id),
    id            uuid        NOT NULL,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    actor_user_id uuid,
    action        text        NOT NULL,
    target_type   text,
    target_id     text,
    details       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    ip            text,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_log_time_idx ON audit_log (tenant_id, occurred_at DESC, id DESC);
-- The audit trail is append-only for the application.
REVOKE UPDATE, DELETE ON audit_log FROM parley_app, parley_platform;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['memberships', 'refresh_tokens', 'invitations', 'audit_log'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = parley_current_tenant()) '
                       'WITH CHECK (tenant_id = parley_current_tenant())', t);
    END LOOP;
END $$;

-- Data that predates tenancy (and the platform owner's own workspace) lives in the default tenant.
INSERT INTO tenants (id, slug, name)
VALUES ('00000000-0000-7000-8000-000000000001', 'default', 'Default');
