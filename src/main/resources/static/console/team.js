import { LitElement, html, css } from 'lit';
import { live } from 'lit/directives/live.js';
import { api, describe } from './api.js';
import { shared } from './styles.js';

const ROLES = [['TENANT_ADMIN', 'Tenant admin'], ['ADMIN_OPERATOR', 'Admin operator'], ['OPERATOR', 'Operator']];
const ROLE_NAMES = Object.fromEntries(ROLES);
const PRESENCE_NAMES = { ONLINE: 'Online', AWAY: 'Away', OFFLINE: 'Offline' };

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function nameOf(member) {
  return member.name || member.email;
}

/**
 * The tenant admin's team screen: the tenant's members (role, status, last sign-in, presence), invitations (make
 * one, copy its link, revoke pending ones), role changes and deactivation. The server enforces every rule (a
 * tenant keeps an active admin, nobody deactivates themselves); this page says what it answered.
 */
export class Team extends LitElement {
  static properties = {
    me: { type: Object }, route: { type: String },
    members: { state: true }, nextCursor: { state: true }, invitations: { state: true }, presence: { state: true },
    query: { state: true }, loading: { state: true }, error: { state: true }, notice: { state: true },
    inviteErrors: { state: true }, inviteError: { state: true }, inviting: { state: true }, created: { state: true },
    copied: { state: true }, confirming: { state: true }, busy: { state: true }, plan: { state: true },
  };

  static styles = [shared, css`
    :host { padding: 1.5rem; max-width: 78rem; margin: 0 auto; box-sizing: border-box; }
    .head { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
    .head h1 { margin: 0; }
    .head p { margin: 0; }
    section.panel {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1.1rem 1.25rem; margin-bottom: 1.25rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%);
    }
    h2 { font-size: 1.05rem; margin: 0 0 0.8rem; display: flex; align-items: center; gap: 0.5rem; }
    h2 .count { font-weight: 400; color: var(--parley-muted); font-size: 0.9rem; }
    form.invite { display: grid; grid-template-columns: minmax(14rem, 2fr) minmax(10rem, 1fr) auto; gap: 0.8rem;
                  align-items: start; }
    form.invite label { margin-top: 0; }
    .seats { margin: -0.3rem 0 0.9rem; font-size: 0.9rem; color: var(--parley-muted); }
    .seats.full { color: #8a4b00; }
    .seats span { display: block; margin-top: 0.2rem; }
    form.invite button[type=submit] { width: auto; margin-top: 1.55rem; white-space: nowrap; }
    .field-error { color: var(--parley-danger); font-size: 0.82rem; margin: 0.3rem 0 0; }
    input[aria-invalid="true"] { border-color: var(--parley-danger); }
    .link-box { margin-top: 1rem; padding: 0.9rem 1rem; border-radius: 8px; background: #edf2ff; border: 1px solid #bac8ff; }
    .link-box p { margin: 0 0 0.5rem; }
    .link-row { display: flex; gap: 0.5rem; }
    .link-row input { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85rem; background: white; }
    .link-row button { white-space: nowrap; }
    .toolbar { display: flex; gap: 0.6rem; align-items: center; margin-bottom: 0.7rem; }
    .toolbar input { max-width: 20rem; }
    .toolbar .spacer { flex: 1; }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 0.55rem 0.6rem; border-bottom: 1px solid var(--parley-border); font-size: 0.92rem;
             vertical-align: middle; }
    th { color: var(--parley-muted); font-weight: 600; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody tr:last-child td { border-bottom: none; }
    tr.deactivated td { color: var(--parley-muted); }
    td.actions { text-align: right; white-space: nowrap; }
    select { background: white; }
    td select { width: auto; padding: 0.3rem 0.45rem; }
    td.nowrap { white-space: nowrap; }
    td button { padding: 0.3rem 0.7rem; font-size: 0.85rem; }
    .you { font-size: 0.75rem; color: var(--parley-muted); margin-left: 0.35rem; }
    .email { color: var(--parley-muted); }
    .badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.78rem; font-weight: 600; }
    .badge.active { background: #d3f9d8; color: #2b8a3e; }
    .badge.deactivated { background: #f1f3f5; color: #868e96; }
    .presence { display: inline-flex; align-items: center; gap: 0.35rem; }
    .dot { width: 0.55rem; height: 0.55rem; border-radius: 50%; background: #adb5bd; display: inline-block; }
    .dot.ONLINE { background: #2f9e44; }
    .dot.AWAY { background: #f59f00; }
    .empty { color: var(--parley-muted); margin: 0.3rem 0; }
    .notice { background: #ebfbee; border: 1px solid #b2f2bb; color: #2b8a3e; padding: 0.6rem 0.9rem; border-radius: 8px;
              margin: 0 0 1rem; }
    .error { margin: 0 0 1rem; background: #fff5f5; border: 1px solid #ffc9c9; padding: 0.6rem 0.9rem; border-radius: 8px; }
    button.danger { background: var(--parley-danger); border-color: var(--parley-danger); color: white; }
    button.secondary.danger { background: transparent; color: var(--parley-danger); }
    .more { margin-top: 0.8rem; }
    dialog { border: none; border-radius: 12px; padding: 1.4rem 1.5rem; max-width: 28rem; box-shadow: 0 12px 40px rgb(0 0 0 / 25%); }
    dialog::backdrop { background: rgb(15 20 30 / 45%); }
    dialog h2 { font-size: 1.15rem; }
    dialog p { margin: 0 0 1.2rem; line-height: 1.45; }
    dialog .buttons { display: flex; justify-content: flex-end; gap: 0.6rem; }
  `];

  constructor() {
    super();
    this.members = [];
    this.invitations = [];
    this.presence = new Map();
    this.query = '';
    this.loading = true;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  get myId() {
    return this.me?.user?.id;
  }

  async load() {
    this.loading = true;
    try {
      await Promise.all([this.loadMembers(), this.loadInvitations(), this.loadPresence(), this.loadPlan()]);
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.loading = false;
    }
  }

  async loadMembers(cursor) {
    const params = new URLSearchParams({ limit: '100' });
    if (this.query.trim()) params.set('q', this.query.trim());
    if (cursor) params.set('cursor', cursor);
    const page = await api(`/api/v1/users?${params}`);
    this.members = cursor ? [...this.members, ...page.items] : page.items;
    this.nextCursor = page.nextCursor;
  }

  async loadInvitations() {
    this.invitations = await api('/api/v1/users/invitations');
  }

  async loadPlan() {
    // The seats line is a nicety: without it the page still works, and the server still enforces the limit.
    try {
      this.plan = await api('/api/v1/billing/plan');
    } catch {
      this.plan = null;
    }
  }

  /** "2 of 10 seats used on the Professional plan", or unlimited; open invitations hold a seat each. */
  renderSeats() {
    if (!this.plan) return '';
    const { used, included } = this.plan.seats;
    const pending = this.invitations?.length || 0;
    const text = included == null
      ? `${used} active ${used === 1 ? 'member' : 'members'}; the ${this.plan.name} plan has unlimited seats.`
      : `${used + pending} of ${included} ${included === 1 ? 'seat' : 'seats'} taken on the ${this.plan.name} plan`
        + (pending ? ` (${pending} by open ${pending === 1 ? 'invitation' : 'invitations'}).` : '.');
    const full = included != null && used + pending >= included;
    return html`<p class="seats ${full ? 'full' : ''}" data-testid="seats">${text}
      ${full ? html`<span>Every seat is taken: a new invitation needs a larger plan (ask the platform owner).</span>` : ''}</p>`;
  }

  async loadPresence() {
    // Presence is a nicety on this page: without it the column says nothing rather than the page failing.
    try {
      const team = await api('/api/v1/operators/presence');
      this.presence = new Map(team.people.map((p) => [p.userId, p]));
    } catch {
      this.presence = new Map();
    }
  }

  async search(event) {
    this.query = event.target.value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.loadMembers().catch((error) => { this.error = describe(error); }), 250);
  }

  async invite(event) {
    event.preventDefault();
    const element = event.target; // read now: a shadow-DOM event forgets its target once dispatched
    const form = new FormData(element);
    this.inviting = true;
    this.inviteErrors = {};
    this.inviteError = null;
    this.created = null;
    this.copied = false;
    try {
      this.created = await api('/api/v1/users/invitations', {
        method: 'POST', body: { email: String(form.get('email')).trim(), role: form.get('role') },
      });
      element.reset();
      await this.loadInvitations();
    } catch (error) {
      this.inviteErrors = Object.fromEntries((error.errors || []).map((e) => [e.field, e.message]));
      if (!error.errors?.length) this.inviteError = describe(error);
      if (error.code === 'PLAN_UPGRADE_REQUIRED') this.loadPlan();
    } finally {
      this.inviting = false;
    }
  }

  async copyLink() {
    const input = this.renderRoot.querySelector('#invitation-link');
    try {
      await navigator.clipboard.writeText(this.created.link);
    } catch {
      // Clipboard API refused (permissions, insecure context): select the text so Ctrl+C copies it.
      input.select();
      document.execCommand('copy');
    }
    this.copied = true;
  }

  async changeRole(member, select) {
    const role = select.value;
    if (role === member.role) return;
    if (member.userId === this.myId && member.role === 'TENANT_ADMIN') {
      this.ask({
        title: 'Change your own role?',
        text: `You will no longer be a tenant admin of ${this.me.tenant.name} and will lose access to this page.`,
        action: 'Change my role', danger: true,
        run: () => this.saveRole(member, role),
        cancel: () => { select.value = member.role; },
      });
      return;
    }
    await this.saveRole(member, role, select);
  }

  async saveRole(member, role, select) {
    await this.act(async () => {
      const updated = await api(`/api/v1/users/${member.userId}`, { method: 'PATCH', body: { role } });
      this.replace(updated);
      this.notice = `${nameOf(updated)} is now ${ROLE_NAMES[updated.role].toLowerCase()}.`;
      if (updated.userId === this.myId) this.changed();
    }, () => { if (select) select.value = member.role; this.requestUpdate(); });
  }

  confirmDeactivate(member) {
    this.ask({
      title: `Deactivate ${nameOf(member)}?`,
      text: `${nameOf(member)} will be signed out at once and can no longer sign in to ${this.me.tenant.name}. `
        + 'Their conversations stay. You can reactivate them later.',
      action: 'Deactivate', danger: true,
      run: () => this.act(async () => {
        const updated = await api(`/api/v1/users/${member.userId}/deactivate`, { method: 'POST' });
        this.replace(updated);
        this.notice = `${nameOf(updated)} was deactivated.`;
      }),
    });
  }

  async reactivate(member) {
    await this.act(async () => {
      const updated = await api(`/api/v1/users/${member.userId}/reactivate`, { method: 'POST' });
      this.replace(updated);
      this.notice = `${nameOf(updated)} was reactivated and can sign in again.`;
    });
  }

  confirmRevoke(invitation) {
    this.ask({
      title: 'Revoke this invitation?',
      text: `The link sent to ${invitation.email} will stop working. You can invite them again later.`,
      action: 'Revoke', danger: true,
      run: () => this.act(async () => {
        await api(`/api/v1/users/invitations/${invitation.id}`, { method: 'DELETE' });
        this.notice = `The invitation for ${invitation.email} was revoked.`;
        if (this.created?.id === invitation.id) this.created = null;
        await this.loadInvitations();
      }),
    });
  }

  /** Runs a change; an API error is shown at the top of the page and {@code undo} puts the screen back. */
  async act(work, undo) {
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      await work();
    } catch (error) {
      this.error = describe(error);
      undo?.();
    } finally {
      this.busy = false;
    }
  }

  replace(member) {
    this.members = this.members.map((m) => (m.userId === member.userId ? member : m));
    this.loadPresence().then(() => this.requestUpdate());
  }

  changed() {
    this.dispatchEvent(new CustomEvent('console-changed', { bubbles: true, composed: true }));
  }

  ask(question) {
    this.confirming = question;
    this.updateComplete.then(() => this.renderRoot.querySelector('dialog')?.showModal());
  }

  async answer(yes) {
    const question = this.confirming;
    this.renderRoot.querySelector('dialog')?.close();
    this.confirming = null;
    if (yes) await question.run();
    else question.cancel?.();
  }

  render() {
    return html`
      <div class="head">
        <h1>Team</h1>
        <p class="muted">The people of ${this.me?.tenant?.name}, their roles and invitations.</p>
      </div>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.renderInvite()}
      ${this.renderInvitations()}
      ${this.renderMembers()}
      ${this.renderDialog()}`;
  }

  renderInvite() {
    const errors = this.inviteErrors || {};
    return html`
      <section class="panel" aria-labelledby="invite-title">
        <h2 id="invite-title">Invite someone</h2>
        ${this.renderSeats()}
        <form class="invite" @submit=${this.invite} novalidate>
          <div>
            <label for="invite-email">Email</label>
            <input id="invite-email" name="email" type="email" autocomplete="off" required maxlength="320"
                placeholder="name@example.com" aria-invalid=${errors.email ? 'true' : 'false'}
                aria-describedby="invite-email-error">
            ${errors.email ? html`<p class="field-error" id="invite-email-error">Email ${errors.email}</p>` : ''}
          </div>
          <div>
            <label for="invite-role">Role</label>
            <select id="invite-role" name="role">
              ${ROLES.map(([value, label]) => html`<option value=${value} ?selected=${value === 'OPERATOR'}>${label}</option>`)}
            </select>
            ${errors.role ? html`<p class="field-error">Role ${errors.role}</p>` : ''}
          </div>
          <button type="submit" ?disabled=${this.inviting}>${this.inviting ? 'Inviting…' : 'Invite'}</button>
        </form>
        ${this.inviteError ? html`<p class="error" role="alert" style="margin: 0.8rem 0 0">${this.inviteError}</p>` : ''}
        ${this.created ? html`
          <div class="link-box" role="status">
            <p><strong>Invitation created for ${this.created.email}</strong> as ${ROLE_NAMES[this.created.role].toLowerCase()}.
              An invitation mail is on its way to them (kept in the Mail outbox when no mail server is configured).
              You can also send this link yourself: it works once, until
              ${day.format(new Date(this.created.expiresAt))}.</p>
            <div class="link-row">
              <input id="invitation-link" readonly aria-label="Invitation link" .value=${this.created.link}
                  @focus=${(e) => e.target.select()}>
              <button class="secondary" @click=${this.copyLink}>${this.copied ? 'Copied' : 'Copy link'}</button>
            </div>
          </div>` : ''}
      </section>`;
  }

  renderInvitations() {
    return html`
      <section class="panel" aria-labelledby="invitations-title">
        <h2 id="invitations-title">Pending invitations <span class="count">${this.invitations.length || ''}</span></h2>
        ${this.invitations.length === 0 ? html`<p class="empty">No pending invitations.</p>` : html`
          <table aria-label="Pending invitations">
            <thead><tr><th>Email</th><th>Role</th><th>Invited</th><th>Link valid until</th><th></th></tr></thead>
            <tbody>
              ${this.invitations.map((i) => html`
                <tr>
                  <td>${i.email}</td>
                  <td>${ROLE_NAMES[i.role]}</td>
                  <td class="nowrap">${when.format(new Date(i.createdAt))}</td>
                  <td class="nowrap">${when.format(new Date(i.expiresAt))}</td>
                  <td class="actions">
                    <button class="secondary danger" ?disabled=${this.busy} aria-label="Revoke the invitation for ${i.email}"
                        @click=${() => this.confirmRevoke(i)}>Revoke</button>
                  </td>
                </tr>`)}
            </tbody>
          </table>`}
      </section>`;
  }

  renderMembers() {
    return html`
      <section class="panel" aria-labelledby="members-title">
        <h2 id="members-title">Members <span class="count">${this.members.length || ''}</span></h2>
        <div class="toolbar">
          <input type="search" aria-label="Search members" placeholder="Search by name or email"
              .value=${this.query} @input=${this.search}>
          <span class="spacer"></span>
          <button class="secondary" @click=${() => this.load()} ?disabled=${this.loading}>Refresh</button>
        </div>
        ${this.loading && this.members.length === 0 ? html`<p class="empty">Loading members…</p>`
          : this.members.length === 0 ? html`<p class="empty">${this.query ? 'Nobody matches this search.' : 'No members yet.'}</p>`
          : html`
          <table aria-label="Members">
            <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Status</th><th>Last sign-in</th><th>Presence</th><th></th></tr></thead>
            <tbody>${this.members.map((m) => this.renderMember(m))}</tbody>
          </table>`}
        ${this.nextCursor ? html`<button class="secondary more" @click=${() => this.loadMembers(this.nextCursor)}>Show more</button>` : ''}
      </section>`;
  }

  renderMember(m) {
    const active = m.status === 'ACTIVE';
    const self = m.userId === this.myId;
    const presence = active ? this.presence.get(m.userId)?.presence : null;
    return html`
      <tr class=${active ? '' : 'deactivated'} data-user=${m.userId}>
        <td>${m.name || html`<span class="muted">—</span>`}${self ? html`<span class="you">(you)</span>` : ''}</td>
        <td class="email">${m.email}</td>
        <td>
          <select aria-label="Role of ${nameOf(m)}" ?disabled=${this.busy || !active} .value=${live(m.role)}
              @change=${(e) => this.changeRole(m, e.target)}>
            <option value="TENANT_ADMIN">Tenant admin</option>
            <option value="ADMIN_OPERATOR">Admin operator</option>
            <option value="OPERATOR">Operator</option>
          </select>
        </td>
        <td><span class="badge ${active ? 'active' : 'deactivated'}" data-testid="status">${active ? 'Active' : 'Deactivated'}</span></td>
        <td class="nowrap">${m.lastLoginAt ? when.format(new Date(m.lastLoginAt)) : html`<span class="muted">Never</span>`}</td>
        <td>${presence ? html`<span class="presence"><span class="dot ${presence}"></span>${PRESENCE_NAMES[presence]}</span>`
          : html`<span class="muted">—</span>`}</td>
        <td class="actions">
          ${active
            ? html`<button class="secondary danger" ?disabled=${this.busy || self}
                  title=${self ? 'You cannot deactivate yourself' : ''} aria-label="Deactivate ${nameOf(m)}"
                  @click=${() => this.confirmDeactivate(m)}>Deactivate</button>`
            : html`<button class="secondary" ?disabled=${this.busy} aria-label="Reactivate ${nameOf(m)}"
                  @click=${() => this.reactivate(m)}>Reactivate</button>`}
        </td>
      </tr>`;
  }

  renderDialog() {
    const q = this.confirming;
    return html`
      <dialog aria-labelledby="confirm-title" aria-describedby="confirm-text"
          @cancel=${(e) => { e.preventDefault(); this.answer(false); }}>
        ${q ? html`
          <h2 id="confirm-title">${q.title}</h2>
          <p id="confirm-text">${q.text}</p>
          <div class="buttons">
            <button class="secondary" @click=${() => this.answer(false)}>Cancel</button>
            <button class=${q.danger ? 'danger' : ''} @click=${() => this.answer(true)}>${q.action}</button>
          </div>` : ''}
      </dialog>`;
  }
}
customElements.define('parley-team', Team);
