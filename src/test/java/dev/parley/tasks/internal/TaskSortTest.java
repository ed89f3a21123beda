package dev.parley.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import dev.parley.shared.ParleyException;
import org.junit.jupiter.api.Test;

class TaskSortTest {

    @Test
    void aSortIsAKeyAndAnOptionalDirection() {
        assertThat(TaskSort.parse(null)).isEqualTo(new TaskSort(TaskSort.Key.DUE, true));
        assertThat(TaskSort.parse("priority,desc")).isEqualTo(new TaskSort(TaskSort.Key.PRIORITY, false));
        assertThat(TaskSort.parse(" Updated ")).isEqualTo(new TaskSort(TaskSort.Key.UPDATED, true));
        assertThat(TaskSort.parse("created,desc").name()).isEqualTo("created,desc");
    }

    @Test
    void anythingElseIsA400NamingSort() {
        for (String bad : new String[] {"title", "due,up", "due,asc,again", ","}) {
            assertThatThrownBy(() -> TaskSort.parse(bad)).as(bad).isInstanceOfSatisfying(ParleyException.class,
                    e -> assertThat(e.properties().get("errors").toString()).contains("sort"));
        }
    }

    @Test
    void aCursorCarriesItsSortAndIsRefusedForAnother() {
        TaskSort byDue = TaskSort.parse("due");
        UUID id = UUID.randomUUID();
        String encoded = new TaskCursor("due,asc", null, id).encode();

        assertThat(TaskCursor.decode(encoded, byDue)).isEqualTo(new TaskCursor("due,asc", null, id));
        assertThatThrownBy(() -> TaskCursor.decode(encoded, TaskSort.parse("due,desc")))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"));
        String badValue = new TaskCursor("priority,asc", "high", id).encode();
        assertThatThrownBy(() -> TaskCursor.decode(badValue, TaskSort.parse("priority")))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"));
    }

    @Test
    void rowsWithoutADueTimeComeAfterTheCursorInBothDirections() {
        assertThat(TaskSort.parse("due").after(false)).contains("OR t.due_at IS NULL");
        assertThat(TaskSort.parse("due,desc").after(false)).contains("t.due_at < :cursorValue")
                .contains("OR t.due_at IS NULL");
        assertThat(TaskSort.parse("due").after(true)).isEqualTo("(t.due_at IS NULL AND t.id > :cursorId)");
        assertThat(TaskSort.parse("created").after(false)).doesNotContain("IS NULL");
    }
}
