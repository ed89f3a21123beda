package dev.parley.tasks;

/** How urgent a task is, lowest first. */
public enum TaskPriority {
    LOW, MEDIUM, HIGH, URGENT
}
