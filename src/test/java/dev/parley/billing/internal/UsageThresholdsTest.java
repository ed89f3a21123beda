package dev.parley.billing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageThresholdsTest {

    @Test
    void aThresholdIsReachedAtItsShareOfTheAllowanceNotBefore() {
        assertThat(UsageThresholds.reaches(79, 100, 80)).isFalse();
        assertThat(UsageThresholds.reaches(80, 100, 80)).isTrue();
        assertThat(UsageThresholds.reaches(4, 5, 80)).isTrue();
        assertThat(UsageThresholds.reaches(3, 5, 80)).isFalse();
        assertThat(UsageThresholds.reaches(5, 5, 100)).isTrue();
        assertThat(UsageThresholds.reaches(5, 5, 120)).isFalse();
        assertThat(UsageThresholds.reaches(6, 5, 120)).isTrue();
        assertThat(UsageThresholds.reaches(1_200_000_000L, 1_000_000_000L, 120)).isTrue();
    }

    @Test
    void anAllowanceOfNothingIsReachedByAnyUseButNotByNone() {
        assertThat(UsageThresholds.reaches(0, 0, 80)).isFalse();
        assertThat(UsageThresholds.reaches(1, 0, 120)).isTrue();
    }
}
