-- A tenant's logo (PNG, JPEG or script-free SVG, at most 1 MB), shown in the console and the widget.
CREATE TABLE tenant_logos (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    content_type text        NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/svg+xml')),
    bytes        bytea       NOT NULL CHECK (octet_length(bytes) <= 1048576),
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id)
);
ALTER TABLE tenant_logos ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_logos FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_logos USING (tenant_id = parley_current_tenant())
    WITH CHECK (tenant_id = parley_current_tenant());
