package dev.parley.tenancy.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a deleted tenant can still be restored before its data is purged ({@code PARLEY_TENANCY_PURGE_AFTER}).
 *
 * @param purgeAfter the grace period between deletion and purge
 */
@ConfigurationProperties("parley.tenancy")
public record PurgeProperties(@DefaultValue("30d") Duration purgeAfter) {
}
