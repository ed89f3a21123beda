package dev.parley.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The contact a task is about, as copied from the chat when the task was made: shown to admin operators only, each
 * view audit-logged. After the conversation's personal data was erased, every detail is null and {@code erasedAt}
 * says when.
 *
 * @param missing which of {@code name}, {@code email}, {@code phone} the contact never gave (empty once erased)
 */
public record TaskContact(UUID conversationId, Integer conversationNumber, String name, String email, String phone,
                          List<String> missing, Instant erasedAt) {

    public static TaskContact of(UUID conversationId, Integer conversationNumber, String name, String email,
                                 String phone, Instant erasedAt) {
        List<String> missing = new ArrayList<>();
        if (erasedAt == null) {
            if (name == null) {
                missing.add("name");
            }
            if (email == null) {
                missing.add("email");
            }
            if (phone == null) {
                missing.add("phone");
            }
        }
        return new TaskContact(conversationId, conversationNumber, name, email, phone, List.copyOf(missing), erasedAt);
    }
}
