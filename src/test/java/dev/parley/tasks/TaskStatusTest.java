package dev.parley.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskStatusTest {

    @Test
    void openWorkCanGoAnywhereAndFinishedWorkCanOnlyBeReopened() {
        assertThat(TaskStatus.OPEN.next()).containsExactly(TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED,
                TaskStatus.CANCELLED);
        assertThat(TaskStatus.IN_PROGRESS.next()).containsExactly(TaskStatus.OPEN, TaskStatus.COMPLETED,
                TaskStatus.CANCELLED);
        assertThat(TaskStatus.COMPLETED.next()).containsExactly(TaskStatus.OPEN);
        assertThat(TaskStatus.CANCELLED.next()).containsExactly(TaskStatus.OPEN);
    }

    @Test
    void stayingTheSameIsAlwaysAllowedAndFinishedWorkCannotJumpToAnotherEnd() {
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(status.canChangeTo(status)).isTrue();
        }
        assertThat(TaskStatus.COMPLETED.canChangeTo(TaskStatus.CANCELLED)).isFalse();
        assertThat(TaskStatus.CANCELLED.canChangeTo(TaskStatus.IN_PROGRESS)).isFalse();
    }

    @Test
    void onlyOpenAndInProgressAreOpenWork() {
        assertThat(TaskStatus.OPEN.isOpen()).isTrue();
        assertThat(TaskStatus.IN_PROGRESS.isOpen()).isTrue();
        assertThat(TaskStatus.COMPLETED.isOpen()).isFalse();
        assertThat(TaskStatus.CANCELLED.isOpen()).isFalse();
    }

    @Test
    void searchTextBecomesAPrefixQueryOfEveryWord() {
        assertThat(Tasks.searchQuery("ship  Lis")).isEqualTo("ship:* & Lis:*");
        assertThat(Tasks.searchQuery("order #1042, café!")).isEqualTo("order:* & 1042:* & café:*");
        assertThat(Tasks.searchQuery("'&|!:*()")).as("tsquery syntax never reaches the database").isNull();
        assertThat(Tasks.searchQuery(null)).isNull();
    }
}
