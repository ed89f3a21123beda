-- The tenant dashboard counts conversations by when they started and when they were resolved, in ranges of
-- days in the tenant's time zone. conversations_created_idx (V6) serves the first; this one the second. Both
-- lead with tenant_id, like every index on a tenant-owned table.
CREATE INDEX conversations_resolved_idx ON conversations (tenant_id, resolved_at) WHERE status = 'RESOLVED';
