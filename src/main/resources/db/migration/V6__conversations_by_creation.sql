-- Conversations opened in a period, per tenant (the platform owner's "conversations this month", reports later),
-- without reading every conversation the tenant ever had.
CREATE INDEX conversations_created_idx ON conversations (tenant_id, created_at);
