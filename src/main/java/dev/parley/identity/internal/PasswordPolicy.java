package dev.parley.identity.internal;

import dev.parley.shared.ParleyException;

/** What a password must be: long enough to resist guessing, short enough to hash, not the email. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 200;

    private PasswordPolicy() {
    }

    static void check(String field, String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ParleyException.invalidField(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw ParleyException.invalidField(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (password.isBlank() || password.equalsIgnoreCase(email)) {
            throw ParleyException.invalidField(field, "must not be blank or your email address");
        }
    }
}
