package dev.parley.identity.security;

import java.util.Map;

import jakarta.servlet.DispatcherType;

import dev.parley.identity.internal.AccessTokens;
import dev.parley.identity.internal.SessionGuard;
import dev.parley.shared.web.Problems;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless bearer-token security: no sessions, no cookies (so no CSRF), every {@code /api} call authenticated
 * except sign-in, refresh, sign-out, invitations and Stripe's signed webhook; {@code /api/v1/platform} for
 * super-admins only.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, AccessTokens tokens, SessionGuard guard) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .headers(h -> h
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(f -> f.disable())
                        .addHeaderWriter(framing(new NegatedRequestMatcher(FRAMED_BY_CONSOLE), "'none'",
                                XFrameOptionsMode.DENY))
                        .addHeaderWriter(framing(FRAMED_BY_CONSOLE, "'self'", XFrameOptionsMode.SAMEORIGIN)))
                .addFilterBefore(new AccessTokenFilter(tokens, guard), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // The async dispatch that ends a stream (notifications' Server-Sent Events) belongs to a
                        // request that was authorized when it started; it carries no token of its own.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout")
                        .permitAll()
                        .requestMatchers("/api/v1/invitations/**").permitAll()
                        .requestMatchers("/api/v1/widget/**").permitAll()
                        // Stripe signs its webhook deliveries (checked by billing) instead of signing in.
                        .requestMatchers("/api/v1/billing/stripe/webhook").permitAll()
                        .requestMatchers("/api/v1/platform/**").hasRole("SUPER_ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole("SUPER_ADMIN")
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> Problems.write(request, response,
                                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Sign in first: send a bearer access token."))
                        .accessDeniedHandler((request, response, ex) -> Problems.write(request, response,
                                HttpStatus.FORBIDDEN, "FORBIDDEN", "Your role does not allow this.")));
        return http.build();
    }

    /** The widget preview, which the console's settings page shows in a frame; no other page may be framed. */
    private static final RequestMatcher FRAMED_BY_CONSOLE =
            PathPatternRequestMatcher.withDefaults().matcher("/widget/preview.html");

    /** The content security policy (no inline script but the import map) and who may frame the page. */
    private static HeaderWriter framing(RequestMatcher pages, String frameAncestors, XFrameOptionsMode frameOptions) {
        String policy = "default-src 'self'; script-src 'self' '" + ImportMap.hash() + "'; "
                + "img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "object-src 'none'; base-uri 'self'; frame-ancestors " + frameAncestors;
        HeaderWriter csp = new ContentSecurityPolicyHeaderWriter(policy);
        HeaderWriter options = new XFrameOptionsHeaderWriter(frameOptions);
        return new DelegatingRequestMatcherHeaderWriter(pages, (request, response) -> {
            csp.writeHeaders(request, response);
            options.writeHeaders(request, response);
        });
    }

    /** Nothing authenticates with a username and password through Spring's manager: sign-in has its own API. */
    @Bean
    AuthenticationManager noAuthenticationManager() {
        return authentication -> {
            throw new ProviderNotFoundException("Sign in through /api/v1/auth/login");
        };
    }

    /** Argon2id for new hashes; bcrypt still verifies, so hashes imported from elsewhere keep working. */
    @Bean
    PasswordEncoder passwordEncoder() {
        Map<String, PasswordEncoder> encoders = Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder("argon2", encoders);
    }
}
