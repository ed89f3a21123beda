import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';

const STATUSES = [
  ['', 'All mail'], ['HELD', 'Kept here (not sent)'], ['PENDING', 'Waiting to be sent'], ['SENT', 'Sent'], ['FAILED', 'Failed'],
];
const STATUS_NAMES = { HELD: 'Not sent', PENDING: 'Waiting', SENT: 'Sent', FAILED: 'Failed' };
const KIND_NAMES = { notification: 'Notification', invitation: 'Invitation' };
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A tenant admin's mail outbox: every mail the tenant sent or tried to (notifications, invitations), with its
 * delivery status. Without a mail server configured, mail is kept here to be read instead of sent.
 */
export class MailOutbox extends LitElement {
  static properties = {
    me: { type: Object }, route: { type: String },
    mails: { state: true }, nextCursor: { state: true }, smtp: { state: true }, status: { state: true },
    loading: { state: true }, error: { state: true }, opened: { state: true },
  };

  static styles = [shared, css`
    :host { padding: 1.5rem; max-width: 78rem; margin: 0 auto; box-sizing: border-box; }
    .head { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
    .head h1 { margin: 0; }
    .head p { margin: 0; }
    .banner { display: flex; gap: 0.75rem; align-items: flex-start; padding: 0.8rem 1rem; border-radius: 8px; margin: 0 0 1rem;
              line-height: 1.45; font-size: 0.92rem; }
    .banner.held { background: #fff8e6; border: 1px solid #f0c36d; color: #5c4200; }
    .banner.smtp { background: #ebfbee; border: 1px solid #b2f2bb; color: #2b5f36; }
    .banner strong { display: block; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85em; background: rgb(0 0 0 / 6%);
           padding: 0.05rem 0.3rem; border-radius: 4px; }
    section.panel {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1.1rem 1.25rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%);
    }
    .toolbar { display: flex; gap: 0.6rem; align-items: end; margin-bottom: 0.8rem; }
    .toolbar label { margin: 0 0 0.3rem; }
    .toolbar select { width: auto; min-width: 14rem; background: white; }
    .toolbar .spacer { flex: 1; }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 0.55rem 0.6rem; border-bottom: 1px solid var(--parley-border); font-size: 0.92rem;
             vertical-align: top; }
    th { color: var(--parley-muted); font-weight: 600; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; }
    td.nowrap { white-space: nowrap; }
    td.subject { width: 40%; }
    td.actions { text-align: right; white-space: nowrap; }
    td button { padding: 0.3rem 0.7rem; font-size: 0.85rem; }
    tr.body td { background: var(--parley-background); }
    pre { margin: 0; white-space: pre-wrap; word-break: break-word; font: 0.88rem/1.5 ui-monospace, SFMono-Regular, Menlo, monospace;
          color: var(--parley-text); }
    .badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.78rem; font-weight: 600; }
    .badge.SENT { background: #d3f9d8; color: #2b8a3e; }
    .badge.HELD { background: #fff3bf; color: #8a6100; }
    .badge.PENDING { background: #e7f0ff; color: #1c4fb8; }
    .badge.FAILED { background: #ffe3e3; color: #c92a2a; }
    .detail { display: block; font-size: 0.8rem; color: var(--parley-muted); margin-top: 0.25rem; max-width: 18rem; }
    .kind { color: var(--parley-muted); }
    .empty { color: var(--parley-muted); padding: 1.5rem 0; text-align: center; margin: 0; }
    .more { margin-top: 0.8rem; text-align: center; }
    .error { margin: 0 0 1rem; background: #fff5f5; border: 1px solid #ffc9c9; padding: 0.6rem 0.9rem; border-radius: 8px; }
  `];

  constructor() {
    super();
    this.mails = [];
    this.status = '';
    this.loading = true;
    this.opened = new Set();
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load(cursor) {
    this.loading = true;
    try {
      const params = new URLSearchParams({ limit: '50' });
      if (this.status) params.set('status', this.status);
      if (cursor) params.set('cursor', cursor);
      const page = await api(`/api/v1/mail-outbox?${params}`);
      this.mails = cursor ? [...this.mails, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.smtp = page.smtpConfigured;
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.loading = false;
    }
  }

  filter(event) {
    this.status = event.target.value;
    this.opened = new Set();
    this.load();
  }

  toggle(mail) {
    const opened = new Set(this.opened);
    if (opened.has(mail.id)) opened.delete(mail.id);
    else opened.add(mail.id);
    this.opened = opened;
  }

  render() {
    return html`
      <div class="head">
        <h1>Mail outbox</h1>
        <p class="muted">Every mail ${this.me?.tenant?.name || 'your workspace'} sends: notifications and invitations.</p>
      </div>
      ${this.renderBanner()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <section class="panel" aria-label="Mail">
        <div class="toolbar">
          <div>
            <label for="outbox-status">Show</label>
            <select id="outbox-status" @change=${this.filter}>
              ${STATUSES.map(([value, label]) => html`<option value=${value} ?selected=${value === this.status}>${label}</option>`)}
            </select>
          </div>
          <span class="spacer"></span>
          <button class="secondary" ?disabled=${this.loading} @click=${() => this.load()}>Refresh</button>
        </div>
        ${this.renderTable()}
      </section>`;
  }

  renderBanner() {
    if (this.smtp === undefined) return '';
    if (this.smtp) {
      return html`<div class="banner smtp" role="status"><span>Mail is sent through the installation's mail server. A delivery
        that fails is tried again, less and less often, and marked failed after the last attempt.</span></div>`;
    }
    return html`
      <div class="banner held" role="status">
        <span><strong>No mail server is configured, so mail is kept here instead of being sent.</strong>
          Nothing is lost: open a mail to read it, and pass on what people need (an invitation link, say) yourself.
          To send mail, the platform operator sets <code>PARLEY_SMTP_HOST</code> and the other SMTP settings.</span>
      </div>`;
  }

  renderTable() {
    if (this.loading && !this.mails.length) return html`<p class="empty">Loading mail…</p>`;
    if (!this.mails.length) {
      return html`<p class="empty">${this.status ? 'No mail with this status.' : 'No mail yet. Invitations and notifications by mail will appear here.'}</p>`;
    }
    return html`
      <table aria-label="Outbox">
        <thead><tr><th>Created</th><th>To</th><th>Subject</th><th>Type</th><th>Status</th><th></th></tr></thead>
        <tbody>
          ${this.mails.map((m) => this.renderMail(m))}
        </tbody>
      </table>
      ${this.nextCursor ? html`<div class="more"><button class="secondary" ?disabled=${this.loading}
          @click=${() => this.load(this.nextCursor)}>Load more</button></div>` : ''}`;
  }

  renderMail(m) {
    const open = this.opened.has(m.id);
    return html`
      <tr data-mail=${m.id}>
        <td class="nowrap">${when.format(new Date(m.createdAt))}</td>
        <td>${m.to}</td>
        <td class="subject">${m.subject}${m.attachments?.length ? html`<span class="detail" data-testid="mail-attachments"
          title=${m.attachments.join(', ')}>${m.attachments.length === 1 ? '1 attachment' : `${m.attachments.length} attachments`}:
          ${m.attachments.join(', ')}</span>` : ''}</td>
        <td class="kind">${KIND_NAMES[m.kind] || m.kind}</td>
        <td>
          <span class="badge ${m.status}" data-testid="mail-status">${STATUS_NAMES[m.status] || m.status}</span>
          ${this.renderDelivery(m)}
        </td>
        <td class="actions">
          <button class="secondary" aria-expanded=${open ? 'true' : 'false'} aria-label="${open ? 'Hide' : 'Read'} the mail to ${m.to}: ${m.subject}"
              @click=${() => this.toggle(m)}>${open ? 'Hide' : 'Read'}</button>
        </td>
      </tr>
      ${open ? html`<tr class="body"><td colspan="6"><pre>${m.body}</pre></td></tr>` : ''}`;
  }

  renderDelivery(m) {
    if (m.status === 'SENT' && m.sentAt) return html`<span class="detail">${when.format(new Date(m.sentAt))}</span>`;
    if (m.status === 'PENDING' && m.attempts > 0) {
      return html`<span class="detail">Attempt ${m.attempts} failed: ${m.lastError}. Next try
        ${when.format(new Date(m.nextAttemptAt))}.</span>`;
    }
    if (m.status === 'FAILED') return html`<span class="detail">${m.attempts} attempts: ${m.lastError}</span>`;
    return '';
  }
}
customElements.define('parley-mail-outbox', MailOutbox);
