package dev.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreVersion7WithTheRfcVariant() {
        UUID id = Ids.newId();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void idsCarryTheCurrentTimeAndSortByIt() throws Exception {
        long before = System.currentTimeMillis();
        UUID first = Ids.newId();
        Thread.sleep(3);
        UUID second = Ids.newId();

        // A burst of more ids in one millisecond than the counter holds borrows the next milliseconds: allow a few.
        assertThat(first.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis() + 20);
        assertThat(first.toString()).isLessThan(second.toString());
    }

    @Test
    void idsMadeWithinOneMillisecondStillSortInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.newId().toString());
        }

        // As PostgreSQL compares uuids: byte by byte, which is the order of their text.
        assertThat(ids).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void idsAreUnique() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.newId());
        }

        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }
}
