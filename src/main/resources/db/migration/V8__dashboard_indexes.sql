-- The tenant dashboard counts conversations by when they started and when they were resolved, in ranges of
-- days in the tenant's time zone. Both indexes lead with tenant_id, like every index on a tenant-owned table.
CREATE INDEX conversations_created_idx ON conversations (tenant_id, created_at);
CREATE INDEX conversations_resolved_idx ON conversations (tenant_id, resolved_at) WHERE status = 'RESOLVED';
