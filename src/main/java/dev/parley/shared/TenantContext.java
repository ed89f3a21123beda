package dev.parley.shared;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant the current thread works for. Bound from the request's access token (never from a request
 * parameter) or explicitly by a system job; every transaction on the tenant path binds it in PostgreSQL.
 */
public final class TenantContext {

    private static final ThreadLocal<TenantId> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    public static Optional<TenantId> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The current tenant, or a 403 when the caller works for none (a platform-only session). */
    public static TenantId require() {
        TenantId tenant = CURRENT.get();
        if (tenant == null) {
            throw ParleyException.forbidden("TENANT_REQUIRED", "This action needs a tenant; sign in to one.");
        }
        return tenant;
    }

    /** Runs work for a tenant and restores the previous binding afterwards. */
    public static <T> T callAs(TenantId tenant, Supplier<T> work) {
        TenantId previous = CURRENT.get();
        CURRENT.set(tenant);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    public static void runAs(TenantId tenant, Runnable work) {
        callAs(tenant, () -> {
            work.run();
            return null;
        });
    }

    /** Binds the tenant of an incoming request; the caller must {@link #clear()} when the request ends. */
    public static void bind(TenantId tenant) {
        CURRENT.set(tenant);
    }

    public static void clear() {
        CURRENT.remove();
    }

    private static void restore(TenantId previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
