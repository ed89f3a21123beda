package dev.parley.support;

import com.github.kagkarlsson.scheduler.Scheduler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/** In tests the application reads a clock that tests can move ({@link TimeMachine}); everything else is as in production. */
@Configuration(proxyBeanMethods = false)
@Profile("test")
class TestClockConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock();
    }

    @Bean
    TimeMachine timeMachine(MutableClock clock, Scheduler scheduler) {
        return new TimeMachine(clock, scheduler);
    }
}
