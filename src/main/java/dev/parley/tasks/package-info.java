/**
 * Tasks: work admin operators give each other, usually from a chat, with comments, an activity history,
 * reminders before the due time and a completion report. Admin operators and tenant admins only.
 */
package dev.parley.tasks;
