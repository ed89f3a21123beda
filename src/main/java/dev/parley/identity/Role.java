package dev.parley.identity;

/**
 * What a person may do. {@code SUPER_ADMIN} is a platform role held by the user; the others are held per
 * tenant through a membership.
 */
public enum Role {
    SUPER_ADMIN, TENANT_ADMIN, ADMIN_OPERATOR, OPERATOR;

    public boolean isTenantRole() {
        return this != SUPER_ADMIN;
    }
}
