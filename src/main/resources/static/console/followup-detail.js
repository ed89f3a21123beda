import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import {
  TYPES, TYPE_NAMES, CHANNELS_BY_TYPE, CHANNEL_NAMES, STATUS_NAMES, OUTCOMES, OUTCOME_NAMES, followUpStyles,
  adminOperators, dateTime, toLocalInput, fromLocalInput, timeZone,
} from './followup-format.js';
import './followup-modal.js';

/**
 * One follow-up: when, what, who, its contact (an audited read), notes and outcome; complete it with an outcome,
 * cancel it, reschedule or reassign it while it is scheduled, schedule the next one from it, and see the chain it
 * belongs to. Links back to the chat it came from.
 */
export class FollowUpDetail extends LitElement {
  static properties = {
    id: { type: String }, me: { type: Object },
    followUp: { state: true }, error: { state: true }, notice: { state: true }, busy: { state: true },
    people: { state: true }, draft: { state: true }, errors: { state: true }, completing: { state: true },
    confirming: { state: true }, notes: { state: true },
  };
  static styles = [shared, followUpStyles, css`
    .back { display: inline-block; margin-bottom: 0.8rem; color: var(--parley-primary); text-decoration: none; font-size: 0.9rem; }
    .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(17rem, 1fr); gap: 1.2rem; align-items: start; }
    @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
    .title { display: flex; align-items: center; gap: 0.7rem; flex-wrap: wrap; margin-bottom: 0.3rem; }
    .title h2 { margin: 0; font-size: 1.3rem; }
    .when { font-size: 1.05rem; margin: 0 0 1rem; }
    dl.facts { display: grid; grid-template-columns: 8rem 1fr; gap: 0.45rem 0.8rem; margin: 0 0 1rem; font-size: 0.93rem; }
    dl.facts dt { color: var(--parley-muted); }
    dl.facts dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.4rem 0 0.2rem; }
    .actions button, .actions button[type=submit] { width: auto; margin: 0; }
    .actions .spacer { flex: 1; }
    a.chat { color: var(--parley-primary); font-weight: 600; text-decoration: none; }
    a.chat:hover { text-decoration: underline; }
    section.panel + section.panel { margin-top: 1.2rem; }
    section.panel h3 { font-size: 1rem; margin: 0 0 0.7rem; }
    .row { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
    label { color: var(--parley-text); font-weight: 500; }
    form button[type=submit] { width: auto; }
    .hint { font-size: 0.8rem; color: var(--parley-muted); margin: 0.25rem 0 0; }
    .contact dl { display: grid; grid-template-columns: 4.5rem 1fr; gap: 0.35rem 0.6rem; margin: 0; font-size: 0.92rem; }
    .contact dt { color: var(--parley-muted); }
    .contact dd { margin: 0; overflow-wrap: anywhere; }
    .missing { color: var(--parley-danger); }
    ol.chain { list-style: none; margin: 0; padding: 0; }
    ol.chain li { position: relative; padding: 0.45rem 0 0.45rem 1.3rem; border-left: 2px solid var(--parley-border);
                  margin-left: 0.4rem; font-size: 0.9rem; }
    ol.chain li::before { content: ''; position: absolute; left: -0.42rem; top: 0.85rem; width: 0.7rem; height: 0.7rem;
                          border-radius: 50%; background: var(--parley-border); }
    ol.chain li.current { font-weight: 600; }
    ol.chain li.current::before { background: var(--parley-primary); }
    ol.chain a { color: var(--parley-primary); text-decoration: none; }
    ol.chain .badge { margin-left: 0.3rem; }
    ol.chain .sub { display: block; color: var(--parley-muted); font-size: 0.8rem; font-weight: 400; }
  `];

  constructor() {
    super();
    this.people = [];
    this.errors = {};
  }

  connectedCallback() {
    super.connectedCallback();
    api('/api/v1/operators').then((people) => { this.people = adminOperators(people); }).catch(() => {});
  }

  willUpdate(changed) {
    if (changed.has('id')) this.load();
  }

  async load() {
    try {
      this.show(await api(`/api/v1/followups/${this.id}`));
      this.error = null;
    } catch (error) {
      this.followUp = null;
      this.error = error.status === 404 ? 'This follow-up does not exist, or was deleted.' : describe(error);
    }
  }

  show(followUp) {
    this.followUp = followUp;
    this.notes = followUp.notes || '';
    this.draft = { when: toLocalInput(new Date(followUp.scheduledAt)), type: followUp.type, channel: followUp.channel,
      assigneeId: followUp.assigneeId };
    this.errors = {};
  }

  async act(work, notice) {
    this.busy = true;
    this.error = null;
    this.notice = null;
    this.errors = {};
    try {
      this.show(await work());
      this.notice = notice;
      return true;
    } catch (error) {
      if (error.errors?.length) this.errors = Object.fromEntries(error.errors.map((e) => [e.field, e.message]));
      else this.error = describe(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  saveChanges(event) {
    event.preventDefault();
    const f = this.followUp;
    const d = this.draft;
    const body = {};
    const at = fromLocalInput(d.when);
    if (at && new Date(at).getTime() !== new Date(f.scheduledAt).getTime()) body.scheduledAt = at;
    if (d.type !== f.type) body.type = d.type;
    if (d.channel !== f.channel) body.channel = d.channel;
    if (d.assigneeId !== f.assigneeId) body.assigneeId = d.assigneeId;
    if (Object.keys(body).length === 0) return;
    this.act(() => api(`/api/v1/followups/${f.id}`, { method: 'PATCH', body }), 'Changes saved.');
  }

  saveNotes() {
    this.act(() => api(`/api/v1/followups/${this.followUp.id}`, { method: 'PATCH', body: { notes: this.notes } }),
      'Notes saved.');
  }

  complete(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = { outcomeCode: form.get('outcomeCode') || null, outcome: String(form.get('outcome') || '') };
    this.act(() => api(`/api/v1/followups/${this.followUp.id}/complete`, { method: 'POST', body }),
      'Follow-up completed.').then((done) => { if (done) this.completing = false; });
  }

  ask(question) {
    this.confirming = question;
    this.updateComplete.then(() => this.renderRoot.querySelector('dialog.confirm')?.showModal());
  }

  async answer(yes) {
    const question = this.confirming;
    const reason = this.renderRoot.querySelector('#fu-cancel-reason')?.value || '';
    this.renderRoot.querySelector('dialog.confirm')?.close();
    this.confirming = null;
    if (yes) await question.run(reason);
  }

  confirmCancel() {
    this.ask({
      title: 'Cancel this follow-up?', text: 'It stays in the list and the report as cancelled; reminders stop.',
      action: 'Cancel follow-up', reason: true,
      run: (reason) => this.act(() => api(`/api/v1/followups/${this.followUp.id}/cancel`,
        { method: 'POST', body: { outcome: reason } }), 'Follow-up cancelled.'),
    });
  }

  confirmDelete() {
    this.ask({
      title: 'Delete this follow-up?', text: 'It disappears from the calendar, the list and the report. '
        + 'To keep a record, cancel it instead.', action: 'Delete',
      run: async () => {
        try {
          await api(`/api/v1/followups/${this.followUp.id}`, { method: 'DELETE' });
          location.hash = '#/followups/list';
        } catch (error) {
          this.error = describe(error);
        }
      },
    });
  }

  render() {
    const f = this.followUp;
    return html`
      <a class="back" href="#/followups">← Back to the calendar</a>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${f ? html`
        <div class="layout">
          <div>
            ${this.renderSummary(f)}
            ${this.completing ? this.renderComplete() : ''}
            ${f.status === 'SCHEDULED' ? this.renderChanges(f) : ''}
          </div>
          <div>
            ${this.renderContact(f)}
            ${this.renderChain(f)}
          </div>
        </div>` : this.error ? '' : html`<p class="empty">Loading…</p>`}
      ${this.renderDialog()}
      <parley-followup-modal @followup-scheduled=${() => this.load()}></parley-followup-modal>`;
  }

  renderSummary(f) {
    const open = f.status === 'SCHEDULED' || f.status === 'MISSED';
    return html`
      <section class="panel" aria-label="Follow-up">
        <div class="title">
          <h2>${TYPE_NAMES[f.type]} with ${f.contactName || 'an erased contact'}</h2>
          <span class="badge ${f.status}" data-testid="followup-status">${STATUS_NAMES[f.status]}</span>
        </div>
        <p class="when">${dateTime.format(new Date(f.scheduledAt))} <span class="muted">(${timeZone})</span></p>
        <dl class="facts">
          <dt>Conversation</dt><dd><a class="chat" href="#/inbox/${f.conversationId}">Open chat #${f.conversationNumber}</a></dd>
          <dt>Channel</dt><dd>${CHANNEL_NAMES[f.channel]}</dd>
          <dt>Assignee</dt><dd>${f.assigneeName}</dd>
          <dt>Scheduled by</dt><dd>${f.createdByName} on ${dateTime.format(new Date(f.createdAt))}</dd>
          ${f.outcomeCode || f.outcome ? html`
            <dt>Outcome</dt>
            <dd data-testid="followup-outcome">${f.outcomeCode ? html`<strong>${OUTCOME_NAMES[f.outcomeCode]}</strong>` : ''}${f.outcomeCode && f.outcome ? ' — ' : ''}${f.outcome || ''}</dd>` : ''}
          ${f.completedAt ? html`<dt>Completed</dt><dd>${dateTime.format(new Date(f.completedAt))}</dd>` : ''}
          ${f.status === 'CANCELLED' || f.status === 'MISSED' ? html`<dt>${STATUS_NAMES[f.status]}</dt><dd>${dateTime.format(new Date(f.closedAt))}</dd>` : ''}
        </dl>
        <label for="fu-detail-notes">Notes</label>
        <textarea id="fu-detail-notes" rows="3" maxlength="10000" .value=${this.notes}
            @input=${(e) => { this.notes = e.target.value; }}></textarea>
        ${this.errors.notes ? html`<p class="field-error">Notes ${this.errors.notes}</p>` : ''}
        <div class="actions">
          ${this.notes !== (f.notes || '') ? html`<button class="secondary" ?disabled=${this.busy} @click=${this.saveNotes}>Save notes</button>` : ''}
        </div>
        <div class="actions">
          ${open && !this.completing ? html`<button ?disabled=${this.busy} @click=${() => { this.completing = true; }}>Mark completed</button>` : ''}
          <button class="secondary" @click=${() => this.renderRoot.querySelector('parley-followup-modal')
            .open({ conversationId: f.conversationId, parent: f })}>Schedule next follow-up</button>
          <span class="spacer"></span>
          ${open ? html`<button class="secondary danger" ?disabled=${this.busy} @click=${this.confirmCancel}>Cancel follow-up</button>` : ''}
          ${f.children.length === 0 ? html`<button class="secondary danger" ?disabled=${this.busy} @click=${this.confirmDelete}>Delete</button>` : ''}
        </div>
      </section>`;
  }

  renderComplete() {
    return html`
      <section class="panel" aria-labelledby="complete-title">
        <h3 id="complete-title">Complete the follow-up</h3>
        <form @submit=${this.complete} novalidate>
          <label for="fu-outcome-code">Outcome</label>
          <select id="fu-outcome-code" name="outcomeCode" aria-invalid=${this.errors.outcomeCode ? 'true' : 'false'}>
            <option value="">Choose how it went…</option>
            ${OUTCOMES.map(([k, v]) => html`<option value=${k}>${v}</option>`)}
          </select>
          ${this.errors.outcomeCode ? html`<p class="field-error">Outcome ${this.errors.outcomeCode}</p>` : ''}
          <label for="fu-outcome">Outcome notes</label>
          <textarea id="fu-outcome" name="outcome" rows="3" maxlength="2000" placeholder="What was said or agreed"></textarea>
          ${this.errors.outcome ? html`<p class="field-error">Outcome notes ${this.errors.outcome}</p>` : ''}
          <div class="actions">
            <button type="submit" ?disabled=${this.busy}>Complete follow-up</button>
            <button type="button" class="secondary" @click=${() => { this.completing = false; this.errors = {}; }}>Not now</button>
          </div>
        </form>
      </section>`;
  }

  renderChanges(f) {
    const d = this.draft;
    const set = (field, value) => {
      this.draft = { ...d, [field]: value, ...(field === 'type' ? { channel: CHANNELS_BY_TYPE[value][0] } : {}) };
    };
    return html`
      <section class="panel" aria-labelledby="changes-title">
        <h3 id="changes-title">Reschedule or reassign</h3>
        <form @submit=${this.saveChanges} novalidate>
          <label for="fu-detail-when">Date and time</label>
          <input id="fu-detail-when" type="datetime-local" .value=${d.when} @input=${(e) => set('when', e.target.value)}
              aria-invalid=${this.errors.scheduledAt ? 'true' : 'false'}>
          <p class="hint">In your time zone (${timeZone}).</p>
          ${this.errors.scheduledAt ? html`<p class="field-error">Date and time ${this.errors.scheduledAt}</p>` : ''}
          <div class="row">
            <div><label for="fu-detail-type">Type</label>
              <select id="fu-detail-type" .value=${d.type} @change=${(e) => set('type', e.target.value)}>
                ${TYPES.map(([k, v]) => html`<option value=${k} ?selected=${k === d.type}>${v}</option>`)}
              </select></div>
            <div><label for="fu-detail-channel">Channel</label>
              <select id="fu-detail-channel" .value=${d.channel} @change=${(e) => set('channel', e.target.value)}>
                ${CHANNELS_BY_TYPE[d.type].map((c) => html`<option value=${c} ?selected=${c === d.channel}>${CHANNEL_NAMES[c]}</option>`)}
              </select>
              ${this.errors.channel ? html`<p class="field-error">Channel ${this.errors.channel}</p>` : ''}</div>
          </div>
          <label for="fu-detail-assignee">Assignee</label>
          <select id="fu-detail-assignee" .value=${d.assigneeId} @change=${(e) => set('assigneeId', e.target.value)}>
            ${this.people.some((p) => p.userId === d.assigneeId) ? '' : html`<option value=${d.assigneeId}>${f.assigneeName}</option>`}
            ${this.people.map((p) => html`<option value=${p.userId} ?selected=${p.userId === d.assigneeId}>${p.name || p.email}</option>`)}
          </select>
          ${this.errors.assigneeId ? html`<p class="field-error">Assignee ${this.errors.assigneeId}</p>` : ''}
          <div class="actions"><button type="submit" ?disabled=${this.busy}>Save changes</button></div>
        </form>
      </section>`;
  }

  renderContact(f) {
    const c = f.contact;
    const missing = (what) => html`<span class="missing">No ${what}</span>`;
    return html`
      <section class="panel contact" aria-labelledby="contact-title">
        <h3 id="contact-title">Contact</h3>
        ${c.erased ? html`<p class="empty">This conversation's personal data was erased.</p>` : html`
          <dl>
            <dt>Name</dt><dd>${c.name || '—'}</dd>
            <dt>Phone</dt><dd>${c.phone || missing('phone number')}</dd>
            <dt>Email</dt><dd>${c.email || missing('email address')}</dd>
          </dl>`}
      </section>`;
  }

  renderChain(f) {
    const chain = [...f.ancestors, f, ...f.children];
    return html`
      <section class="panel" aria-labelledby="chain-title">
        <h3 id="chain-title">Chain</h3>
        ${chain.length === 1 ? html`<p class="empty">Not scheduled from another follow-up, and none scheduled from it yet.</p>` : html`
          <ol class="chain" aria-label="Chain of follow-ups">
            ${chain.map((item) => html`
              <li class=${item.id === f.id ? 'current' : ''} aria-current=${item.id === f.id ? 'true' : 'false'}>
                ${item.id === f.id ? html`This follow-up` : html`<a href="#/followups/${item.id}">${TYPE_NAMES[item.type]}</a>`}
                <span class="badge ${item.status}">${STATUS_NAMES[item.status]}</span>
                <span class="sub">${dateTime.format(new Date(item.scheduledAt))}${item.outcomeCode ? ` · ${OUTCOME_NAMES[item.outcomeCode]}` : ''}</span>
              </li>`)}
          </ol>`}
      </section>`;
  }

  renderDialog() {
    const q = this.confirming;
    return html`
      <dialog class="confirm" aria-labelledby="confirm-title" @cancel=${(e) => { e.preventDefault(); this.answer(false); }}>
        ${q ? html`
          <h2 id="confirm-title">${q.title}</h2>
          <p>${q.text}</p>
          ${q.reason ? html`<label for="fu-cancel-reason">Reason (optional)</label>
            <textarea id="fu-cancel-reason" rows="2" maxlength="2000"></textarea>` : ''}
          <div class="buttons">
            <button class="secondary" @click=${() => this.answer(false)}>Keep it</button>
            <button class="danger" @click=${() => this.answer(true)}>${q.action}</button>
          </div>` : ''}
      </dialog>`;
  }
}
customElements.define('parley-followup-detail', FollowUpDetail);
