-- Whether tenant admins are offered the plan on their Billing page (self-serve). A plan that is not (a negotiated
-- deal, a retired plan) is still held by its tenants and given by the super-admin.
ALTER TABLE plans ADD COLUMN self_serve boolean NOT NULL DEFAULT true;
