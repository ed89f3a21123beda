-- Revenue reporting, analytics and the widget's rate limit per plan.

-- The revenue report finds each tenant's movements in time order (its MRR at a month's start and end, the outcome of
-- a trial): an index that leads with the tenant, then time.
CREATE INDEX mrr_movements_by_tenant ON mrr_movements (tenant_id, at, id);

-- The widget's public API (/api/v1/widget/**): calls a minute per tenant, all its visitors together; null means
-- unlimited. Sized for busy sites: a page view costs a few calls.
ALTER TABLE plans ADD COLUMN widget_rate_per_minute integer CHECK (widget_rate_per_minute >= 0);
UPDATE plans SET widget_rate_per_minute = 600 WHERE id = 'basic';
UPDATE plans SET widget_rate_per_minute = 3000 WHERE id = 'professional';
UPDATE plans SET widget_rate_per_minute = 30000 WHERE id = 'enterprise';
