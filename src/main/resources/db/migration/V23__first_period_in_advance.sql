-- Base prices are charged in advance. A subscription that became paid outside a period's roll-over (the tenants that
-- predate subscriptions, made ACTIVE by V13) has not been charged for its current period yet: that period's base
-- price waits for the next invoice as a pending item, as it does for subscriptions that start paid from now on.
INSERT INTO invoice_items (tenant_id, id, kind, description, amount, currency, period_start, period_end, created_at)
SELECT s.tenant_id, gen_random_uuid(), 'BASE',
       p.name || CASE s.billing_interval WHEN 'YEARLY' THEN ' (yearly)' ELSE ' (monthly)' END,
       CASE s.billing_interval WHEN 'YEARLY' THEN p.yearly_price ELSE p.monthly_price END,
       p.currency, s.current_period_start, s.current_period_end, now()
FROM subscriptions s JOIN plans p ON p.id = s.plan_id
WHERE s.status IN ('ACTIVE', 'PAST_DUE')
  AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.tenant_id = s.tenant_id)
  AND NOT EXISTS (SELECT 1 FROM invoice_items ii WHERE ii.tenant_id = s.tenant_id AND ii.kind = 'BASE');
