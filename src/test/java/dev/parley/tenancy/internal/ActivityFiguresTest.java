package dev.parley.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import dev.parley.tenancy.TenantActivity.Figures;
import org.junit.jupiter.api.Test;

class ActivityFiguresTest {

    @Test
    void theMonthStartsAtMidnightUtcOnItsFirstDay() {
        assertThat(ActivityFigures.monthStart(Instant.parse("2026-03-31T23:59:59Z")))
                .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(ActivityFigures.monthStart(Instant.parse("2026-03-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void figuresFromTwoSourcesAddUpAndTheLatestMomentIsTheLastActivity() {
        Figures people = new Figures(3, 0, null, Instant.parse("2026-03-02T10:00:00Z"));
        Figures chats = new Figures(0, 7, Instant.parse("2026-03-05T09:00:00Z"), null);

        Figures both = people.plus(chats);

        assertThat(both).isEqualTo(new Figures(3, 7, Instant.parse("2026-03-05T09:00:00Z"),
                Instant.parse("2026-03-02T10:00:00Z")));
        assertThat(both.lastActivityAt()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
        assertThat(Figures.NONE.lastActivityAt()).isNull();
    }
}
