package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ParleyApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

/** A node configured with a default plan that does not exist does not start, and says why. */
class DefaultPlanCheckIT {

    @Test
    void anUnknownDefaultPlanStopsTheStartWithAClearMessage() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ParleyApplication.class).profiles("test").run(
                "--server.port=0", "--spring.jmx.enabled=false", "--parley.billing.default-plan=platinum-x"))
                .hasStackTraceContaining("parley.billing.default-plan")
                .hasStackTraceContaining("platinum-x");
    }
}
