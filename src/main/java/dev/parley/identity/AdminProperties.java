package dev.parley.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first super-admin, created on first start ({@code PARLEY_ADMIN_EMAIL}, {@code PARLEY_ADMIN_PASSWORD});
 * without a password one is generated and printed once.
 */
@ConfigurationProperties("parley.admin")
public record AdminProperties(String email, String password) {
}
