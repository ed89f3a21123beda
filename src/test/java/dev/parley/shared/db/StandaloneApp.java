package dev.parley.shared.db;

import java.util.HashMap;
import java.util.Map;

import dev.parley.ParleyApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts Parley the way {@code ./mvnw spring-boot:run} does, with chosen settings, outside the test context cache. */
final class StandaloneApp {

    private StandaloneApp() {
    }

    static ConfigurableApplicationContext start(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "server.port", "0",
                "parley.admin.email", "root@parley.test",
                "parley.admin.password", "root-password-for-tests",
                "spring.jmx.enabled", "false"));
        properties.putAll(settings);
        // As command-line arguments, so they win over application.properties like real settings do.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ParleyApplication.class).run(args);
    }
}
