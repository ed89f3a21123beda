-- Durable jobs (db-scheduler), the purge of deleted tenants after their grace period, and automatic resolution
-- of idle conversations. See docs/ARCHITECTURE.md, "Durable jobs".

-- db-scheduler's table, as its documentation defines it for PostgreSQL. A platform table (no tenant): the
-- application's pool (parley_app) polls it outside transactions, and executions scheduled inside a platform
-- transaction (parley_platform) are written with it, so both roles use it.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
GRANT SELECT, INSERT, UPDATE, DELETE ON scheduled_tasks TO parley_app, parley_platform;

-- A deleted tenant's data is purged at purge_at (its deletion + the grace period in force then, shown to the
-- platform owner); a purged tenant stays as a tombstone (its slug unique forever, the platform audit's references
-- intact) with purged_at set.
ALTER TABLE tenants ADD COLUMN purge_at timestamptz;
ALTER TABLE tenants ADD COLUMN purged_at timestamptz;
ALTER TABLE tenants ADD CONSTRAINT tenants_purge_only_when_deleted
    CHECK ((purge_at IS NULL OR (status = 'DELETED' AND purged_at IS NULL))
           AND (purged_at IS NULL OR status = 'DELETED'));
-- Tenants deleted before purges existed were never told a date: they get a full grace period from this upgrade.
UPDATE tenants SET purge_at = now() + interval '30 days' WHERE status = 'DELETED';

-- The tenant's own audit trail is its data and goes with the purge; the platform trail stays. Neither
-- application role may delete audit entries, so the purge goes through this function, which refuses a tenant
-- that is not deleted: even the platform path cannot erase a live tenant's trail. audit_log's row-level
-- security is forced (it binds the owner too, unless the owner is a superuser), so the function binds the
-- tenant for its own statement and restores the previous binding.
CREATE FUNCTION parley_purge_tenant_audit(tenant uuid) RETURNS bigint
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = public, pg_temp
AS $$
DECLARE
    previous text := current_setting('app.tenant_id', true);
    deleted  bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM tenants WHERE id = tenant AND status = 'DELETED') THEN
        RAISE EXCEPTION 'tenant % is not deleted; its audit trail stays', tenant;
    END IF;
    PERFORM set_config('app.tenant_id', tenant::text, true);
    DELETE FROM audit_log WHERE tenant_id = tenant;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
    RETURN deleted;
END $$;
REVOKE ALL ON FUNCTION parley_purge_tenant_audit(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION parley_purge_tenant_audit(uuid) TO parley_platform;

-- Automatic resolution looks, per tenant, for open live conversations whose last message is older than the
-- tenant's limit: this index answers that with a range scan that starts at the tenant.
CREATE INDEX conversations_idle_idx ON conversations (tenant_id, (coalesce(last_message_at, created_at)))
    WHERE status IN ('QUEUED', 'ASSIGNED') AND NOT offline;
