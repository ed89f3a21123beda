package dev.parley.tasks;

import java.util.UUID;

/** A member of the tenant as tasks show them: assignee, creator, comment author, who changed what. */
public record TaskPerson(UUID id, String name, boolean active) {
}
