/** Notifications: in-app notifications in real time, mail (SMTP or the mail outbox) and reminders' delivery. */
package dev.parley.notify;
