/**
 * Follow-ups: a call, email, message or meeting with a chat's contact at a set time, assigned to an admin operator,
 * with reminders, a status and an outcome, chained to the follow-up it was scheduled from; a calendar, a list and a
 * report of outcomes.
 */
package dev.parley.followups;
