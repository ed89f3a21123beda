import { LitElement, html, css } from 'lit';
import { shared } from './styles.js';
import './task-modal.js';
import './followup-modal.js';
import './contact-editor.js';

/**
 * One open chat: messages (always shown as text), typing indicator, composer (Enter sends, Shift+Enter adds a
 * line; a toggle makes a private note), and the actions claim, transfer, resolve and reopen. Fires events the
 * inbox acts on.
 */
export class ChatPanel extends LitElement {
  static properties = {
    conversation: { type: Object }, messages: { type: Array }, typing: { type: String }, contact: { type: Object },
    operators: { type: Array }, me: { type: String }, note: { state: true },
    roles: { type: Array }, editingContact: { state: true },
  };
  static styles = [shared, css`
    :host { display: flex; flex-direction: column; min-width: 0; background: var(--parley-surface);
            border: 1px solid var(--parley-border); border-radius: 8px; overflow: hidden; }
    header { padding: 0.6rem 0.8rem; border-bottom: 1px solid var(--parley-border); display: flex; gap: 0.5rem;
             align-items: center; flex-wrap: wrap; }
    header h2 { font-size: 1rem; margin: 0; flex: 1; min-width: 8rem; }
    header button, header select { padding: 0.3rem 0.6rem; font-size: 0.85rem; width: auto; }
    header select { max-width: 10rem; }
    .visitor { font-size: 0.8rem; color: var(--parley-muted); padding: 0.4rem 0.8rem; border-bottom: 1px solid var(--parley-border); }
    .visitor span { margin-right: 0.8rem; }
    .missing { color: #c92a2a; }
    button.link { background: none; border: none; color: var(--parley-primary); padding: 0; font-size: 0.8rem; width: auto; }
    details { margin-top: 0.3rem; }
    ol.pages { margin: 0.2rem 0 0; padding-left: 1.2rem; max-height: 6rem; overflow: auto; }
    .messages { flex: 1; overflow-y: auto; padding: 0.7rem; display: flex; flex-direction: column; gap: 0.35rem;
                background: var(--parley-background); min-height: 12rem; }
    .msg { max-width: 85%; padding: 0.45rem 0.7rem; border-radius: 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .VISITOR { align-self: flex-start; background: white; border: 1px solid var(--parley-border); }
    .OPERATOR { align-self: flex-end; background: #dbe4ff; }
    .private { background: #fff3bf; border: 1px dashed #f59f00; }
    .SYSTEM { align-self: center; font-size: 0.8rem; color: var(--parley-muted); }
    .who { display: block; font-size: 0.72rem; color: var(--parley-muted); }
    .typing { font-size: 0.8rem; color: var(--parley-muted); padding: 0 0.8rem; min-height: 1.2rem; }
    form { display: flex; gap: 0.5rem; padding: 0.6rem; border-top: 1px solid var(--parley-border); align-items: flex-end; }
    textarea { flex: 1; font: inherit; padding: 0.5rem; border: 1px solid var(--parley-border); border-radius: 6px;
               resize: vertical; min-height: 2.6rem; }
    textarea.note { background: #fff9db; }
    form button, form button[type=submit] { width: auto; margin: 0; }
    label.toggle { margin: 0; font-size: 0.8rem; display: flex; gap: 0.3rem; align-items: center; white-space: nowrap; }
    label.toggle input { width: auto; }
  `];

  updated() {
    const list = this.renderRoot.querySelector('.messages');
    if (list) list.scrollTop = list.scrollHeight;
  }

  fire(name, detail = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail: { id: this.conversation.id, ...detail }, bubbles: true, composed: true }));
  }

  keydown(event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.submit();
    } else {
      this.fire('typing');
    }
  }

  submit(event) {
    event?.preventDefault();
    const box = this.renderRoot.querySelector('textarea');
    const body = box.value.trim();
    if (!body) return;
    this.fire('send-message', { body, isPrivate: !!this.note });
    box.value = '';
  }

  render() {
    const c = this.conversation;
    if (!c) return html``;
    const mine = c.assigneeId === this.me;
    const contact = this.contact;
    // Tasks, follow-ups and contact corrections are for admin operators and tenant admins (the server checks too).
    const admin = (this.roles || []).some((r) => r === 'ADMIN_OPERATOR' || r === 'TENANT_ADMIN');
    return html`
      <header>
        <h2 data-testid="chat-title">${c.visitorName}</h2>
        <span class="muted">#${c.number} · ${c.status.toLowerCase()}</span>
        ${c.status === 'QUEUED' ? html`<button @click=${() => this.fire('claim')}>Claim</button>` : ''}
        ${c.status !== 'RESOLVED' ? html`
          <select aria-label="Transfer to" @change=${(e) => { if (e.target.value) this.fire('transfer', { to: e.target.value }); e.target.value = ''; }}>
            <option value="">Transfer…</option>
            ${(this.operators || []).filter((o) => o.userId !== c.assigneeId).map((o) => html`<option value=${o.userId}>${o.name || o.email}</option>`)}
          </select>
          <button @click=${() => this.fire('resolve')}>Resolve</button>` : html`<button @click=${() => this.fire('reopen')}>Reopen</button>`}
        ${admin ? html`
          <button class="secondary" @click=${() => this.renderRoot.querySelector('parley-task-modal').open()}>Create task</button>
          <button class="secondary" @click=${() => this.renderRoot.querySelector('parley-followup-modal').open({ conversationId: c.id })}>Schedule follow-up</button>` : ''}
        <button class="secondary" aria-label="Close chat" @click=${() => this.fire('close-chat')}>✕</button>
      </header>
      <div class="visitor" aria-label="Visitor">
        <span>${contact?.email || html`<span class="missing">no email</span>`}</span>
        <span>${contact?.phone || html`<span class="missing">no phone</span>`}</span>
        ${contact?.currentUrl ? html`<span title=${contact.currentUrl}>on ${contact.currentTitle || contact.currentUrl}</span>` : ''}
        ${c.assigneeName ? html`<span>with ${c.assigneeName}${mine ? ' (you)' : ''}</span>` : ''}
        ${admin && contact && !this.editingContact ? html`<button class="link" @click=${() => { this.editingContact = true; }}>Edit details</button>` : ''}
        ${this.editingContact ? html`<parley-contact-editor .contact=${contact} @contact-edit-cancelled=${() => { this.editingContact = false; }}
            @contact-updated=${(e) => { this.contact = e.detail; this.editingContact = false; }}></parley-contact-editor>` : ''}
        ${contact && (contact.pages?.length || Object.keys(contact.attributes || {}).length) ? html`
          <details>
            <summary>Visitor details</summary>
            ${Object.entries(contact.attributes || {}).map(([k, v]) => html`<div><strong>${k}</strong>: ${String(v)}</div>`)}
            ${contact.locale ? html`<div>Language: ${contact.locale}</div>` : ''}
            <div>Pages:</div>
            <ol class="pages">${(contact.pages || []).map((p) => html`<li title=${p.url}>${p.title || p.url}</li>`)}</ol>
          </details>` : ''}
      </div>
      <div class="messages" aria-label="Messages">
        ${(this.messages || []).map((m) => html`<div class="msg ${m.senderKind} ${m.isPrivate ? 'private' : ''}" data-seq=${m.seq}>${m.senderKind !== 'SYSTEM' ? html`<span class="who">${m.isPrivate ? 'Note · ' : ''}${m.senderName || ''}</span>` : ''}<span class="body">${m.body}</span></div>`)}
      </div>
      <div class="typing" aria-live="polite">${this.typing ? `${this.typing} is typing…` : ''}</div>
      <form @submit=${this.submit}>
        <textarea class=${this.note ? 'note' : ''} aria-label="Reply" maxlength="10000"
            placeholder=${this.note ? 'Private note (operators only)' : 'Reply… (Enter sends, Shift+Enter new line)'}
            @keydown=${this.keydown}></textarea>
        <label class="toggle"><input type="checkbox" .checked=${!!this.note} @change=${(e) => { this.note = e.target.checked; }}> Note</label>
        <button type="submit">Send</button>
      </form>
      ${admin ? html`
        <parley-task-modal .conversationId=${c.id} .me=${this.me}></parley-task-modal>
        <parley-followup-modal></parley-followup-modal>` : ''}`;
  }
}
customElements.define('parley-chat-panel', ChatPanel);
