package dev.parley.shared.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cluster bus: over Redis when {@code parley.redis.url} is set, in-process otherwise. */
@Configuration(proxyBeanMethods = false)
class ClusterBusConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClusterBusConfiguration.class);

    @Bean
    ClusterBus clusterBus(RedisProperties properties) {
        if (!properties.configured()) {
            log.info("Cluster bus: in-process (a single node; set PARLEY_REDIS_URL to run several)");
            return new InProcessClusterBus();
        }
        return RedisClusterBus.start(properties);
    }
}
