package dev.parley.tasks.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.parley.shared.ParleyException;
import dev.parley.shared.security.Caller;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tasks are for admin operators and tenant admins: anyone else gets 403 {@code FORBIDDEN} from every tasks
 * endpoint before the request is even read, so a regular operator learns nothing from validation errors either.
 * (The controller's {@code @PreAuthorize} says the same, as a second lock.)
 */
@Configuration(proxyBeanMethods = false)
class AdminOperatorsOnly implements WebMvcConfigurer {

    static final String ROLES = "hasAnyRole('ADMIN_OPERATOR', 'TENANT_ADMIN')";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                boolean allowed = Caller.current()
                        .map(caller -> caller.hasRole("ADMIN_OPERATOR") || caller.hasRole("TENANT_ADMIN"))
                        .orElse(false);
                if (!allowed) {
                    throw ParleyException.forbidden("FORBIDDEN", "Tasks are for admin operators and tenant admins.");
                }
                return true;
            }
        }).addPathPatterns("/api/v1/tasks", "/api/v1/tasks/**");
    }
}
