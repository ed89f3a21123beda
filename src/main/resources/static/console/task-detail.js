import { LitElement, html, css } from 'lit';
import { live } from 'lit/directives/live.js';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import {
  PRIORITIES, PRIORITY_LABELS, STATUS_LABELS, dateTime, fieldErrors, instantOf, localParts, priorityBadge,
  statusBadge, taskStyles,
} from './task-format.js';

const CONTACT_FIELDS = [['name', 'Name'], ['phone', 'Phone'], ['email', 'Email']];

/**
 * One task: its details to edit (title, description, due time, priority, assignee, status), the contact it is
 * about (loading it is audit-logged by the server) with a link back to the chat, comments, and the history of
 * who changed what.
 */
export class TaskDetail extends LitElement {
  static properties = {
    me: { type: Object }, taskId: { type: String },
    task: { state: true }, comments: { state: true }, activity: { state: true }, assignees: { state: true },
    error: { state: true }, notice: { state: true }, errors: { state: true }, saving: { state: true },
    commenting: { state: true }, commentError: { state: true }, confirming: { state: true },
  };

  static styles = [shared, taskStyles, css`
    .back { display: inline-block; margin-bottom: 0.8rem; font-size: 0.92rem; }
    .title-row { display: flex; gap: 0.8rem; align-items: center; flex-wrap: wrap; margin-bottom: 1rem; }
    .title-row h2 { margin: 0; font-size: 1.35rem; flex: 1; min-width: 12rem; overflow-wrap: anywhere; }
    .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(17rem, 1fr); gap: 1.2rem; align-items: start; }
    @media (max-width: 960px) { .layout { grid-template-columns: 1fr; } }
    .stack { display: grid; gap: 1.2rem; }
    form label { margin: 0.8rem 0 0.3rem; }
    form > label:first-child { margin-top: 0; }
    form .buttons { display: flex; justify-content: flex-end; gap: 0.6rem; margin-top: 1rem; }
    form button[type=submit] { width: auto; margin: 0; }
    .meta { font-size: 0.88rem; color: var(--parley-muted); display: grid; gap: 0.3rem; margin: 0; }
    .meta strong { color: var(--parley-text); font-weight: 500; }
    a.open-chat { display: inline-block; margin-top: 0.9rem; padding: 0.45rem 0.9rem; border: 1px solid var(--parley-primary);
                  border-radius: 6px; font-weight: 500; }
    a.open-chat:hover { background: #eef2ff; text-decoration: none; }
    ol.comments, ol.activity { list-style: none; margin: 0; padding: 0; }
    ol.comments li { padding: 0.7rem 0; border-bottom: 1px solid var(--parley-border); }
    ol.comments li:first-child { padding-top: 0; }
    .comment-head { font-size: 0.85rem; color: var(--parley-muted); margin-bottom: 0.25rem; }
    .comment-head strong { color: var(--parley-text); }
    .comment-body { white-space: pre-wrap; overflow-wrap: anywhere; }
    form.comment { margin-top: 0.9rem; }
    form.comment textarea { min-height: 4rem; }
    ol.activity li { display: grid; grid-template-columns: 0.6rem 1fr; gap: 0.6rem; padding: 0.4rem 0; font-size: 0.9rem; }
    ol.activity .dot { width: 0.5rem; height: 0.5rem; border-radius: 50%; background: var(--parley-border); margin-top: 0.4rem; }
    ol.activity time { display: block; color: var(--parley-muted); font-size: 0.78rem; }
    .erased { font-size: 0.9rem; }
    dialog p { margin: 0 0 0.4rem; line-height: 1.45; }
  `];

  constructor() {
    super();
    this.comments = [];
    this.activity = [];
    this.assignees = [];
    this.errors = {};
  }

  willUpdate(changed) {
    if (changed.has('taskId') && this.taskId) this.load();
  }

  async load() {
    this.error = null;
    try {
      const [task, comments, activity, assignees] = await Promise.all([
        api(`/api/v1/tasks/${this.taskId}`), api(`/api/v1/tasks/${this.taskId}/comments`),
        api(`/api/v1/tasks/${this.taskId}/activity`), api('/api/v1/tasks/assignees'),
      ]);
      this.task = task;
      this.comments = comments;
      this.activity = activity;
      this.assignees = assignees;
    } catch (error) {
      this.error = error.status === 404 ? 'This task does not exist, or was deleted.' : describe(error);
    }
  }

  async refreshHistory() {
    [this.comments, this.activity] = await Promise.all([
      api(`/api/v1/tasks/${this.taskId}/comments`), api(`/api/v1/tasks/${this.taskId}/activity`)]);
  }

  /** Sends only what changed. */
  async save(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const t = this.task;
    const change = {};
    const title = String(form.get('title') || '').trim();
    if (title !== t.title) change.title = title;
    const description = String(form.get('description') || '').trim() || null;
    if (description !== (t.description || null)) change.description = description;
    const dueAt = instantOf(String(form.get('dueDate') || ''), String(form.get('dueTime') || ''));
    if ((dueAt ? Date.parse(dueAt) : null) !== (t.dueAt ? Date.parse(t.dueAt) : null)) change.dueAt = dueAt;
    if (form.get('priority') !== t.priority) change.priority = form.get('priority');
    if (form.get('assigneeId') !== t.assignee.id) change.assigneeId = form.get('assigneeId');
    if (form.get('status') !== t.status) change.status = form.get('status');
    if (!title) {
      this.errors = { title: 'A task needs a title.' };
      return;
    }
    if (Object.keys(change).length === 0) {
      this.notice = 'Nothing to save: no field was changed.';
      return;
    }
    await this.patch(change, 'Changes saved.');
  }

  async patch(change, notice) {
    this.saving = true;
    this.errors = {};
    this.notice = null;
    this.error = null;
    try {
      const updated = await api(`/api/v1/tasks/${this.taskId}`, { method: 'PATCH', body: change });
      this.task = { ...updated, contact: this.task.contact };
      this.notice = notice;
      await this.refreshHistory();
    } catch (error) {
      const { fields, general } = fieldErrors(error, describe);
      this.errors = fields;
      this.error = general;
    } finally {
      this.saving = false;
    }
  }

  async comment(event) {
    event.preventDefault();
    const form = event.target;
    const body = form.elements.body.value.trim();
    if (!body) {
      this.commentError = 'Write something first.';
      return;
    }
    this.commenting = true;
    this.commentError = null;
    try {
      await api(`/api/v1/tasks/${this.taskId}/comments`, { method: 'POST', body: { body } });
      form.reset();
      await this.refreshHistory();
    } catch (error) {
      this.commentError = describe(error);
    } finally {
      this.commenting = false;
    }
  }

  askDelete() {
    this.confirming = true;
    this.updateComplete.then(() => this.renderRoot.querySelector('dialog')?.showModal());
  }

  async answer(yes) {
    this.renderRoot.querySelector('dialog')?.close();
    this.confirming = false;
    if (!yes) return;
    try {
      await api(`/api/v1/tasks/${this.taskId}`, { method: 'DELETE' });
      location.hash = '#/tasks';
    } catch (error) {
      this.error = describe(error);
    }
  }

  canDelete() {
    return this.task.creator.id === this.me?.user?.id || (this.me?.roles || []).includes('TENANT_ADMIN');
  }

  render() {
    if (!this.task) {
      return html`
        <a class="back" href="#/tasks">← All tasks</a>
        ${this.error ? html`<p class="error-box" role="alert">${this.error}</p>` : html`<p class="muted">Loading the task…</p>`}`;
    }
    const t = this.task;
    return html`
      <a class="back" href="#/tasks">← All tasks</a>
      <div class="title-row">
        <h2 data-testid="task-title">${t.title}</h2>
        ${statusBadge(t.status)} ${priorityBadge(t.priority)}
        ${t.overdue ? html`<span class="badge overdue">Overdue</span>` : ''}
      </div>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      ${this.error ? html`<p class="error-box" role="alert">${this.error}</p>` : ''}
      <div class="layout">
        <div class="stack">
          ${this.renderForm(t)}
          ${this.renderComments()}
        </div>
        <div class="stack">
          ${this.renderContact(t)}
          ${this.renderActivity()}
        </div>
      </div>
      ${this.confirming ? html`
        <dialog aria-labelledby="delete-title" @cancel=${(e) => { e.preventDefault(); this.answer(false); }}>
          <div class="dialog-body">
            <h2 id="delete-title">Delete this task?</h2>
            <p>“${t.title}”, its comments and its history will be gone for good. To keep a record, cancel the task instead.</p>
          </div>
          <div class="actions">
            <button class="secondary" @click=${() => this.answer(false)}>Keep it</button>
            <button class="danger" @click=${() => this.answer(true)}>Delete task</button>
          </div>
        </dialog>` : ''}`;
  }

  renderForm(t) {
    const e = this.errors || {};
    const { date, time } = localParts(t.dueAt);
    return html`
      <section class="panel" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <form @submit=${this.save} novalidate>
          <label for="task-title">Title</label>
          <input id="task-title" name="title" maxlength="200" .value=${live(t.title)} aria-invalid=${e.title ? 'true' : 'false'}>
          ${e.title ? html`<p class="field-error">${e.title}</p>` : ''}
          <label for="task-description">Description</label>
          <textarea id="task-description" name="description" maxlength="10000" rows="4"
              .value=${live(t.description || '')}></textarea>
          ${e.description ? html`<p class="field-error">${e.description}</p>` : ''}
          <div class="row">
            <div>
              <label for="task-status">Status</label>
              <select id="task-status" name="status" .value=${live(t.status)} aria-invalid=${e.status ? 'true' : 'false'}>
                ${[t.status, ...t.nextStatuses].map((s) => html`<option value=${s} ?selected=${s === t.status}>${STATUS_LABELS[s]}</option>`)}
              </select>
            </div>
            <div>
              <label for="task-priority">Priority</label>
              <select id="task-priority" name="priority" .value=${live(t.priority)}>
                ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === t.priority}>${PRIORITY_LABELS[p]}</option>`)}
              </select>
            </div>
          </div>
          <div class="row">
            <div>
              <label for="task-due-date">Due date</label>
              <input id="task-due-date" name="dueDate" type="date" .value=${live(date)}>
            </div>
            <div>
              <label for="task-due-time">Due time</label>
              <input id="task-due-time" name="dueTime" type="time" .value=${live(time)}>
            </div>
          </div>
          ${e.dueAt ? html`<p class="field-error">${e.dueAt}</p>` : html`<p class="hint">In your time zone. Clear the date to remove the due time.</p>`}
          <label for="task-assignee">Assignee</label>
          <select id="task-assignee" name="assigneeId" .value=${live(t.assignee.id)} aria-invalid=${e.assigneeId ? 'true' : 'false'}>
            ${this.assignees.some((a) => a.userId === t.assignee.id) ? '' : html`
              <option value=${t.assignee.id} selected>${t.assignee.name} (no longer on tasks)</option>`}
            ${this.assignees.map((a) => html`<option value=${a.userId} ?selected=${a.userId === t.assignee.id}>${a.name}${a.userId === this.me?.user?.id ? ' (you)' : ''}</option>`)}
          </select>
          ${e.assigneeId ? html`<p class="field-error">${e.assigneeId}</p>` : ''}
          <div class="buttons">
            ${this.canDelete() ? html`<button type="button" class="secondary danger" @click=${() => this.askDelete()}>Delete</button>` : ''}
            <button type="submit" ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Save changes'}</button>
          </div>
        </form>
      </section>`;
  }

  renderContact(t) {
    const c = t.contact;
    return html`
      <section class="panel" aria-labelledby="contact-title">
        <h2 id="contact-title">${c ? 'Contact' : 'About'}</h2>
        ${!c ? html`<p class="muted">This task is not about a chat.</p>`
          : c.erasedAt ? html`<p class="erased muted">The contact's details were erased on ${dateTime(c.erasedAt)}, with the
              conversation's personal data.</p>`
          : html`
            <dl class="contact" data-testid="task-contact">
              ${CONTACT_FIELDS.map(([field, label]) => html`
                <dt>${label}</dt>
                <dd data-field=${field}>${c[field] ? (field === 'email' ? html`<a href="mailto:${c.email}">${c.email}</a>`
                  : field === 'phone' ? html`<a href="tel:${c.phone}">${c.phone}</a>` : c[field])
                  : html`<span class="badge missing" aria-label="${label} missing">Missing</span>`}</dd>`)}
            </dl>`}
        ${t.conversationId ? html`<a class="open-chat" href="#/inbox/${t.conversationId}">Open chat #${t.conversationNumber}</a>` : ''}
        <hr style="border: none; border-top: 1px solid var(--parley-border); margin: 1rem 0 0.8rem">
        <div class="meta">
          <span>Created by <strong>${t.creator.name}</strong> on ${dateTime(t.createdAt)}</span>
          <span>Assigned to <strong>${t.assignee.name}</strong></span>
          ${t.dueAt ? html`<span>Due <strong>${dateTime(t.dueAt)}</strong></span>` : html`<span>No due date</span>`}
          ${t.completedAt ? html`<span>Completed on ${dateTime(t.completedAt)}</span>` : ''}
        </div>
      </section>`;
  }

  renderComments() {
    return html`
      <section class="panel" aria-labelledby="comments-title">
        <h2 id="comments-title">Comments <span class="count">${this.comments.length || ''}</span></h2>
        ${this.comments.length === 0 ? html`<p class="muted">No comments yet.</p>` : html`
          <ol class="comments" aria-label="Comments">
            ${this.comments.map((c) => html`
              <li>
                <div class="comment-head"><strong>${c.author.name}</strong> · ${dateTime(c.createdAt)}</div>
                <div class="comment-body">${c.body}</div>
              </li>`)}
          </ol>`}
        <form class="comment" @submit=${this.comment} novalidate>
          <label for="task-comment">Add a comment</label>
          <textarea id="task-comment" name="body" maxlength="5000" placeholder="Progress, questions, what was agreed…"></textarea>
          ${this.commentError ? html`<p class="field-error" role="alert">${this.commentError}</p>` : ''}
          <div class="buttons" style="display: flex; justify-content: flex-end; margin-top: 0.6rem">
            <button type="submit" ?disabled=${this.commenting}>${this.commenting ? 'Posting…' : 'Comment'}</button>
          </div>
        </form>
      </section>`;
  }

  renderActivity() {
    return html`
      <section class="panel" aria-labelledby="activity-title">
        <h2 id="activity-title">Activity</h2>
        <ol class="activity" aria-label="Activity">
          ${[...this.activity].reverse().map((a) => html`
            <li><span class="dot" aria-hidden="true"></span>
              <span>${describeEntry(a)}<time datetime=${a.occurredAt}>${dateTime(a.occurredAt)}</time></span></li>`)}
        </ol>
      </section>`;
  }
}

/** An activity entry in words: "Ana changed the status from Open to In progress". */
function describeEntry(a) {
  const who = a.actor ? a.actor.name : 'Parley';
  const value = (v) => v ?? 'none';
  switch (a.action) {
    case 'CREATED': return `${who} created the task`;
    case 'STATUS': return `${who} changed the status from ${STATUS_LABELS[a.from]} to ${STATUS_LABELS[a.to]}`;
    case 'PRIORITY': return `${who} changed the priority from ${PRIORITY_LABELS[a.from]} to ${PRIORITY_LABELS[a.to]}`;
    case 'ASSIGNEE': return `${who} reassigned it from ${value(a.fromName)} to ${value(a.toName)}`;
    case 'DUE': return a.to ? `${who} set the due date to ${dateTime(a.to)}` : `${who} removed the due date`;
    case 'TITLE': return `${who} renamed it from “${a.from}”`;
    case 'DESCRIPTION': return `${who} edited the description`;
    case 'COMMENT': return `${who} commented`;
    case 'REMINDED': return reminder(a.from);
    case 'CONTACT_ERASED': return 'The contact\'s details were erased (data retention)';
    default: return `${who}: ${a.action.toLowerCase()}`;
  }
}

/** A reminder recorded as `PT24H`, `PT30M` or `OVERDUE`, in words. */
function reminder(kind) {
  if (kind === 'OVERDUE') return 'Overdue notice sent to the assignee';
  const [, hours, minutes] = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(kind || '') || [];
  const parts = [];
  if (hours) parts.push(`${hours} hour${hours === '1' ? '' : 's'}`);
  if (minutes) parts.push(`${minutes} minute${minutes === '1' ? '' : 's'}`);
  return parts.length ? `Reminder sent to the assignee: due in ${parts.join(' ')}` : `Reminder sent (${kind})`;
}

customElements.define('parley-task-detail', TaskDetail);
