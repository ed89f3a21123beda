import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import {
  TYPES, TYPE_NAMES, CHANNELS_BY_TYPE, CHANNEL_NAMES, CHANNEL_NEEDS, missingDetail, adminOperators, timeZone,
  dateTime, toLocalInput, fromLocalInput, addDays, followUpStyles,
} from './followup-format.js';
import './contact-editor.js';

/**
 * The "Schedule follow-up" dialog, opened from a chat (`open({ conversationId })`) or from an earlier follow-up
 * (`open({ conversationId, parent })`): date and time in the operator's time zone (sent in UTC), type, channel, notes
 * and assignee (or automatic). It shows the contact's name, phone and email, alerts when the chosen channel lacks
 * what it needs (the server's 422 is shown the same way), and lets the operator add the missing detail. Fires
 * `followup-scheduled` with the new follow-up.
 */
export class FollowUpModal extends LitElement {
  static properties = {
    contact: { state: true }, parent: { state: true }, assignees: { state: true }, values: { state: true },
    errors: { state: true }, problem: { state: true }, busy: { state: true }, created: { state: true },
    editing: { state: true }, loading: { state: true },
  };
  static styles = [shared, followUpStyles, css`
    :host { display: contents; }
    dialog { width: min(36rem, calc(100vw - 2rem)); max-height: calc(100vh - 2rem); box-sizing: border-box; overflow: auto; }
    h2 { font-size: 1.2rem; margin: 0 0 0.2rem; }
    .sub { margin: 0 0 1rem; color: var(--parley-muted); font-size: 0.9rem; }
    .contact { border: 1px solid var(--parley-border); border-radius: 8px; padding: 0.7rem 0.9rem; background: var(--parley-background); }
    .contact dl { display: grid; grid-template-columns: 4.5rem 1fr; gap: 0.25rem 0.6rem; margin: 0; font-size: 0.9rem; }
    .contact dt { color: var(--parley-muted); }
    .contact dd { margin: 0; overflow-wrap: anywhere; }
    .contact .head { display: flex; align-items: center; justify-content: space-between; margin-bottom: 0.4rem; }
    .contact .head strong { font-size: 0.95rem; }
    .contact .head button { width: auto; padding: 0.25rem 0.6rem; font-size: 0.8rem; }
    .missing { color: var(--parley-danger); font-weight: 600; }
    .row { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
    label { color: var(--parley-text); font-weight: 500; }
    .hint { font-size: 0.8rem; color: var(--parley-muted); margin: 0.25rem 0 0; }
    .alert { display: flex; gap: 0.6rem; align-items: flex-start; }
    .alert button { width: auto; padding: 0.25rem 0.6rem; font-size: 0.8rem; margin-left: auto; white-space: nowrap; }
    .success p { margin: 0.4rem 0; line-height: 1.45; }
    .success .check { color: #2b8a3e; font-weight: 600; }
    a.button { display: inline-block; padding: 0.55rem 1rem; border-radius: 6px; background: var(--parley-primary);
               color: white; text-decoration: none; }
    parley-contact-editor { margin-top: 0.6rem; }
  `];

  constructor() {
    super();
    this.values = { when: '', type: 'CALL', channel: 'PHONE', notes: '', assigneeId: '' };
    this.errors = {};
    this.assignees = [];
  }

  /** Opens the dialog for a conversation, or for the follow-up to schedule the next one from. */
  async open({ conversationId, parent = null }) {
    this.conversationId = conversationId;
    this.parent = parent;
    this.created = null;
    this.problem = null;
    this.errors = {};
    this.editing = false;
    this.contact = null;
    const tomorrow = addDays(new Date(), 1);
    tomorrow.setHours(10, 0, 0, 0);
    const type = parent?.type || 'CALL';
    this.values = { when: toLocalInput(tomorrow), type, channel: CHANNELS_BY_TYPE[type][0], notes: '', assigneeId: '' };
    await this.updateComplete;
    this.renderRoot.querySelector('dialog').showModal();
    this.loading = true;
    try {
      const [contact, people] = await Promise.all([
        api(`/api/v1/followups/contact?conversationId=${conversationId}`),
        api('/api/v1/operators').catch(() => []),
      ]);
      this.contact = contact;
      this.assignees = adminOperators(people);
    } catch (error) {
      this.problem = describe(error);
    } finally {
      this.loading = false;
    }
  }

  close() {
    this.renderRoot.querySelector('dialog')?.close();
  }

  set(field, value) {
    const values = { ...this.values, [field]: value };
    if (field === 'type') values.channel = CHANNELS_BY_TYPE[value][0];
    this.values = values;
    this.problem = null;
    this.errors = { ...this.errors, [field]: null };
  }

  get missing() {
    return missingDetail(this.contact, this.values.type, this.values.channel);
  }

  async submit(event) {
    event.preventDefault();
    const scheduledAt = fromLocalInput(this.values.when);
    if (!scheduledAt) {
      this.errors = { scheduledAt: 'is required' };
      return;
    }
    const body = {
      conversationId: this.conversationId, type: this.values.type, channel: this.values.channel, scheduledAt,
    };
    if (this.parent) body.parentId = this.parent.id;
    if (this.values.notes.trim()) body.notes = this.values.notes;
    if (this.values.assigneeId) body.assigneeId = this.values.assigneeId;
    this.busy = true;
    this.problem = null;
    this.errors = {};
    const sent = this.values;
    try {
      this.created = await api('/api/v1/followups', { method: 'POST', body });
      this.dispatchEvent(new CustomEvent('followup-scheduled', { detail: this.created, bubbles: true, composed: true }));
    } catch (error) {
      if (this.values !== sent) return; // changed meanwhile: the answer is about a form that is gone
      if (error.code === 'CONTACT_INFO_MISSING') {
        this.problem = error.message;
      } else if (error.errors?.length) {
        this.errors = Object.fromEntries(error.errors.map((e) => [e.field, e.message]));
      } else {
        this.problem = describe(error);
      }
    } finally {
      this.busy = false;
    }
  }

  contactUpdated(event) {
    const saved = event.detail;
    this.contact = { ...this.contact, name: saved.displayName, email: saved.email, phone: saved.phone };
    this.editing = false;
    this.problem = null;
  }

  render() {
    return html`
      <dialog aria-labelledby="followup-title" @close=${() => { this.editing = false; }}>
        ${this.created ? this.renderCreated() : this.renderForm()}
      </dialog>`;
  }

  renderCreated() {
    const f = this.created;
    return html`
      <div class="success" role="status">
        <h2 id="followup-title">Follow-up scheduled</h2>
        <p class="check">${TYPE_NAMES[f.type]} with ${f.contactName || 'the contact'} on ${dateTime.format(new Date(f.scheduledAt))}.</p>
        <p>Assigned to <strong>${f.assigneeName}</strong>. They are reminded before it is due.</p>
        <div class="buttons">
          <button class="secondary" @click=${() => this.close()}>Done</button>
          <a class="button" href="#/followups/${f.id}" @click=${() => this.close()}>Open follow-up</a>
        </div>
      </div>`;
  }

  renderForm() {
    const v = this.values;
    const missing = this.missing;
    const alert = this.problem || missing;
    return html`
      <h2 id="followup-title">${this.parent ? 'Schedule the next follow-up' : 'Schedule follow-up'}</h2>
      <p class="sub">${this.parent
        ? html`After the ${TYPE_NAMES[this.parent.type].toLowerCase()} of ${dateTime.format(new Date(this.parent.scheduledAt))}.`
        : 'A call, message or meeting with this contact at a set time.'}</p>
      ${this.renderContact()}
      <form @submit=${this.submit} novalidate>
        <label for="fu-when">Date and time</label>
        <input id="fu-when" type="datetime-local" required .value=${v.when}
            aria-invalid=${this.errors.scheduledAt ? 'true' : 'false'} aria-describedby="fu-when-hint"
            @input=${(e) => this.set('when', e.target.value)}>
        <p class="hint" id="fu-when-hint">In your time zone (${timeZone}).</p>
        ${this.errors.scheduledAt ? html`<p class="field-error">Date and time ${this.errors.scheduledAt}</p>` : ''}
        <div class="row">
          <div>
            <label for="fu-type">Type</label>
            <select id="fu-type" .value=${v.type} @change=${(e) => this.set('type', e.target.value)}>
              ${TYPES.map(([value, label]) => html`<option value=${value} ?selected=${value === v.type}>${label}</option>`)}
            </select>
            ${this.errors.type ? html`<p class="field-error">Type ${this.errors.type}</p>` : ''}
          </div>
          <div>
            <label for="fu-channel">Channel</label>
            <select id="fu-channel" .value=${v.channel} @change=${(e) => this.set('channel', e.target.value)}>
              ${CHANNELS_BY_TYPE[v.type].map((c) => html`<option value=${c} ?selected=${c === v.channel}>${CHANNEL_NAMES[c]}</option>`)}
            </select>
            ${this.errors.channel ? html`<p class="field-error">Channel ${this.errors.channel}</p>` : ''}
          </div>
        </div>
        ${alert ? html`
          <div class="alert" role="alert" data-testid="contact-alert">
            <span>${alert}</span>
            ${this.contact && CHANNEL_NEEDS[v.channel] && !this.editing ? html`
              <button type="button" class="secondary" @click=${() => { this.editing = true; }}>
                Add ${CHANNEL_NEEDS[v.channel] === 'phone' ? 'phone number' : 'email address'}</button>` : ''}
          </div>` : ''}
        <label for="fu-assignee">Assignee</label>
        <select id="fu-assignee" .value=${v.assigneeId} @change=${(e) => this.set('assigneeId', e.target.value)}>
          <option value="">Automatic (by the team's assignment rule)</option>
          ${this.assignees.map((p) => html`<option value=${p.userId} ?selected=${p.userId === v.assigneeId}>${p.name || p.email}</option>`)}
        </select>
        ${this.errors.assigneeId ? html`<p class="field-error">Assignee ${this.errors.assigneeId}</p>` : ''}
        <label for="fu-notes">Notes</label>
        <textarea id="fu-notes" rows="3" maxlength="10000" .value=${v.notes}
            placeholder="What to discuss, what was promised…" @input=${(e) => this.set('notes', e.target.value)}></textarea>
        ${this.errors.notes ? html`<p class="field-error">Notes ${this.errors.notes}</p>` : ''}
        <div class="buttons">
          <button type="button" class="secondary" @click=${() => this.close()}>Cancel</button>
          <button type="submit" ?disabled=${this.busy || this.loading}>${this.busy ? 'Scheduling…' : 'Schedule'}</button>
        </div>
      </form>`;
  }

  renderContact() {
    const c = this.contact;
    if (this.loading && !c) return html`<div class="contact"><p class="empty">Loading the contact…</p></div>`;
    if (!c) return '';
    const missing = (label) => html`<span class="missing">No ${label}</span>`;
    return html`
      <section class="contact" aria-label="Contact">
        <div class="head">
          <strong>${c.name}</strong>
          ${this.editing ? '' : html`<button type="button" class="secondary" @click=${() => { this.editing = true; }}>Edit contact</button>`}
        </div>
        <dl>
          <dt>Phone</dt><dd data-testid="contact-phone">${c.phone || missing('phone number')}</dd>
          <dt>Email</dt><dd data-testid="contact-email">${c.email || missing('email address')}</dd>
        </dl>
        ${this.editing ? html`<parley-contact-editor
            .contact=${{ id: c.contactId, name: c.name, email: c.email, phone: c.phone }}
            @contact-updated=${(e) => { e.stopPropagation(); this.contactUpdated(e); }}
            @contact-edit-cancelled=${(e) => { e.stopPropagation(); this.editing = false; }}></parley-contact-editor>` : ''}
      </section>`;
  }
}
customElements.define('parley-followup-modal', FollowUpModal);
