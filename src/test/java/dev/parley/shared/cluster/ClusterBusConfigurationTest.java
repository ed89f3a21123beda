package dev.parley.shared.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** One node needs nothing: without {@code parley.redis.url} the bus is in-process; with it, over Redis. */
class ClusterBusConfigurationTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(BusOnly.class);

    @Test
    void withoutARedisUrlTheBusIsInProcess() {
        runner.run(context -> assertThat(context.getBean(ClusterBus.class)).isInstanceOf(InProcessClusterBus.class));
        runner.withPropertyValues("parley.redis.url=")
                .run(context -> assertThat(context.getBean(ClusterBus.class)).isInstanceOf(InProcessClusterBus.class));
    }

    @Test
    void withARedisUrlTheBusGoesOverRedisAndTheNodeStartsEvenWhenRedisIsUnreachable() {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        runner.withPropertyValues("parley.redis.url=redis://127.0.0.1:1", "parley.redis.connect-retry=1h")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ClusterBus.class)).isInstanceOf(RedisClusterBus.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RedisProperties.class)
    @Import(ClusterBusConfiguration.class)
    static class BusOnly {
    }
}
