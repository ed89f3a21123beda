package dev.parley.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.RedisProperties;
import org.junit.jupiter.api.Test;

class TenantBucketsTest {

    private final TenantId tenant = new TenantId(UUID.randomUUID());

    @Test
    void inMemoryBucketsGiveTheLimitThenTheSecondsToWaitPerKindAndStartFullWhenTheLimitChanges() {
        TenantBuckets buckets = new InMemoryTenantBuckets();
        for (int call = 1; call <= 3; call++) {
            assertThat(buckets.tryConsume("api", tenant, 3)).as("call " + call).isZero();
        }
        assertThat(buckets.tryConsume("api", tenant, 3)).as("3 a minute: one back in 20 s").isBetween(19L, 20L);
        assertThat(buckets.tryConsume("widget", tenant, 3)).as("another kind").isZero();
        assertThat(buckets.tryConsume("api", tenant, 10)).as("a new limit").isZero();

        buckets.tryConsume("api", tenant, 1);
        assertThat(buckets.tryConsume("api", tenant, 1)).isPositive();
        buckets.forget("api", tenant);
        assertThat(buckets.tryConsume("api", tenant, 1)).as("forgotten: full again").isZero();
        assertThat(buckets.tryConsume("api", tenant, 1)).isPositive();
        buckets.forgetAll("api");
        assertThat(buckets.tryConsume("api", tenant, 1)).isZero();
    }

    @Test
    void unreachableRedisLetsCallsThroughAtOnce() {
        try (RedisTenantBuckets buckets = RedisTenantBuckets.start(
                new RedisProperties("redis://127.0.0.1:1", "parley-test", Duration.ofSeconds(5)))) {
            long started = System.nanoTime();
            for (int call = 1; call <= 5; call++) {
                assertThat(buckets.tryConsume("api", tenant, 1)).as("call " + call).isZero();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }
    }
}
