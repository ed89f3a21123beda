import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { PRIORITIES, PRIORITY_LABELS, fieldErrors, instantOf, taskStyles } from './task-format.js';

const CONTACT_FIELDS = [['name', 'Name'], ['phone', 'Phone'], ['email', 'Email']];

/**
 * The "Create task" dialog: title, description, due date and time, priority and assignee (the tenant's admin
 * operators), and, for a task made from a chat, the contact's name, phone and email with what is missing marked
 * (reading them is audit-logged by the server). Fires `task-created` with the new task.
 */
export class TaskModal extends LitElement {
  static properties = {
    conversationId: { type: String }, me: { type: String },
    assignees: { state: true }, contact: { state: true }, loading: { state: true }, saving: { state: true },
    errors: { state: true }, error: { state: true }, created: { state: true },
  };

  static styles = [shared, taskStyles, css`
    label { margin: 0.85rem 0 0.3rem; }
    label .optional { font-weight: 400; color: var(--parley-muted); font-size: 0.8rem; }
    .contact-box { margin: 0.9rem 0 0.2rem; padding: 0.8rem 1rem; border: 1px solid var(--parley-border);
                   border-radius: 8px; background: #f8f9fc; }
    .contact-box h3 { margin: 0 0 0.55rem; font-size: 0.82rem; text-transform: uppercase; letter-spacing: 0.04em;
                      color: var(--parley-muted); }
    .contact-box p { margin: 0.5rem 0 0; font-size: 0.82rem; }
    .done { text-align: center; padding: 1rem 0 0.4rem; }
    .done .tick { width: 3rem; height: 3rem; border-radius: 50%; background: #e3f5e8; color: #1b6b34;
                  display: inline-grid; place-items: center; font-size: 1.5rem; margin-bottom: 0.6rem; }
    .done p { margin: 0.3rem 0; }
    .subtitle { margin: 0 0 0.4rem; color: var(--parley-muted); font-size: 0.9rem; }
    a.button { display: inline-block; padding: 0.55rem 1rem; border-radius: 6px; border: 1px solid var(--parley-primary);
               color: var(--parley-primary); text-decoration: none; }
    a.button:hover { background: #eef2ff; text-decoration: none; }
  `];

  constructor() {
    super();
    this.assignees = [];
    this.errors = {};
  }

  /** Opens the dialog afresh and loads the people and the contact. */
  async open() {
    this.created = null;
    this.errors = {};
    this.error = null;
    this.contact = null;
    this.loading = true;
    await this.updateComplete;
    this.renderRoot.querySelector('form')?.reset();
    this.renderRoot.querySelector('dialog').showModal();
    this.renderRoot.querySelector('#task-title')?.focus();
    try {
      const [assignees, contact] = await Promise.all([
        api('/api/v1/tasks/assignees'),
        this.conversationId ? api(`/api/v1/tasks/contact-info?conversationId=${this.conversationId}`) : null,
      ]);
      this.assignees = assignees;
      this.contact = contact;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.loading = false;
    }
  }

  close() {
    this.renderRoot.querySelector('dialog')?.close();
  }

  async save(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const title = String(form.get('title') || '').trim();
    const errors = {};
    if (!title) errors.title = 'A task needs a title.';
    const dueDate = String(form.get('dueDate') || '');
    const dueTime = String(form.get('dueTime') || '');
    if (dueTime && !dueDate) errors.dueAt = 'Choose a date for this time.';
    this.errors = errors;
    if (Object.keys(errors).length) return;
    const body = {
      title,
      description: String(form.get('description') || '').trim() || null,
      dueAt: instantOf(dueDate, dueTime),
      priority: form.get('priority'),
      assigneeId: form.get('assigneeId') || null,
    };
    if (this.conversationId) body.conversationId = this.conversationId;
    this.saving = true;
    this.error = null;
    try {
      this.created = await api('/api/v1/tasks', { method: 'POST', body });
      this.dispatchEvent(new CustomEvent('task-created', { detail: this.created, bubbles: true, composed: true }));
    } catch (error) {
      const { fields, general } = fieldErrors(error, describe);
      this.errors = fields;
      this.error = general;
    } finally {
      this.saving = false;
    }
  }

  render() {
    return html`
      <dialog aria-labelledby="task-modal-title" @close=${() => { this.created = null; }}>
        ${this.created ? this.renderDone() : this.renderForm()}
      </dialog>`;
  }

  renderDone() {
    const t = this.created;
    return html`
      <div class="dialog-body">
        <div class="done" role="status">
          <div class="tick" aria-hidden="true">✓</div>
          <h2 id="task-modal-title">Task created</h2>
          <p><strong>${t.title}</strong></p>
          <p class="muted">Assigned to ${t.assignee.id === this.me ? 'you' : t.assignee.name}. It is on the Tasks page.</p>
        </div>
      </div>
      <div class="actions">
        <a class="button secondary" href="#/tasks/${t.id}" @click=${() => this.close()}>Open task</a>
        <button type="button" @click=${() => this.close()}>Done</button>
      </div>`;
  }

  renderForm() {
    const e = this.errors || {};
    return html`
      <form @submit=${this.save} novalidate>
        <div class="dialog-body">
          <h2 id="task-modal-title">Create task</h2>
          ${this.conversationId && this.contact ? html`<p class="subtitle">From chat #${this.contact.conversationNumber}</p>` : ''}
          ${this.error ? html`<p class="error-box" role="alert">${this.error}</p>` : ''}
          <label for="task-title">Title</label>
          <input id="task-title" name="title" maxlength="200" required autocomplete="off"
              placeholder="e.g. Call back about the delayed order" aria-invalid=${e.title ? 'true' : 'false'}
              aria-describedby="task-title-error">
          ${e.title ? html`<p class="field-error" id="task-title-error">${e.title}</p>` : ''}
          <label for="task-description">Description <span class="optional">(optional)</span></label>
          <textarea id="task-description" name="description" maxlength="10000" rows="3"
              aria-invalid=${e.description ? 'true' : 'false'}></textarea>
          ${e.description ? html`<p class="field-error">${e.description}</p>` : ''}
          <div class="row">
            <div>
              <label for="task-due-date">Due date <span class="optional">(optional)</span></label>
              <input id="task-due-date" name="dueDate" type="date" aria-invalid=${e.dueAt ? 'true' : 'false'}>
            </div>
            <div>
              <label for="task-due-time">Due time</label>
              <input id="task-due-time" name="dueTime" type="time" aria-describedby="task-due-hint">
            </div>
          </div>
          ${e.dueAt ? html`<p class="field-error">${e.dueAt}</p>`
            : html`<p class="hint" id="task-due-hint">In your time zone; 17:00 when only a date is chosen.</p>`}
          <div class="row">
            <div>
              <label for="task-priority">Priority</label>
              <select id="task-priority" name="priority">
                ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === 'MEDIUM'}>${PRIORITY_LABELS[p]}</option>`)}
              </select>
            </div>
            <div>
              <label for="task-assignee">Assignee</label>
              <select id="task-assignee" name="assigneeId" ?disabled=${this.loading}
                  aria-invalid=${e.assigneeId ? 'true' : 'false'}>
                ${this.assignees.map((a) => html`
                  <option value=${a.userId} ?selected=${a.userId === this.me}>${a.name}${a.userId === this.me ? ' (you)' : ''}</option>`)}
              </select>
              ${e.assigneeId ? html`<p class="field-error">${e.assigneeId}</p>` : ''}
            </div>
          </div>
          ${this.conversationId ? this.renderContact() : ''}
        </div>
        <div class="actions">
          <button type="button" class="secondary" @click=${() => this.close()}>Cancel</button>
          <button type="submit" ?disabled=${this.saving || this.loading}>${this.saving ? 'Creating…' : 'Create task'}</button>
        </div>
      </form>`;
  }

  renderContact() {
    const c = this.contact;
    return html`
      <section class="contact-box" aria-labelledby="task-contact-title">
        <h3 id="task-contact-title">Contact</h3>
        ${!c ? html`<p class="muted">${this.loading ? 'Loading the contact…' : 'The contact could not be loaded.'}</p>` : html`
          <dl class="contact" data-testid="task-contact">
            ${CONTACT_FIELDS.map(([field, label]) => html`
              <dt>${label}</dt>
              <dd data-field=${field}>${c[field] ? c[field]
                : html`<span class="badge missing" aria-label="${label} missing">Missing</span>`}</dd>`)}
          </dl>
          ${c.missing.length ? html`<p class="muted">The contact has not given their ${list(c.missing)}.
            Ask for it in the chat if the task needs it.</p>` : ''}`}
      </section>`;
  }
}

function list(fields) {
  const words = fields.map((f) => (f === 'name' ? 'name' : f === 'email' ? 'email address' : 'phone number'));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0];
}

customElements.define('parley-task-modal', TaskModal);
